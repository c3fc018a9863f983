package dev.aigcmark.image.format.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.ContentDigest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The marker segments of a JPEG up to and including the first SOS; everything after that (entropy-coded
 * data, later scans, EOI) is image data that writers copy verbatim.
 */
public final class JpegStructure {
    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int APP0 = 0xE0;
    public static final int APP1 = 0xE1;
    public static final int APP11 = 0xEB;
    public static final int COM = 0xFE;

    /**
     * One segment: {@code offset} of its FF marker, {@code end} just past it; payload from {@code dataOffset}
     * (after the 2-byte length) to {@code end}.
     */
    public record Segment(int marker, int offset, int dataOffset, int end) {
        public int dataLength() {
            return end - dataOffset;
        }
    }

    private final List<Segment> segments;
    private final int imageDataStart;
    private final boolean complete;

    private JpegStructure(List<Segment> segments, int imageDataStart, boolean complete) {
        this.segments = List.copyOf(segments);
        this.imageDataStart = imageDataStart;
        this.complete = complete;
    }

    /** Header segments in file order (SOS last when the file is complete). */
    public List<Segment> segments() {
        return segments;
    }

    /** Offset just past the SOS header: from here on the bytes are image data. */
    public int imageDataStart() {
        return imageDataStart;
    }

    /** False when the headers were cut short or malformed before SOS (then the file must not be rewritten). */
    public boolean complete() {
        return complete;
    }

    /**
     * The content digest ({@code jpeg.1}): every header segment except APP0-APP15 and COM (the metadata: JFIF,
     * EXIF, XMP, ICC, C2PA in APP11, comments), then the image data from the first scan through the first EOI
     * (trailing bytes after EOI are not part of the image). So the frame, tables and entropy-coded data are
     * covered, and no metadata edit touches the digest.
     */
    public ContentDigest contentDigest(byte[] b) {
        ContentDigest.Builder d = ContentDigest.builder("jpeg.1");
        for (Segment s : segments) {
            int m = s.marker();
            if ((m >= 0xE0 && m <= 0xEF) || m == COM) {
                continue;
            }
            d.part(String.format("%02X", m), b, s.dataOffset(), s.dataLength());
        }
        int end = imageDataEnd(b, imageDataStart);
        return d.part("scan", b, imageDataStart, end - imageDataStart).build();
    }

    /**
     * Just past the first EOI after {@code from}, or the end of the file: walks entropy-coded data (where 0xFF is
     * followed by a stuffed 0x00 or a restart marker) and skips the marker segments between progressive scans by
     * their length, so table bytes that happen to read FF D9 are not taken for EOI.
     */
    static int imageDataEnd(byte[] b, int from) {
        int pos = from;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                pos = nextFf(b, pos + 1);
                continue;
            }
            int m = b[pos + 1] & 0xFF;
            if (m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
                pos += m == 0xFF ? 1 : 2;
            } else if (m == EOI) {
                return pos + 2;
            } else {
                if (pos + 4 > b.length) {
                    return b.length;
                }
                pos += 2 + Bytes.u16be(b, pos + 2);
            }
        }
        return b.length;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first 0xFF byte at or after {@code from}, or {@code b.length}: eight bytes at a time (a
     * byte of {@code ~word} is zero exactly where the word has 0xFF; the classic has-zero-byte test finds the
     * first), since entropy-coded data is almost all of a JPEG and the content digest walks it on every mark
     * and verification.
     */
    static int nextFf(byte[] b, int from) {
        int pos = from;
        for (; pos + 8 <= b.length; pos += 8) {
            long inverted = ~(long) LONGS.get(b, pos);
            long zeros = (inverted - ONES) & ~inverted & HIGHS;
            if (zeros != 0) {
                return pos + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (pos < b.length && (b[pos] & 0xFF) != 0xFF) {
            pos++;
        }
        return pos;
    }

    public static boolean sniff(byte[] head, int length) {
        return length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == SOI && (head[2] & 0xFF) == 0xFF;
    }

    /** Parses; problems (truncation, bad markers, limits) are added to {@code problems}. */
    public static JpegStructure parse(byte[] b, ReadLimits limits, List<Status> problems) throws UnreadableInputException {
        if (!sniff(b, b.length)) {
            throw new UnreadableInputException("not a JPEG: no SOI marker");
        }
        List<Segment> list = new ArrayList<>();
        int pos = 2;
        while (true) {
            if (list.size() >= limits.maxBoxCount()) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, "JPEG has more than " + limits.maxBoxCount() + " segments"));
                FileBudget.current().exceed(FileBudget.Limit.BOX_COUNT, "has more than " + limits.maxBoxCount() + " segments, chunks or blocks");
                return new JpegStructure(list, pos, false);
            }
            if (pos + 2 > b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "JPEG ends at " + pos + " before its image data (no SOS)"));
                return new JpegStructure(list, pos, false);
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, "JPEG: expected a marker at " + pos));
                return new JpegStructure(list, pos, false);
            }
            int start = pos;
            while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "JPEG ends inside a marker at " + start));
                return new JpegStructure(list, start, false);
            }
            int marker = b[pos++] & 0xFF;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                list.add(new Segment(marker, start, pos, pos));
                continue;
            }
            if (marker == EOI || marker == SOI) {
                problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, String.format("JPEG: marker FF%02X at %d before any image data", marker, start)));
                return new JpegStructure(list, start, false);
            }
            if (pos + 2 > b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "JPEG ends inside the segment at " + start));
                return new JpegStructure(list, start, false);
            }
            int len = Bytes.u16be(b, pos);
            if (len < 2 || pos + len > b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, String.format(
                        "JPEG segment FF%02X at %d declares %d bytes, past the end of the file (%d bytes)", marker, start, len, b.length)));
                return new JpegStructure(list, start, false);
            }
            Segment s = new Segment(marker, start, pos + 2, pos + len);
            list.add(s);
            pos += len;
            if (marker == SOS) {
                if (!endsWithEoi(b)) {
                    problems.add(Status.tolerated(StatusCodes.ASSET_TRUNCATED, "JPEG does not end with EOI: the image data may be cut short"));
                }
                return new JpegStructure(list, pos, true);
            }
        }
    }

    private static boolean endsWithEoi(byte[] b) {
        for (int i = b.length - 2; i >= Math.max(0, b.length - 4096); i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == EOI) {
                return true;
            }
        }
        return false;
    }
}
