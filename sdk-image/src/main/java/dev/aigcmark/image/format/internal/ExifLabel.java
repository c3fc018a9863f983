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
}
