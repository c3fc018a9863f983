package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.internal.riff.RiffChunks;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.NotingContentMarker;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.video.internal.audio.container.FlacBlocks;
import dev.aigcmark.video.internal.audio.container.FlacBlocks.Block;
import dev.aigcmark.video.internal.audio.container.Id3Frames;
import dev.aigcmark.video.internal.audio.container.Id3Tag;
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.container.VorbisComments;

import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * FLAC: the label is the Vorbis comment {@code AIGC=} (bare JSON), XMP an APPLICATION block {@code riff} holding a
 * RIFF {@code _PMX} chunk (the form {@code flac --keep-foreign-metadata} and exiftool use), C2PA a {@code GEOB}
 * object in an ID3v2 tag before {@code fLaC} (where the C2PA reference puts it). Audio frames are copied byte for
 * byte and stay in place when a PADDING block can absorb the change. Marking the content ({@link #markContent})
 * decodes the frames, marks the samples ({@link CodedAudio}) and encodes them again (FFmpeg's flac, same bit depth):
 * the new STREAMINFO and frames, with every other metadata block (comments, pictures, application blocks, padding)
 * and an ID3v2 tag before {@code fLaC} copied from the original; a SEEKTABLE, which points into the old frames, is
 * dropped.
 */
public final class FlacHandler implements FormatHandler, LabelWriter, C2paEmbedding, NotingContentMarker {
    /** FLAC's SEEKTABLE block: its offsets point into the old frames, so a re-encoded stream drops it. */
    private static final int SEEKTABLE = 3;
    private static final String KEY = "AIGC";
    private static final byte[] RIFF_APP = "riff".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String id() {
        return "flac";
    }

    @Override
    public String mediaType() {
        return "audio/flac";
    }

    @Override
    public List<String> extensions() {
        return List.of("flac");
    }

    @Override
    public int sniffLength() {
        return 4096;
    }

    /** Before MP3: both accept a leading ID3v2 tag, and only this one checks for {@code fLaC} behind it. */
    @Override
    public int priority() {
        return 1;
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        if (Id3Tag.startsAt(head, 0, length)) {
            long after = Id3Tag.sizeAt(head, 0);
            if (after + 4 <= length) {
                return isMarker(head, (int) after);
            }
            return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".flac");
        }
        return length >= 4 && isMarker(head, 0);
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("VORBIS_COMMENT entry AIGC= (bare JSON)"),
                LabelCarrierSpec.tolerated("XMP TC260:AIGC in an APPLICATION riff block's _PMX chunk"),
                LabelCarrierSpec.tolerated("ID3v2 TXXX frame AIGC in a tag before fLaC"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        Id3Tag id3 = Id3Tag.read(input, 0, context.limits());
        if (id3 != null) {
            Id3Frames.carriers(id3, c, Placement.NONSTANDARD);
        }
        for (Block b : FlacBlocks.read(input, id3 == null ? 0 : id3.totalSize(), context.limits())) {
            if (b.type() == FlacBlocks.VORBIS_COMMENT) {
                VorbisComments vc = comments(input, b, context);
                for (String v : vc.values(KEY)) {
                    c.carrier(new Carrier(CarrierType.AIGC_JSON, "VORBIS_COMMENT AIGC at " + b.offset(), b.offset(),
                            b.end() - b.offset(), v.strip().getBytes(StandardCharsets.UTF_8)));
                }
            } else if (b.type() == FlacBlocks.APPLICATION) {
                byte[] xmp = xmp(payload(input, b, context));
                if (xmp != null) {
                    c.carrier(new Carrier(CarrierType.XMP, "APPLICATION riff _PMX at " + b.offset(), b.offset(),
                            b.end() - b.offset(), xmp, Placement.NONSTANDARD));
                }
            }
        }
        c.view(AudioSamplesView.class, () -> CodedAudio.view(input, context));
        return c.build();
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        Id3Tag id3 = Id3Tag.read(input, 0, context.limits());
        long marker = id3 == null ? 0 : id3.totalSize();
        List<Block> blocks = FlacBlocks.read(input, marker, context.limits());
        String json = LabelJson.toBareJson(edit.label());
        List<byte[]> metadata = new ArrayList<>(); // payloads, with the type in the first byte of each header we build
        List<Integer> types = new ArrayList<>();
        List<Block> copied = new ArrayList<>();
        boolean hasComment = blocks.stream().anyMatch(b -> b.type() == FlacBlocks.VORBIS_COMMENT);
        boolean hasXmp = false;
        for (Block b : blocks) {
            byte[] xmp = b.type() == FlacBlocks.APPLICATION ? xmp(payload(input, b, context)) : null;
            if (b.type() == FlacBlocks.VORBIS_COMMENT) {
                add(metadata, types, copied, FlacBlocks.VORBIS_COMMENT, comments(input, b, context).with(KEY, json).toBytes());
            } else if (xmp != null) {
                hasXmp = true;
                add(metadata, types, copied, FlacBlocks.APPLICATION, riffXmp(LabelXmp.packet(xmp, edit, context)));
            } else {
                add(metadata, types, copied, b.type(), null);
                copied.set(copied.size() - 1, b);
            }
            if (b.type() == FlacBlocks.STREAMINFO && !hasComment) {
                add(metadata, types, copied, FlacBlocks.VORBIS_COMMENT,
                        VorbisComments.empty("AIGC Mark").with(KEY, json).toBytes());
            }
        }
        if (!hasXmp && edit.digitalSourceType() != null) {
            add(metadata, types, copied, FlacBlocks.APPLICATION, riffXmp(LabelXmp.packet(null, edit, context)));
        }
        keepFramesInPlace(metadata, types, copied, blocks);
        Pieces out = new Pieces();
        if (id3 != null && id3.frames().stream().anyMatch(Id3Frames::isLabel)) {
            int major = Id3Frames.majorFor(id3); // a tolerated label there is updated too: one label per file
            out.bytes(Id3Frames.tag(id3, major, Id3Frames.withLabel(id3, major, edit, context)));
        } else {
            out.range(0, marker);
        }
        out.bytes("fLaC".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < types.size(); i++) {
            boolean last = i == types.size() - 1;
            Block src = copied.get(i);
            if (src != null) {
                byte[] h = input.readFully(src.offset(), 4);
                h[0] = (byte) ((last ? 0x80 : 0) | src.type());
                out.bytes(h).range(src.payloadOffset(), src.length());
            } else {
                out.bytes(FlacBlocks.block(types.get(i), metadata.get(i), last));
            }
        }
        long frames = blocks.get(blocks.size() - 1).end();
        out.range(frames, input.size() - frames);
        out.writeTo(input, output);
    }

    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        Id3Tag id3 = Id3Tag.read(input, 0, context.limits());
        long marker = id3 == null ? 0 : id3.totalSize();
        List<Block> kept = FlacBlocks.read(input, marker, context.limits()).stream()
                .filter(b -> b.type() != FlacBlocks.STREAMINFO && b.type() != SEEKTABLE).toList();
        return CodedAudio.mark(input, edit, context, "flac", encoded -> {
            List<Block> fresh = FlacBlocks.read(encoded, 0, context.limits());
            Block info = fresh.get(0);
            if (info.type() != FlacBlocks.STREAMINFO) {
                throw new UnreadableInputException("the FLAC encoder wrote no STREAMINFO first");
            }
            new Pieces().range(0, marker).bytes("fLaC".getBytes(StandardCharsets.US_ASCII)).writeTo(input, output);
            blockTo(encoded, info, kept.isEmpty(), output);
            for (int i = 0; i < kept.size(); i++) {
                blockTo(input, kept.get(i), i == kept.size() - 1, output);
            }
            long frames = fresh.get(fresh.size() - 1).end();
            new Pieces().range(frames, encoded.size() - frames).writeTo(encoded, output);
        });
    }

    /** A metadata block as it stands in {@code from}, with the last-block flag set as asked. */
    private static void blockTo(MediaInput from, Block b, boolean last, OutputStream output) throws IOException {
        byte[] header = from.readFully(b.offset(), 4);
        header[0] = (byte) ((last ? 0x80 : 0) | b.type());
        new Pieces().bytes(header).range(b.payloadOffset(), b.length()).writeTo(from, output);
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        Id3Tag id3 = Id3Tag.read(input, 0, ctx.limits());
        long marker = id3 == null ? 0 : id3.totalSize();
        FlacBlocks.read(input, marker, ctx.limits()); // refuse what is not FLAC before writing anything
        return Id3Frames.withStore(input, id3, 0, marker, store, output);
    }

    /**
     * When the new metadata is no larger than the old, a PADDING block grows (or appears) to fill the difference,
     * so every audio frame keeps its offset; when larger, an existing PADDING block shrinks to absorb what it can.
     */
    private static void keepFramesInPlace(List<byte[]> metadata, List<Integer> types, List<Block> copied,
                                          List<Block> old) {
        long oldSize = old.get(old.size() - 1).end() - old.get(0).offset();
        long newSize = 0;
        int padding = -1;
        for (int i = 0; i < types.size(); i++) {
            newSize += 4 + (copied.get(i) != null ? copied.get(i).length() : metadata.get(i).length);
            if (types.get(i) == FlacBlocks.PADDING && padding < 0) {
                padding = i;
            }
        }
        long delta = oldSize - newSize;
        if (padding >= 0) {
            int current = copied.get(padding) != null ? copied.get(padding).length() : metadata.get(padding).length;
            long size = current + delta;
            if (size >= 0 && size < 1 << 24) {
                metadata.set(padding, new byte[(int) size]);
                copied.set(padding, null);
            } else if (size < 0) {
                metadata.set(padding, new byte[0]);
                copied.set(padding, null);
            }
        } else if (delta >= 4) {
            add(metadata, types, copied, FlacBlocks.PADDING, new byte[(int) Math.min(delta - 4, (1 << 24) - 1)]);
        }
    }

    private static void add(List<byte[]> metadata, List<Integer> types, List<Block> copied, int type, byte[] payload) {
        metadata.add(payload);
        types.add(type);
        copied.add(null);
    }

    private static VorbisComments comments(MediaInput input, Block b, SdkContext ctx) throws IOException {
        return VorbisComments.parse(payload(input, b, ctx), 0, ctx.limits().maxBoxCount()).comments();
    }

    private static byte[] payload(MediaInput input, Block b, SdkContext ctx) throws IOException {
        if (b.length() > ctx.limits().maxMetadataBytes()) {
            throw new UnreadableInputException("FLAC block at " + b.offset()
                    + " is over the metadata limit");
        }
        return input.readFully(b.payloadOffset(), b.length());
    }

    /** The XMP packet of an APPLICATION {@code riff} block holding a {@code _PMX} chunk, or null. */
    private static byte[] xmp(byte[] app) {
        if (app.length < 12 || !Arrays.equals(app, 0, 4, RIFF_APP, 0, 4)
                || !new String(app, 4, 4, StandardCharsets.ISO_8859_1).equals("_PMX")) {
            return null;
        }
        long len = (app[8] & 0xFFL) | (app[9] & 0xFFL) << 8 | (app[10] & 0xFFL) << 16 | (app[11] & 0xFFL) << 24;
        return len > app.length - 12 ? null : Arrays.copyOfRange(app, 12, 12 + (int) len);
    }

    private static byte[] riffXmp(byte[] packet) {
        byte[] chunk = RiffChunks.chunk("_PMX", packet);
        byte[] out = Arrays.copyOf(RIFF_APP, 4 + chunk.length);
        System.arraycopy(chunk, 0, out, 4, chunk.length);
        return out;
    }

    private static boolean isMarker(byte[] b, int off) {
        return b[off] == 'f' && b[off + 1] == 'L' && b[off + 2] == 'a' && b[off + 3] == 'C';
    }
}
