package dev.aigcmark.image.format.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The GB 45438 label in EXIF UserComment (0x9286 in the EXIF IFD): an 8-byte character code
 * ({@code ASCII\0\0\0}, {@code UNICODE\0}, or undefined) then the text. Only JSON-looking comments are
 * returned; an ordinary photo caption is not a label.
 */
public final class ExifLabel {
    private static final int MAX_COMMENT = 64 * 1024;

    private ExifLabel() {
    }

    public static Optional<String> userCommentJson(byte[] b, int tiffStart, int tiffEnd) throws TiffStructure.MalformedException {
        TiffStructure t = TiffStructure.open(b, tiffStart, tiffEnd);
        TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
        var pointer = ifd0.entry(TiffStructure.TAG_EXIF_IFD);
        if (pointer.isEmpty()) {
            return Optional.empty();
        }
        TiffStructure.Ifd exif = t.ifd(t.scalar(pointer.get()));
        var comment = exif.entry(TiffStructure.TAG_USER_COMMENT);
        if (comment.isEmpty()) {
            return Optional.empty();
        }
        byte[] v = t.value(comment.get(), MAX_COMMENT);
        if (v.length < 8) {
            return Optional.empty();
        }
        String code = new String(v, 0, 8, StandardCharsets.ISO_8859_1);
        String text;
        if (code.startsWith("UNICODE")) {
            text = new String(v, 8, v.length - 8, t.littleEndian() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        } else {
            text = new String(v, 8, v.length - 8, StandardCharsets.UTF_8);
        }
        text = text.replace("\0", "").strip();
        return text.startsWith("{") ? Optional.of(text) : Optional.empty();
    }

    /**
     * A copy of the TIFF block {@code b[start, end)} whose UserComment holds {@code text} (ASCII code), or
     * null when it has no JSON UserComment to update. A value that fits is written over the old one; a longer
     * one is appended at the end and the entry pointed at it, so no other offset in the block moves.
     */
    public static byte[] withUserComment(byte[] b, int start, int end, String text) throws TiffStructure.MalformedException {
        if (userCommentJson(b, start, end).isEmpty()) {
            return null;
        }
        TiffStructure t = TiffStructure.open(b, start, end);
        TiffStructure.Ifd exif = t.ifd(t.scalar(t.ifd(t.firstIfdOffset()).entry(TiffStructure.TAG_EXIF_IFD).orElseThrow()));
        int index = exif.entries().indexOf(exif.entry(TiffStructure.TAG_USER_COMMENT).orElseThrow());
        TiffStructure.Entry old = exif.entries().get(index);
        byte[] value = ("ASCII\0\0\0" + text).getBytes(StandardCharsets.US_ASCII);
        int length = end - start;
        boolean fits = value.length <= old.byteLength();
        int valueAt = fits ? (int) old.valueOffset() : (length + 1) & ~1;
        byte[] out = java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(b, start, end), fits ? length : valueAt + value.length);
        if (fits) {
            java.util.Arrays.fill(out, valueAt, valueAt + (int) old.byteLength(), (byte) 0);
        }
        System.arraycopy(value, 0, out, valueAt, value.length);
        int entry = (int) exif.offset() + 2 + 12 * index;
        put32(out, entry + 4, value.length, t.littleEndian());
        put32(out, entry + 8, valueAt, t.littleEndian());
        return out;
    }

    private static void put32(byte[] b, int off, long v, boolean little) {
        if (little) {
            Bytes.put32le(b, off, v);
        } else {
            Bytes.put32be(b, off, v);
        }
    }
}
