package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The items of a HEIF/AVIF {@code meta} box (ISO/IEC 23008-12): what each item is ({@code iinf/infe}) and where
 * its bytes are ({@code iloc}), parsed from the box payloads with every count and length checked against what
 * remains, and {@code iloc} written back after an edit. Only what a metadata edit needs: no image properties.
 */
public final class HeifItems {
    public static final int IINF = FourCC.of("iinf");
    public static final int INFE = FourCC.of("infe");
    public static final int ILOC = FourCC.of("iloc");
    public static final int IREF = FourCC.of("iref");
    public static final int PITM = FourCC.of("pitm");
    public static final int IDAT = FourCC.of("idat");
    public static final int MIME = FourCC.of("mime");
    public static final int EXIF = FourCC.of("Exif");
    public static final int CDSC = FourCC.of("cdsc");
    public static final String XMP_MIME = "application/rdf+xml";

    /** One item's declaration: id, 4cc type, and for {@code mime} items the content type. */
    public record Info(long id, int type, String name, String contentType) {
        public boolean isXmp() {
            return type == MIME && XMP_MIME.equals(contentType);
        }
    }

    /** One extent of an item: an offset (file, or in idat) and a length (0 = to the end of the file). */
    public record Extent(long index, long offset, long length) {
    }

    /** One item's location. */
    public record Location(long id, int constructionMethod, int dataReferenceIndex, long baseOffset, List<Extent> extents) {
        public Location {
            extents = List.copyOf(extents);
        }
    }

    /** The parsed {@code iloc} box: its field sizes and the locations, in order. */
    public record Iloc(int version, int flags, int offsetSize, int lengthSize, int baseOffsetSize, int indexSize,
                       List<Location> locations) {
        public Iloc {
            locations = new ArrayList<>(locations);
        }

        public Location find(long id) {
            return locations.stream().filter(l -> l.id() == id).findFirst().orElse(null);
        }
    }

    private HeifItems() {
    }

    /**
     * Every item declared in {@code iinf} (entries that are not {@code infe} v2/v3 are skipped). A table declaring
     * more than {@code maxCount} items goes over the file's box-count limit ({@code asset.limit.boxCount}, sticky)
     * before any entry is read.
     */
    public static List<Info> infos(Box iinf, int maxCount) throws UnreadableInputException {
        ByteBuffer b = ByteBuffer.wrap(iinf.payload());
        try {
            int version = b.get() & 0xFF;
            b.position(4);
            long count = version == 0 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
            new StructureBudget(0, maxCount, "items declared in iinf").add(count);
            List<Info> infos = new ArrayList<>();
            for (long i = 0; i < count && b.remaining() >= 8; i++) {
                int start = b.position();
                long size = b.getInt() & 0xFFFFFFFFL;
                int type = b.getInt();
                if (size < 8 || size > b.remaining() + 8L) {
                    throw new BmffFormatException("iinf entry " + i + " declares " + size + " bytes, more than remain");
                }
                int end = start + (int) size;
                if (type == INFE) {
                    info(ByteBuffer.wrap(b.array(), b.position(), end - b.position()).slice()).ifPresent(infos::add);
                }
                b.position(end);
            }
            return infos;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new BmffFormatException("iinf is cut short or inconsistent");
        }
    }

    private static Optional<Info> info(ByteBuffer b) {
        int version = b.get() & 0xFF;
        b.position(4);
        if (version < 2) {
            return Optional.empty(); // v0/v1 entries (no item type) are not used by HEIF images
        }
        long id = version == 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
        b.getShort(); // protection index
        int type = b.getInt();
        String name = cString(b);
        String contentType = type == MIME ? cString(b) : null;
        return Optional.of(new Info(id, type, name, contentType));
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.hasRemaining() && b.get() != 0) {
            // scan to the terminating NUL (or the end)
        }
        int end = b.position() - (b.position() > start && b.get(b.position() - 1) == 0 ? 1 : 0);
        return new String(b.array(), b.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * The parsed {@code iloc} box. More than {@code maxCount} locations, or extents, go over the file's box-count
     * limit ({@code asset.limit.boxCount}, sticky) before they are read.
     */
    public static Iloc iloc(Box box, int maxCount) throws UnreadableInputException {
        ByteBuffer b = ByteBuffer.wrap(box.payload());
        try {
            int version = b.get() & 0xFF;
            int flags = ((b.get() & 0xFF) << 16) | (b.getShort() & 0xFFFF);
            if (version > 2) {
                throw new BmffFormatException("iloc version " + version + " is unknown");
            }
            int sizes = b.getShort() & 0xFFFF;
            int offsetSize = sizes >> 12;
            int lengthSize = (sizes >> 8) & 0xF;
            int baseOffsetSize = (sizes >> 4) & 0xF;
            int indexSize = version == 0 ? 0 : sizes & 0xF;
            for (int s : new int[] {offsetSize, lengthSize, baseOffsetSize, indexSize}) {
                if (s != 0 && s != 4 && s != 8) {
                    throw new BmffFormatException("iloc field size " + s + " is not 0, 4 or 8");
                }
            }
            long count = version < 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
            new StructureBudget(0, maxCount, "item locations declared in iloc").add(count);
            StructureBudget extentBudget = new StructureBudget(0, maxCount, "item extents declared in iloc");
            List<Location> locations = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                long id = version < 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
                int method = version == 0 ? 0 : b.getShort() & 0xF;
                int dataRef = b.getShort() & 0xFFFF;
                long base = read(b, baseOffsetSize);
                int extentCount = b.getShort() & 0xFFFF;
                extentBudget.add(extentCount);
                List<Extent> extents = new ArrayList<>();
                for (int e = 0; e < extentCount; e++) {
                    long index = indexSize > 0 ? read(b, indexSize) : 0;
                    extents.add(new Extent(index, read(b, offsetSize), read(b, lengthSize)));
                }
                locations.add(new Location(id, method, dataRef, base, extents));
            }
            return new Iloc(version, flags, offsetSize, lengthSize, baseOffsetSize, indexSize, locations);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new BmffFormatException("iloc is cut short or inconsistent");
        }
    }

    private static long read(ByteBuffer b, int size) throws BmffFormatException {
        if (size == 0) {
            return 0;
        }
        long v = size == 4 ? b.getInt() & 0xFFFFFFFFL : b.getLong();
        if (v < 0) {
            throw new BmffFormatException("iloc value over 2^63");
        }
        return v;
    }

    /** The {@code iloc} payload for {@code iloc}; field sizes grow to 8 bytes where a value needs it. */
    public static byte[] ilocPayload(Iloc iloc) {
        boolean wide = iloc.locations().stream().anyMatch(l -> l.baseOffset() > 0xFFFFFFFFL
                || l.extents().stream().anyMatch(e -> e.offset() > 0xFFFFFFFFL));
        int offsetSize = wide && iloc.offsetSize() == 4 ? 8 : iloc.offsetSize();
        int baseSize = wide && iloc.baseOffsetSize() == 4 ? 8 : iloc.baseOffsetSize();
        boolean longLengths = iloc.locations().stream().anyMatch(l -> l.extents().stream().anyMatch(e -> e.length() > 0xFFFFFFFFL));
        int lengthSize = longLengths ? 8 : iloc.lengthSize();
        boolean bigIds = iloc.locations().stream().anyMatch(l -> l.id() > 0xFFFF) || iloc.locations().size() > 0xFFFF;
        int version = bigIds ? 2 : iloc.version();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(6).putInt((version << 24) | iloc.flags())
                .putShort((short) (offsetSize << 12 | lengthSize << 8 | baseSize << 4 | (version == 0 ? 0 : iloc.indexSize())));
        out.writeBytes(head.array());
        out.writeBytes(version < 2 ? u16(iloc.locations().size()) : u32(iloc.locations().size()));
        for (Location l : iloc.locations()) {
            out.writeBytes(version < 2 ? u16(l.id()) : u32(l.id()));
            if (version > 0) {
                out.writeBytes(u16(l.constructionMethod()));
            }
            out.writeBytes(u16(l.dataReferenceIndex()));
            out.writeBytes(sized(l.baseOffset(), baseSize));
            out.writeBytes(u16(l.extents().size()));
            for (Extent e : l.extents()) {
                if (version > 0 && iloc.indexSize() > 0) {
                    out.writeBytes(sized(e.index(), iloc.indexSize()));
                }
                out.writeBytes(sized(e.offset(), offsetSize));
                out.writeBytes(sized(e.length(), lengthSize));
            }
        }
        return out.toByteArray();
    }

    /** A version-2 {@code infe} box declaring an XMP item with id {@code id}. */
    public static Box xmpInfe(long id) {
        byte[] type = (XMP_MIME + "\0").getBytes(StandardCharsets.US_ASCII);
        boolean v3 = id > 0xFFFF;
        ByteBuffer b = ByteBuffer.allocate(4 + (v3 ? 4 : 2) + 2 + 4 + 1 + type.length);
        b.putInt((v3 ? 3 : 2) << 24);
        if (v3) {
            b.putInt((int) id);
        } else {
            b.putShort((short) id);
        }
        b.putShort((short) 0).putInt(MIME).put((byte) 0).put(type);
        return Box.leaf(INFE, b.array());
    }

    /** The {@code iinf} payload with {@code infe} appended (the entry count grows; v0 becomes v1 past 65535). */
    public static byte[] iinfWith(Box iinf, Box infe) {
        ByteBuffer b = ByteBuffer.wrap(iinf.payload());
        int version = b.get(0) & 0xFF;
        long count = version == 0 ? b.getShort(4) & 0xFFFF : b.getInt(4) & 0xFFFFFFFFL;
        int headerLength = version == 0 ? 6 : 8;
        boolean promote = version == 0 && count + 1 > 0xFFFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u32((long) (promote ? 1 : version) << 24 | (b.getInt(0) & 0xFFFFFF)));
        out.writeBytes(version == 0 && !promote ? u16(count + 1) : u32(count + 1));
        int end = declaredEntriesEnd(iinf.payload(), headerLength, count);
        out.write(iinf.payload(), headerLength, end - headerLength);
        out.writeBytes(infe.toBytes());
        return out.toByteArray();
    }

    /**
     * Where the {@code count} declared entries end. Bytes after them (stale entries a careless editor left behind)
     * are dropped: readers take entries in order, so an entry appended after them would be read from the stale
     * bytes and the edited file would no longer parse (a fuzz finding).
     */
    private static int declaredEntriesEnd(byte[] payload, int headerLength, long count) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        int position = headerLength;
        for (long i = 0; i < count && payload.length - position >= 8; i++) {
            long size = b.getInt(position) & 0xFFFFFFFFL;
            if (size < 8 || size > payload.length - position) {
                break; // infos() refuses such a table before any edit
            }
            position += (int) size;
        }
        return position;
    }

    /** The {@code iref} payload (a new one when {@code irefOrNull} is null) with a {@code cdsc} reference from → to. */
    public static byte[] irefWith(Box irefOrNull, long from, long to) {
        int version = irefOrNull == null ? (from > 0xFFFF || to > 0xFFFF ? 1 : 0) : irefOrNull.payload()[0] & 0xFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (irefOrNull == null) {
            out.writeBytes(u32((long) version << 24));
        } else {
            out.writeBytes(irefOrNull.payload());
        }
        byte[] ids = version == 0 ? concat(u16(from), u16(1), u16(to)) : concat(u32(from), u16(1), u32(to));
        out.writeBytes(u32(8 + ids.length));
        out.writeBytes(u32(CDSC));
        out.writeBytes(ids);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] sized(long v, int size) {
        return switch (size) {
            case 0 -> new byte[0];
            case 4 -> u32(v);
            default -> ByteBuffer.allocate(8).putLong(v).array();
        };
    }

    private static byte[] u16(long v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }
}
