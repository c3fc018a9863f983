package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.NotingContentMarker;
import dev.aigcmark.video.internal.audio.container.OggPages;
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.container.VorbisComments;

import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Ogg Opus and Ogg Vorbis: the label is the comment {@code AIGC=} (bare JSON) in the comment header (OpusTags, or
 * Vorbis's second header). Writing re-paginates the header packets with correct CRCs; audio pages are copied as
 * they are, and only renumbered (sequence number and CRC, never a payload byte) when the headers need more pages
 * than before. C2PA defines no Ogg embedding, so none is written.
 */
public final class OggHandler implements FormatHandler, LabelWriter, NotingContentMarker {
    private static final String KEY = "AIGC";
    private static final byte[] OPUS_HEAD = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPUS_TAGS = "OpusTags".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VORBIS = "vorbis".getBytes(StandardCharsets.US_ASCII);

    /** The two codecs whose comment header we know: how many header packets each has and its comment prefix. */
    private enum Codec {
        OPUS(2, OPUS_TAGS), VORBIS(3, concat(new byte[]{3}, OggHandler.VORBIS));

        final int headers;
        final byte[] commentPrefix;

        Codec(int headers, byte[] commentPrefix) {
            this.headers = headers;
            this.commentPrefix = commentPrefix;
        }
    }

    @Override
    public String id() {
        return "ogg";
    }

    @Override
    public String mediaType() {
        return "audio/ogg";
    }

    @Override
    public List<String> extensions() {
        return List.of("ogg", "opus", "oga");
    }

    @Override
    public int sniffLength() {
        return 27 + 255 + 8;
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return codec(head, length) != null;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("comment header entry AIGC= (OpusTags or Vorbis comment; bare JSON)"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        Codec codec = codec(input);
        OggPages.Headers h = OggPages.headers(input, codec.headers, context.limits());
        VorbisComments vc = comments(h.packets().get(1), codec, context).comments();
        OggPages.Page page = h.pages().get(Math.min(1, h.pages().size() - 1));
        for (String v : vc.values(KEY)) {
            c.carrier(new Carrier(CarrierType.AIGC_JSON, "Ogg " + codec.name().toLowerCase(Locale.ROOT)
                    + " comment AIGC", page.offset(), -1, v.strip().getBytes(StandardCharsets.UTF_8)));
        }
        c.view(AudioSamplesView.class, () -> CodedAudio.view(input, context));
        return c.build();
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        String json = LabelJson.toBareJson(edit.label());
        writeWithComments(input, output, c -> c.with(KEY, json), context);
    }

    /**
     * Decodes the stream, marks the samples ({@link CodedAudio}) and encodes them again with the same codec (libopus,
     * or FFmpeg's own Vorbis encoder, the only one in the natives), then puts the original's comments (vendor string
     * included) in place of the encoder's.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        Codec codec = codec(input);
        VorbisComments original = comments(OggPages.headers(input, codec.headers, context.limits()).packets().get(1),
                codec, context).comments();
        return CodedAudio.mark(input, edit, context, "ogg", encoded -> {
            if (codec(encoded) != codec) {
                throw new UnreadableInputException("the encoder wrote another codec than " + codec);
            }
            writeWithComments(encoded, output, c -> original, context);
        });
    }

    /** Rewrites the comment header with {@code change} applied to its comments; every audio page is kept. */
    private static void writeWithComments(MediaInput input, OutputStream output, UnaryOperator<VorbisComments> change,
                                          SdkContext context) throws IOException {
        Codec codec = codec(input);
        OggPages.Headers h = OggPages.headers(input, codec.headers, context.limits());
        OggPages.Page first = h.pages().get(0);
        if (h.pages().size() < 2 || first.end() != h.pages().get(1).offset()) {
            throw new UnreadableInputException("the Ogg identification header must be alone on the first page");
        }
        byte[] old = h.packets().get(1);
        VorbisComments.Parsed parsed = comments(old, codec, context);
        ByteArrayOutputStream comment = new ByteArrayOutputStream();
        comment.writeBytes(codec.commentPrefix);
        comment.writeBytes(change.apply(parsed.comments()).toBytes());
        comment.write(old, parsed.end(), old.length - parsed.end()); // Vorbis framing bit, Opus binary data
        List<byte[]> packets = new ArrayList<>(h.packets().subList(1, h.packets().size()));
        packets.set(0, comment.toByteArray());
        boolean[] own = Arrays.copyOfRange(h.startsPage(), 1, h.startsPage().length);
        own[0] = true;
        List<byte[]> pages = OggPages.paginate(packets, own, first.serial(), first.sequence() + 1);
        Pieces out = new Pieces().range(0, first.end());
        pages.forEach(out::bytes);
        int shift = pages.size() - (h.pages().size() - 1);
        out.writeTo(input, output);
        if (shift == 0) {
            new Pieces().range(h.end(), input.size() - h.end()).writeTo(input, output);
        } else {
            renumber(input, h.end(), first.serial(), shift, output);
        }
    }

    /** Copies the remaining pages, moving this stream's sequence numbers by {@code shift} (CRC recomputed). */
    private static void renumber(MediaInput input, long from, int serial, int shift, OutputStream output)
            throws IOException {
        long pos = from;
        while (pos < input.size()) {
            OggPages.Page p = OggPages.page(input, pos);
            byte[] page = input.readFully(pos, (int) (p.end() - pos));
            output.write(p.serial() == serial ? OggPages.renumber(page, p.sequence() + shift) : page);
            pos = p.end();
        }
    }

    private static VorbisComments.Parsed comments(byte[] packet, Codec codec, SdkContext ctx) throws IOException {
        if (packet.length < codec.commentPrefix.length
                || !Arrays.equals(packet, 0, codec.commentPrefix.length, codec.commentPrefix, 0, codec.commentPrefix.length)) {
            throw new UnreadableInputException("the second Ogg " + codec + " header is not a comment header");
        }
        return VorbisComments.parse(packet, codec.commentPrefix.length, ctx.limits().maxBoxCount());
    }

    private static Codec codec(MediaInput input) throws IOException {
        byte[] head = input.readFully(0, (int) Math.min(27 + 255 + 8, input.size()));
        Codec c = codec(head, head.length);
        if (c == null) {
            throw new UnreadableInputException("not an Ogg Opus or Ogg Vorbis stream");
        }
        return c;
    }

    private static Codec codec(byte[] b, int length) {
        if (length < 28 || b[0] != 'O' || b[1] != 'g' || b[2] != 'g' || b[3] != 'S') {
            return null;
        }
        int at = 27 + (b[26] & 0xFF);
        if (length >= at + 8 && Arrays.equals(b, at, at + 8, OPUS_HEAD, 0, 8)) {
            return Codec.OPUS;
        }
        if (length >= at + 7 && b[at] == 1 && Arrays.equals(b, at + 1, at + 7, VORBIS, 0, 6)) {
            return Codec.VORBIS;
        }
        return null;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
