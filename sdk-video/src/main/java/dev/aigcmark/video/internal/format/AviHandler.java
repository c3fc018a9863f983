package dev.aigcmark.video.internal.format;

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
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.StorePlacement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * AVI: the label is the {@code AIGC} child of a {@code LIST INFO} (a top-level {@code AIGC} chunk, as WAV has it,
 * is read as a tolerated place). Writing never moves the frames: a new {@code LIST INFO} holding only the label is
 * appended at the end of the RIFF (where ffmpeg's demuxer reads INFO after idx1), and an older AIGC chunk is
 * taken out of its list with a JUNK chunk filling its room. A C2PA manifest store goes into a {@code C2PA} chunk at
 * the end of the RIFF, as the reference writes it. OpenDML files (more than one RIFF) are not written.
 */
public final class AviHandler implements FormatHandler, LabelWriter, C2paEmbedding {
    private static final int MAX_TEXT = 64 * 1024;

    @Override
    public String id() {
        return "avi";
    }

    @Override
    public String mediaType() {
        return "video/x-msvideo";
    }

    @Override
    public List<String> extensions() {
        return List.of("avi");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return length >= 12 && new String(head, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(head, 8, 4, StandardCharsets.ISO_8859_1).equals("AVI ");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("LIST INFO child AIGC"),
                LabelCarrierSpec.tolerated("a top-level AIGC chunk in the RIFF"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        for (RiffChunks.Chunk ch : RiffChunks.walk(input, context.limits())) {
            if (ch.id().equals("C2PA") && ch.path().matches("/RIFF:[^/]+/C2PA")) {
                // The manifest store where the reference puts it: a chunk of the (first) RIFF, excluded whole
                // (header and pad byte) from the data hash.
                c.carrier(new Carrier(CarrierType.JUMBF, "RIFF chunk C2PA at " + ch.offset(), ch.offset(),
                        ch.end() - ch.offset(), RiffChunks.data(input, ch, context.limits().maxMetadataBytes())));
                continue;
            }
            if (!ch.id().equals("AIGC")) {
                continue;
            }
            boolean inInfo = ch.path().contains("/LIST:INFO/");
            byte[] text = RiffChunks.text(input, ch, MAX_TEXT).getBytes(StandardCharsets.UTF_8);
            c.carrier(new Carrier(CarrierType.AIGC_JSON, (inInfo ? "LIST INFO/AIGC" : "RIFF chunk AIGC") + " at " + ch.offset(),
                    ch.offset(), ch.end() - ch.offset(), text, inInfo ? Placement.STANDARD : Placement.NONSTANDARD));
        }
        return c.build();
    }

    /**
     * Places the store in a {@code C2PA} chunk at the end of the RIFF, where the reference puts it; an older one
     * becomes JUNK of its size, so no frame and no index offset moves. The data hash excludes the new chunk.
     */
    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        List<RiffChunks.Chunk> chunks = RiffChunks.walk(input, ctx.limits());
        RiffChunks.Chunk riff = singleRiff(chunks, "a C2PA manifest");
        byte[] chunk = RiffChunks.chunk("C2PA", store);
        byte[] riffHeader = input.readFully(0, 8);
        ByteBuffer.wrap(riffHeader, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (riff.size() + (riff.size() & 1) + chunk.length));
        output.write(riffHeader);
        long pos = 8;
        for (RiffChunks.Chunk ch : chunks) {
            if (ch.id().equals("C2PA") && ch.path().matches("/RIFF:[^/]+/C2PA")) {
                copy(input, output, pos, ch.offset());
                output.write(RiffChunks.junk(ch.end() - ch.offset()));
                pos = ch.end();
            }
        }
        copy(input, output, pos, riff.end());
        long at = riff.end();
        output.write(chunk);
        copy(input, output, riff.end(), input.size());
        return new StorePlacement(at, chunk.length);
    }

    private static RiffChunks.Chunk singleRiff(List<RiffChunks.Chunk> chunks, String what) throws UnreadableInputException {
        List<RiffChunks.Chunk> riffs = chunks.stream().filter(ch -> ch.id().equals("RIFF")).toList();
        if (riffs.size() != 1 || riffs.get(0).offset() != 0) {
            throw new UnreadableInputException("writing " + what + " into an OpenDML AVI (several RIFF lists) is not supported");
        }
        return riffs.get(0);
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        List<RiffChunks.Chunk> chunks = RiffChunks.walk(input, context.limits());
        RiffChunks.Chunk riff = singleRiff(chunks, "a label");
        byte[] label = LabelJson.toBareJson(edit.label()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes("INFO".getBytes(StandardCharsets.US_ASCII));
        list.writeBytes(RiffChunks.chunk("AIGC", Arrays.copyOf(label, label.length + 1)));
        byte[] info = RiffChunks.chunk("LIST", list.toByteArray());
        // The new list goes right after the RIFF's last whole chunk, where a reader's walk ends: bytes after it too
        // few to be a chunk (a damaged tail) stay behind it, else they would swallow its header. An odd-sized last
        // chunk without its pad byte (the RIFF's own pad byte serves when it has one) gets it first, so the list
        // starts where readers look for it.
        long lastChildEnd = chunks.stream().filter(ch -> ch.path().equals(riff.path() + "/" + ch.id() + listSuffix(ch)))
                .mapToLong(RiffChunks.Chunk::end).max().orElse(riff.dataOffset());
        int pad = lastChildEnd > riff.end() ? 1 : 0;
        long insertAt = Math.min(lastChildEnd, riff.end());
        // Streamed: the frames are copied in ranges, never held; only the RIFF size and old label chunks change.
        byte[] riffHeader = input.readFully(0, 8);
        ByteBuffer.wrap(riffHeader, 4, 4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) (riff.size() + (riff.size() & 1) + pad + info.length));
        output.write(riffHeader);
        long pos = 8;
        for (RiffChunks.Chunk ch : chunks) {
            boolean infoWithLabel = "INFO".equals(ch.listType()) && chunks.stream()
                    .anyMatch(c -> c.id().equals("AIGC") && childOf(c, ch));
            boolean bareLabel = ch.id().equals("AIGC") && !ch.path().contains("/LIST:INFO/");
            if (infoWithLabel || bareLabel) {
                copy(input, output, pos, ch.offset());
                output.write(bareLabel ? RiffChunks.junk(ch.end() - ch.offset()) : infoWithoutLabel(input, ch, chunks));
                pos = ch.end();
            }
        }
        copy(input, output, pos, insertAt);
        if (pos <= insertAt) {
            output.write(new byte[pad]); // else the last chunk was a label, replaced with its pad byte
        }
        output.write(info);
        copy(input, output, Math.max(pos, insertAt), riff.end());
        copy(input, output, riff.end(), input.size());
    }

    /** What a chunk's path adds after its id: {@code :TYPE} for a list. */
    private static String listSuffix(RiffChunks.Chunk ch) {
        return ch.listType() == null ? "" : ":" + ch.listType();
    }

    /** Whether {@code c} is a direct child of the list {@code list} (paths repeat: two INFO lists share one). */
    private static boolean childOf(RiffChunks.Chunk c, RiffChunks.Chunk list) {
        return c.path().equals(list.path() + "/" + c.id()) && c.offset() > list.offset() && c.end() <= list.end();
    }


    /**
     * An older INFO list without its AIGC chunk(s), followed by JUNK filling their room (a JUNK inside INFO would
     * show up as a tag): the list's other tags are kept and nothing after it moves.
     */
    private static byte[] infoWithoutLabel(MediaInput input, RiffChunks.Chunk info, List<RiffChunks.Chunk> chunks)
            throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.writeBytes("INFO".getBytes(StandardCharsets.US_ASCII));
        for (RiffChunks.Chunk c : chunks) {
            if (childOf(c, info) && !c.id().equals("AIGC")) {
                if (c.end() - c.offset() > MAX_TEXT) {
                    throw new UnreadableInputException("INFO chunk '" + c.id() + "' at " + c.offset() + " is over " + MAX_TEXT + " bytes");
                }
                kept.writeBytes(input.readFully(c.offset(), (int) (c.end() - c.offset())));
            }
        }
        byte[] list = RiffChunks.chunk("LIST", kept.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(list);
        out.writeBytes(RiffChunks.junk(info.end() - info.offset() - list.length));
        return out.toByteArray();
    }

    private static void copy(MediaInput in, OutputStream out, long from, long to) throws IOException {
        byte[] buf = new byte[(int) Math.min(1 << 20, Math.max(0, to - from))];
        for (long pos = from; pos < to; ) {
            int n = in.read(pos, buf, 0, (int) Math.min(buf.length, to - pos));
            if (n <= 0) {
                throw new UnreadableInputException("AVI ended at " + pos + " while copying");
            }
            out.write(buf, 0, n);
            pos += n;
        }
    }

}
