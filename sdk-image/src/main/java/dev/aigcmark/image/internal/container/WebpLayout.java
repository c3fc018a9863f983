package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.image.internal.container.RiffStructure.Chunk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites a WebP with one chunk inserted (XMP or C2PA), turning a simple VP8/VP8L file into the extended
 * layout (a VP8X header with the canvas size and flags) because metadata chunks are only allowed there, and
 * fixing the RIFF size. Image chunks are copied byte for byte.
 */
public final class WebpLayout {
    public static final int FLAG_ICC = 0x20;
    public static final int FLAG_ALPHA = 0x10;
    public static final int FLAG_EXIF = 0x08;
    public static final int FLAG_XMP = 0x04;
    public static final int FLAG_ANIMATION = 0x02;

    /** Chunks that precede XMP in the extended layout (VP8X, ICCP, ANIM, frames, EXIF). */
    private static final Set<String> IMAGE_CHUNKS = Set.of("VP8 ", "VP8L", "ALPH", "ANIM", "ANMF");
    private static final Set<String> BEFORE_XMP = Set.of("VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L", "EXIF");

    private WebpLayout() {
    }

    /** Where the inserted chunk goes when it replaces nothing. */
    public enum Position {
        /** after the image and EXIF, where the WebP layout puts XMP */
        XMP_SLOT,
        /** at the end of the file */
        END
    }

    /**
     * @param drop     chunks to leave out
     * @param replace  a chunk to put the insertion in place of, or null
     * @param setFlags VP8X flags to set
     * @return the output offset of the inserted chunk
     */
    public static long rewrite(byte[] b, RiffStructure st, Predicate<Chunk> drop, Chunk replace, byte[] insertion,
                               Position position, int setFlags, OutputStream out) throws IOException {
        List<Chunk> chunks = st.chunks();
        if (chunks.isEmpty()) {
            throw new IOException("WebP has no image chunk");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.length + insertion.length + 32);
        Splicer sp = new Splicer(b, body);
        Chunk first = chunks.get(0);
        if (first.fourcc().equals("VP8X")) {
            if (first.dataLength() < 10) {
                throw new IOException("WebP VP8X chunk is too short");
            }
            byte[] vp8x = Arrays.copyOfRange(b, first.offset(), first.end());
            vp8x[8] |= (byte) setFlags;
            sp.insert(vp8x);
        } else {
            sp.insert(RiffStructure.chunk("VP8X", vp8xFor(b, first, setFlags)));
            sp.copy(first.offset(), first.end());
        }
        int slot = -1;
        if (replace == null && position == Position.XMP_SLOT) {
            for (int i = 0; i < chunks.size(); i++) {
                if (BEFORE_XMP.contains(chunks.get(i).fourcc())) {
                    slot = i;
                }
            }
        }
        long at = -1;
        for (int i = 1; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            if (c == replace) {
                at = sp.insert(insertion);
            }
            if (!drop.test(c)) {
                sp.copy(c.offset(), c.end());
            }
            if (i == slot) {
                at = sp.insert(insertion);
            }
        }
        if (at < 0) {
            at = sp.insert(insertion);
        }
        byte[] header = new byte[12];
        System.arraycopy(Bytes.ascii("RIFF"), 0, header, 0, 4);
        Bytes.put32le(header, 4, 4L + body.size());
        System.arraycopy(Bytes.ascii("WEBP"), 0, header, 8, 4);
        out.write(header);
        body.writeTo(out);
        return 12 + at;
    }

    /**
     * The content digest ({@code webp.1}): the canvas size (from VP8X, or for a simple file from the bitstream
     * header, so turning a simple file into the extended layout to add metadata changes nothing), then the image
     * chunks: VP8, VP8L, ALPH, ANIM and ANMF, each FourCC and data. VP8X's flags, ICCP, EXIF, XMP, C2PA and
     * unknown chunks are metadata.
     */
    public static ContentDigest contentDigest(byte[] b, RiffStructure st) throws IOException {
        if (st.chunks().isEmpty()) {
            throw new UnreadableInputException("WebP has no chunks");
        }
        int[] size = canvasSize(b, st.chunks().get(0));
        ContentDigest.Builder d = ContentDigest.builder("webp.1").number("W", size[0]).number("H", size[1]);
        for (Chunk c : st.chunks()) {
            if (IMAGE_CHUNKS.contains(c.fourcc())) {
                d.part(c.fourcc(), b, c.dataOffset(), c.dataLength());
            }
        }
        return d.build();
    }

    /** A VP8X body for a simple file: canvas size from the VP8/VP8L bitstream header, alpha from VP8L. */
    static byte[] vp8xFor(byte[] b, Chunk image, int flags) throws IOException {
        if (!image.fourcc().equals("VP8 ") && !image.fourcc().equals("VP8L")) {
            throw new IOException("WebP starts with chunk '" + image.fourcc() + "', not VP8X, VP8 or VP8L");
        }
        int[] size = canvasSize(b, image);
        if (image.fourcc().equals("VP8L") && ((Bytes.u32le(b, image.dataOffset() + 1) >>> 28) & 1) != 0) {
            flags |= FLAG_ALPHA;
        }
        byte[] v = new byte[10];
        v[0] = (byte) flags;
        Bytes.put24le(v, 4, size[0] - 1);
        Bytes.put24le(v, 7, size[1] - 1);
        return v;
    }

    /** {width, height} declared by a VP8X canvas or a VP8 / VP8L bitstream header, read without decoding. */
    static int[] canvasSize(byte[] b, Chunk c) throws IOException {
        int d = c.dataOffset();
        switch (c.fourcc()) {
            case "VP8X" -> {
                if (c.dataLength() < 10) {
                    throw new UnreadableInputException("WebP VP8X chunk is too short");
                }
                return new int[]{Bytes.u24le(b, d + 4) + 1, Bytes.u24le(b, d + 7) + 1};
            }
            case "VP8 " -> {
                if (c.dataLength() < 10 || (b[d + 3] & 0xFF) != 0x9D || (b[d + 4] & 0xFF) != 0x01 || (b[d + 5] & 0xFF) != 0x2A) {
                    throw new UnreadableInputException("WebP VP8 bitstream has no key-frame start code");
                }
                return new int[]{Bytes.u16le(b, d + 6) & 0x3FFF, Bytes.u16le(b, d + 8) & 0x3FFF};
            }
            case "VP8L" -> {
                if (c.dataLength() < 5 || (b[d] & 0xFF) != 0x2F) {
                    throw new UnreadableInputException("WebP VP8L bitstream has no signature");
                }
                long bits = Bytes.u32le(b, d + 1);
                return new int[]{(int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1};
            }
            default -> throw new UnreadableInputException("WebP chunk '" + c.fourcc() + "' declares no image size");
        }
    }
}
