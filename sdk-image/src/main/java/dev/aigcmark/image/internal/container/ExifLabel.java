package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * GB 45438 labels producers put in EXIF, which the standard does not name (so they are
 * {@link dev.aigcmark.core.spi.Placement#NONSTANDARD} carriers): UserComment (0x9286 in the EXIF IFD; an 8-byte
 * character code {@code ASCII\0\0\0}, {@code UNICODE\0} or undefined, then the text), and ImageDescription
 * (0x010E in IFD0, ASCII), where a cloud vendor's AIGC tool writes its own schema. Only JSON-looking text is
 * returned: an ordinary caption is not a label.
 */
public final class ExifLabel {
    private static final int MAX_COMMENT = 64 * 1024;
    static final int TAG_IMAGE_DESCRIPTION = 0x010E;

    /** The EXIF fields a label is read from. */
    public enum Field {
        USER_COMMENT("EXIF UserComment"), IMAGE_DESCRIPTION("EXIF ImageDescription");

        final String label;

        Field(String label) {
            this.label = label;
        }
    }

    /** A label text found in one field. */
    public record Found(Field field, String text) {
    }

    private ExifLabel() {
    }

    /** Every label text in the TIFF block {@code b[tiffStart, tiffEnd)}. */
    public static List<Found> find(byte[] b, int tiffStart, int tiffEnd) throws TiffStructure.MalformedException {
        TiffStructure t = TiffStructure.open(b, tiffStart, tiffEnd);
        TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
        List<Found> found = new ArrayList<>();
        var description = ifd0.entry(TAG_IMAGE_DESCRIPTION);
        if (description.isPresent()) {
            String text = new String(t.value(description.get(), MAX_COMMENT), StandardCharsets.UTF_8);
            labelText(text).ifPresent(s -> found.add(new Found(Field.IMAGE_DESCRIPTION, s)));
        }
        userComment(t, ifd0).ifPresent(s -> found.add(new Found(Field.USER_COMMENT, s)));
        return found;
    }

    /**
     * The carriers of {@link #find}, located at {@code where} (for reports: "APP1 at 20") with the offset and
     * length of the whole EXIF container; a malformed block yields none (callers report it).
     */
    public static List<Carrier> carriers(byte[] b, int tiffStart, int tiffEnd, String where, long offset, long length)
            throws TiffStructure.MalformedException {
        List<Carrier> out = new ArrayList<>();
        for (Found f : find(b, tiffStart, tiffEnd)) {
            out.add(Carrier.nonStandard(CarrierType.AIGC_JSON, f.field().label + " (" + where + ")", offset, length,
                    f.text().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static Optional<String> userComment(TiffStructure t, TiffStructure.Ifd ifd0) throws TiffStructure.MalformedException {
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
        String text = code.startsWith("UNICODE")
                ? new String(v, 8, v.length - 8, t.littleEndian() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE)
                : new String(v, 8, v.length - 8, StandardCharsets.UTF_8);
        return labelText(text);
    }

    private static Optional<String> labelText(String raw) {
        String text = raw.replace("\0", "").strip();
        return text.startsWith("{") ? Optional.of(text) : Optional.empty();
    }

    /**
     * A copy of the TIFF block {@code b[start, end)} whose label-holding fields (UserComment, ImageDescription)
     * hold {@code text} instead, or null when it has no label to update: a producer's label in EXIF is updated in
     * place, so the file never carries two labels that disagree. A value that fits is written over the old one; a
     * longer one is appended at the end and the entry pointed at it, so no other offset in the block moves.
     */
    public static byte[] withLabel(byte[] b, int start, int end, String text) throws TiffStructure.MalformedException {
        List<Found> found = find(b, start, end);
        if (found.isEmpty()) {
            return null;
        }
        byte[] out = Arrays.copyOfRange(b, start, end);
        for (Found f : found) {
            TiffStructure t = TiffStructure.open(out, 0, out.length);
            TiffStructure.Ifd ifd = t.ifd(t.firstIfdOffset());
            int tag = TAG_IMAGE_DESCRIPTION;
            byte[] value = (text + "\0").getBytes(StandardCharsets.US_ASCII);
            if (f.field() == Field.USER_COMMENT) {
                ifd = t.ifd(t.scalar(present(ifd, TiffStructure.TAG_EXIF_IFD)));
                tag = TiffStructure.TAG_USER_COMMENT;
                value = ("ASCII\0\0\0" + text).getBytes(StandardCharsets.US_ASCII);
            }
            out = replaced(out, t, ifd, tag, value);
        }
        return out;
    }

    /**
     * The entry {@code tag} as the block now reads: an earlier field's update clears that field's old bytes, which
     * a crafted block lets overlap a directory {@link #find} read, so nothing {@code find} saw is trusted here.
     */
    private static TiffStructure.Entry present(TiffStructure.Ifd ifd, int tag) throws TiffStructure.MalformedException {
        return ifd.entry(tag).orElseThrow(() -> new TiffStructure.MalformedException("tag " + tag
                + " is gone once the other label field was updated: the two fields overlap"));
    }

    private static byte[] replaced(byte[] block, TiffStructure t, TiffStructure.Ifd ifd, int tag, byte[] value)
            throws TiffStructure.MalformedException {
        TiffStructure.Entry old = present(ifd, tag);
        t.value(old, MAX_COMMENT); // the old value is bounded by the block before it is cleared
        int index = ifd.entries().indexOf(old);
        boolean fits = value.length <= old.byteLength() && old.byteLength() > 4;
        int valueAt = fits ? (int) old.valueOffset() : (block.length + 1) & ~1;
        byte[] out = Arrays.copyOf(block, fits ? block.length : valueAt + value.length);
        if (fits) {
            Arrays.fill(out, valueAt, valueAt + (int) old.byteLength(), (byte) 0);
        }
        System.arraycopy(value, 0, out, valueAt, value.length);
        int entry = (int) ifd.offset() + 2 + 12 * index;
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
