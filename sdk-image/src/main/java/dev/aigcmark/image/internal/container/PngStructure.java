package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.ContentDigest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/** The chunks of a PNG, every CRC checked, every length checked against what remains. */
public final class PngStructure {
    private static final Set<String> PICTURE_ANCILLARY = Set.of("tRNS", "acTL", "fcTL", "fdAT");
    public static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One chunk: {@code offset} of its length field, {@code end} just past its CRC. */
    public record Chunk(String type, int offset, int dataOffset, int dataLength, boolean crcOk) {
        public int end() {
            return dataOffset + dataLength + 4;
        }
    }

    private final List<Chunk> chunks;
    private final boolean complete;

    private PngStructure(List<Chunk> chunks, boolean complete) {
        this.chunks = List.copyOf(chunks);
        this.complete = complete;
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** Whether the chunk list reached IEND intact, every CRC correct (required before rewriting). */
    public boolean complete() {
        return complete;
    }

    /**
     * The content digest ({@code png.1}): the critical chunks (IHDR, PLTE, IDAT, IEND and any other whose type
     * starts with a capital) and the ancillary chunks that are part of the picture (tRNS transparency, the APNG
     * animation acTL/fcTL/fdAT), type and data each. Text, EXIF, time, colour-profile and C2PA chunks are
     * metadata that editors add and rewrite, so they are left out.
     */
    public ContentDigest contentDigest(byte[] b) {
        ContentDigest.Builder d = ContentDigest.builder("png.1");
        for (Chunk c : chunks) {
            if (Character.isUpperCase(c.type().charAt(0)) || PICTURE_ANCILLARY.contains(c.type())) {
                d.part(c.type(), b, c.dataOffset(), c.dataLength());
            }
        }
        return d.build();
    }

    public static boolean sniff(byte[] head, int length) {
        return Bytes.startsWith(head, 0, length, SIGNATURE);
    }

    public static PngStructure parse(byte[] b, ReadLimits limits, List<Status> problems) throws UnreadableInputException {
        if (!sniff(b, b.length)) {
            throw new UnreadableInputException("not a PNG: no PNG signature");
        }
        List<Chunk> list = new ArrayList<>();
        int pos = SIGNATURE.length;
        boolean ok = true;
        while (true) {
            if (list.size() >= limits.maxBoxCount()) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, "PNG has more than " + limits.maxBoxCount() + " chunks"));
                FileBudget.current().exceed(FileBudget.Limit.BOX_COUNT, "has more than " + limits.maxBoxCount() + " segments, chunks or blocks");
                return new PngStructure(list, false);
            }
            if (pos + 12 > b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "PNG ends at " + pos + " without an IEND chunk"));
                return new PngStructure(list, false);
            }
            long len = Bytes.u32be(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (len > Integer.MAX_VALUE || pos + 12 + len > b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "PNG chunk '" + printable(type) + "' at " + pos
                        + " declares " + len + " bytes, past the end of the file (" + b.length + " bytes)"));
                return new PngStructure(list, false);
            }
            int n = (int) len;
            CRC32 crc = new CRC32();
            crc.update(b, pos + 4, 4 + n);
            boolean crcOk = crc.getValue() == Bytes.u32be(b, pos + 8 + n);
            if (!crcOk) {
                ok = false;
                problems.add(Status.failure(StatusCodes.ASSET_CRC, "PNG chunk '" + printable(type) + "' at " + pos + " has a wrong CRC"));
            }
            Chunk c = new Chunk(type, pos, pos + 8, n, crcOk);
            list.add(c);
            pos = c.end();
            if (type.equals("IEND")) {
                if (pos < b.length) {
                    problems.add(Status.tolerated(StatusCodes.ASSET_MALFORMED, (b.length - pos) + " bytes follow IEND"));
                }
                boolean headerFirst = list.get(0).type().equals("IHDR");
                if (!headerFirst) {
                    problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, "PNG does not start with IHDR"));
                }
                return new PngStructure(list, ok && headerFirst);
            }
        }
    }

    /** Builds a chunk: length, type, data, CRC. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] c = new byte[12 + data.length];
        Bytes.put32be(c, 0, data.length);
        System.arraycopy(Bytes.ascii(type), 0, c, 4, 4);
        System.arraycopy(data, 0, c, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(c, 4, 4 + data.length);
        Bytes.put32be(c, 8 + data.length, crc.getValue());
        return c;
    }

    private static String printable(String type) {
        return type.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F) ? type : "?";
    }
}
