package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.internal.riff.RiffChunks;
import dev.aigcmark.core.internal.riff.RiffChunks.Chunk;
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
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * WAV (RIFF {@code WAVE}). The label is a top-level {@code AIGC} chunk holding the bare JSON, as the TC260 audio
 * guide names it; {@code LIST INFO/AIGC} (the AVI habit) is read as a tolerated place. XMP lives in {@code _PMX}
 * (Adobe's chunk, read by exiftool), C2PA in a {@code C2PA} chunk (C2PA 2.x, RIFF). Writing copies every other
 * chunk byte for byte and streams the samples; the label goes just before {@code data} so streaming readers
 * meet it first. PCM samples are offered to the audio watermark detector ({@link AudioSamplesView}) and marked by
 * {@link #markContent} ({@link WavContent}).
 */
public final class WavHandler implements FormatHandler, LabelWriter, C2paEmbedding, NotingContentMarker {
    static final String LABEL = "AIGC";
    static final String XMP = "_PMX";
    static final String C2PA = "C2PA";

    @Override
    public String id() {
        return "wav";
    }

    @Override
    public String mediaType() {
        return "audio/wav";
    }

    @Override
    public List<String> extensions() {
        return List.of("wav", "wave");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return length >= 12 && ascii(head, 0).equals("RIFF") && ascii(head, 8).equals("WAVE");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("RIFF chunk AIGC (bare JSON)"),
                LabelCarrierSpec.tolerated("LIST INFO child AIGC"),
                LabelCarrierSpec.tolerated("XMP TC260:AIGC in the _PMX chunk"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        c.view(AudioSamplesView.class, () -> WavContent.view(input, context));
        int max = context.limits().maxMetadataBytes();
        for (Chunk ch : topLevel(input, context)) {
            String where = ch.id() + " chunk at " + ch.offset();
            long whole = Math.min(ch.end(), input.size()) - ch.offset();
            switch (ch.id()) {
                case LABEL -> c.carrier(new Carrier(CarrierType.AIGC_JSON, "RIFF chunk AIGC at " + ch.offset(),
                        ch.offset(), whole, RiffChunks.text(input, ch, max).getBytes(StandardCharsets.UTF_8)));
                case XMP -> c.carrier(new Carrier(CarrierType.XMP, where, ch.offset(), whole, payload(input, ch, max),
                        Placement.NONSTANDARD));
                case C2PA -> c.carrier(new Carrier(CarrierType.JUMBF, where, ch.offset(), whole, payload(input, ch, max)));
                default -> {
                }
            }
        }
        for (Chunk ch : RiffChunks.walk(input, context.limits())) {
            if (ch.id().equals(LABEL) && ch.path().contains("/LIST:INFO/")) {
                c.carrier(Carrier.nonStandard(CarrierType.AIGC_JSON, "LIST INFO/AIGC at " + ch.offset(), ch.offset(),
                        ch.end() - ch.offset(), RiffChunks.text(input, ch, max).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return c.build();
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        List<Chunk> all = RiffChunks.walk(input, context.limits());
        byte[] label = RiffChunks.chunk(LABEL, LabelJson.toBareJson(edit.label()).getBytes(StandardCharsets.UTF_8));
        boolean hasXmp = all.stream().anyMatch(ch -> ch.id().equals(XMP) && depth(ch) == 1);
        Pieces body = new Pieces();
        boolean placed = false;
        for (Chunk ch : topLevel(input, context)) {
            if (!placed && ch.id().equals("data")) {
                body.bytes(label);
                if (!hasXmp && edit.digitalSourceType() != null) {
                    body.bytes(RiffChunks.chunk(XMP, LabelXmp.packet(null, edit, context)));
                }
                placed = true;
            }
            switch (ch.id()) {
                case LABEL -> {
                }
                case XMP -> body.bytes(RiffChunks.chunk(XMP, LabelXmp.packet(
                        payload(input, ch, context.limits().maxMetadataBytes()), edit, context)));
                case "LIST" -> {
                    if ("INFO".equals(ch.listType()) && all.stream().anyMatch(c -> isLabelIn(c, ch))) {
                        infoWithoutLabel(input, ch, all, body, context);
                    } else {
                        copy(input, ch, body);
                    }
                }
                default -> copy(input, ch, body);
            }
        }
        if (!placed) {
            body.bytes(label);
        }
        writeRiff(input, body, output, context);
    }

    /** Embeds our audio watermark in the samples (the explicit audio prompt is not inserted yet). */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        return WavContent.mark(input, output, edit, context);
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        Pieces body = new Pieces();
        for (Chunk ch : topLevel(input, ctx)) {
            if (!ch.id().equals(C2PA)) {
                copy(input, ch, body);
            }
        }
        long at = 12 + body.size();
        byte[] chunk = RiffChunks.chunk(C2PA, store);
        body.bytes(chunk);
        writeRiff(input, body, output, ctx);
        return new StorePlacement(at, chunk.length);
    }

    /** The RIFF header with the new size, the planned chunks, then whatever followed the RIFF in the input. */
    private static void writeRiff(MediaInput input, Pieces body, OutputStream output, SdkContext ctx) throws IOException {
        long riffEnd = riffEnd(input);
        long size = 4 + body.size();
        if (size > 0xFFFF_FFFFL) {
            throw new UnreadableInputException("the WAV would exceed 4 GB (RF64 is not written)");
        }
        Pieces out = new Pieces();
        byte[] header = input.readFully(0, 12);
        header[4] = (byte) size;
        header[5] = (byte) (size >>> 8);
        header[6] = (byte) (size >>> 16);
        header[7] = (byte) (size >>> 24);
        out.bytes(header);
        out.writeTo(input, output);
        body.writeTo(input, output);
        new Pieces().range(riffEnd, input.size() - riffEnd).writeTo(input, output);
    }

    /** The RIFF's chunks (children of {@code RIFF WAVE}), in file order. */
    private static List<Chunk> topLevel(MediaInput input, SdkContext context) throws IOException {
        List<Chunk> all = RiffChunks.walk(input, context.limits());
        if (all.isEmpty() || !all.get(0).id().equals("RIFF") || !"WAVE".equals(all.get(0).listType())) {
            throw new UnreadableInputException("not a RIFF WAVE file");
        }
        return all.stream().filter(ch -> depth(ch) == 1 && ch.offset() < all.get(0).end()).toList();
    }

    private static long riffEnd(MediaInput input) throws IOException {
        byte[] h = input.readFully(4, 4);
        long size = (h[0] & 0xFFL) | (h[1] & 0xFFL) << 8 | (h[2] & 0xFFL) << 16 | (h[3] & 0xFFL) << 24;
        return Math.min(input.size(), 8 + size + (size & 1));
    }

    private static int depth(Chunk ch) {
        return (int) ch.path().chars().filter(x -> x == '/').count() - 1;
    }

    private static boolean isLabelIn(Chunk c, Chunk list) {
        return c.id().equals(LABEL) && c.offset() > list.offset() && c.end() <= list.end()
                && c.path().equals(list.path() + "/" + LABEL);
    }

    /** A chunk as it stands, its pad byte restored when the file ends without it. */
    private static void copy(MediaInput input, Chunk ch, Pieces body) throws IOException {
        long end = Math.min(ch.end(), input.size());
        body.range(ch.offset(), end - ch.offset());
        if (end < ch.end()) {
            body.bytes(new byte[(int) (ch.end() - end)]);
        }
    }

    /** An INFO list's other tags, kept byte for byte, without its AIGC chunk(s): the file keeps one label. */
    private static void infoWithoutLabel(MediaInput input, Chunk info, List<Chunk> all, Pieces body, SdkContext ctx)
            throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.writeBytes("INFO".getBytes(StandardCharsets.US_ASCII));
        for (Chunk c : all) {
            if (c.path().equals(info.path() + "/" + c.id()) && c.offset() > info.offset() && c.end() <= info.end()
                    && !c.id().equals(LABEL)) {
                kept.writeBytes(payloadWithHeader(input, c, ctx.limits().maxMetadataBytes()));
            }
        }
        if (kept.size() > 4) {
            body.bytes(RiffChunks.chunk("LIST", kept.toByteArray()));
        }
    }

    private static byte[] payload(MediaInput input, Chunk ch, int max) throws IOException {
        return RiffChunks.data(input, ch, max);
    }

    private static byte[] payloadWithHeader(MediaInput input, Chunk ch, int max) throws IOException {
        return RiffChunks.chunk(ch.id(), payload(input, ch, max));
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }
}
