package dev.aigcmark.text.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A zip file (an OOXML package) read from its central directory, with every length checked against the
 * file, and rewritten so that every entry we do not change is copied as its raw local record (header,
 * compressed bytes, data descriptor): byte for byte, never recompressed. Bounded: entry count, the size of
 * each part we inflate, and its compression ratio (a zip bomb is refused, not inflated). Zip64, multi-disk
 * archives, duplicate names and encrypted parts we must read are refused with a clear message.
 */
public final class ZipPackage {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int DESCRIPTOR = 0x08074b50;
    /** XML compresses 5-20x; far beyond this is a bomb. */
    private final String name;
    private final byte[] bytes;
    private final ReadLimits limits;
    private final Map<String, Entry> entries;
    private final byte[] comment;

    /**
     * One entry as the central directory describes it.
     *
     * @param central     its raw central directory record (offset field patched on rewrite)
     * @param recordStart where its local record starts
     * @param recordEnd   where its local record (data descriptor included) ends
     */
    public record Entry(String name, int flags, int method, long crc, long compressedSize, long size,
                        byte[] central, int recordStart, int dataStart, int recordEnd) {
    }

    private ZipPackage(String name, byte[] bytes, ReadLimits limits, Map<String, Entry> entries, byte[] comment) {
        this.name = name;
        this.bytes = bytes;
        this.limits = limits;
        this.entries = entries;
        this.comment = comment;
    }

    public static boolean hasZipMagic(byte[] head, int length) {
        return length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    public static ZipPackage read(byte[] bytes, String name, ReadLimits limits) throws UnreadableInputException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = findEnd(bytes);
        if (eocd < 0) {
            throw new UnreadableInputException(name + ": no zip end-of-central-directory record (truncated or not a zip)");
        }
        int disk = u16(b, eocd + 4);
        int cdDisk = u16(b, eocd + 6);
        int onDisk = u16(b, eocd + 8);
        int count = u16(b, eocd + 10);
        long cdSize = u32(b, eocd + 12);
        long cdOffset = u32(b, eocd + 16);
        int commentLength = u16(b, eocd + 20);
        if (count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            throw new UnreadableInputException(name + ": Zip64 packages are not supported");
        }
        if (disk != 0 || cdDisk != 0 || onDisk != count) {
            throw new UnreadableInputException(name + ": multi-disk zip archives are not supported");
        }
        if (count > limits.maxZipEntries()) {
            throw FileBudget.current().exceed(FileBudget.Limit.ZIP_ENTRIES, "has " + count
                    + " zip entries, over the limit of " + limits.maxZipEntries());
        }
        if (cdOffset + cdSize > eocd || eocd + 22 + commentLength > bytes.length) {
            throw new UnreadableInputException(name + ": the zip central directory lies outside the file");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = (int) cdOffset;
        for (int i = 0; i < count; i++) {
            Entry e = readCentral(b, bytes, p, (int) (cdOffset + cdSize), name);
            if (entries.put(e.name(), e) != null) {
                throw new UnreadableInputException(name + ": zip entry '" + e.name() + "' appears twice");
            }
            p += e.central().length;
        }
        byte[] comment = Arrays.copyOfRange(bytes, eocd + 22, eocd + 22 + commentLength);
        return new ZipPackage(name, bytes, limits, entries, comment);
    }

    private static int findEnd(byte[] bytes) {
        int min = Math.max(0, bytes.length - 22 - 0xFFFF);
        for (int i = bytes.length - 22; i >= min; i--) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
                return i;
            }
        }
        return -1;
    }

    private static Entry readCentral(ByteBuffer b, byte[] bytes, int p, int cdEnd, String zip) throws UnreadableInputException {
        if (p + 46 > cdEnd || b.getInt(p) != CENTRAL) {
            throw new UnreadableInputException(zip + ": damaged zip central directory at offset " + p);
        }
        int flags = u16(b, p + 8);
        int method = u16(b, p + 10);
        long crc = u32(b, p + 16);
        long csize = u32(b, p + 20);
        long size = u32(b, p + 24);
        int nameLength = u16(b, p + 28);
        int extraLength = u16(b, p + 30);
        int commentLength = u16(b, p + 32);
        long local = u32(b, p + 42);
        int recordLength = 46 + nameLength + extraLength + commentLength;
        if (p + recordLength > cdEnd) {
            throw new UnreadableInputException(zip + ": zip central directory record at " + p + " runs past its end");
        }
        if (csize == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
            throw new UnreadableInputException(zip + ": Zip64 entries are not supported");
        }
        String name = new String(bytes, p + 46, nameLength,
                (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        if (local + 30 > bytes.length || b.getInt((int) local) != LOCAL) {
            throw new UnreadableInputException(zip + ": local header of '" + name + "' is missing or outside the file");
        }
        int dataStart = (int) local + 30 + u16(b, (int) local + 26) + u16(b, (int) local + 28);
        long dataEnd = dataStart + csize;
        if (dataEnd > bytes.length) {
            throw new UnreadableInputException(zip + ": data of '" + name + "' runs past the end of the file (truncated)");
        }
        int recordEnd = (int) dataEnd;
        if ((flags & 0x08) != 0) {
            boolean signed = recordEnd + 4 <= bytes.length && b.getInt(recordEnd) == DESCRIPTOR;
            recordEnd += signed ? 16 : 12;
            if (recordEnd > bytes.length) {
                throw new UnreadableInputException(zip + ": data descriptor of '" + name + "' is cut off");
            }
        }
        byte[] central = Arrays.copyOfRange(bytes, p, p + recordLength);
        return new Entry(name, flags, method, crc, csize, size, central, (int) local, dataStart, recordEnd);
    }

    public Optional<Entry> entry(String partName) {
        return Optional.ofNullable(entries.get(partName));
    }

    public Set<String> names() {
        return entries.keySet();
    }

    /** The uncompressed bytes of a part we need to read, within the size and ratio limits. */
    public byte[] read(String partName, int maxBytes) throws UnreadableInputException {
        Entry e = entries.get(partName);
        if (e == null) {
            throw new UnreadableInputException(name + ": has no part '" + partName + "'");
        }
        if ((e.flags() & 1) != 0) {
            throw new UnreadableInputException(name + ": part '" + partName + "' is encrypted");
        }
        if (e.compressedSize() == 0 && e.size() > 0) { // no ratio to take, and nothing to inflate from
            throw FileBudget.current().exceed(FileBudget.Limit.COMPRESSION_RATIO, "has a part '" + partName
                    + "' that would expand 0 bytes into " + e.size() + ": refused as a zip bomb");
        }
        if (e.compressedSize() > 0 && e.size() / e.compressedSize() > limits.maxCompressionRatio()) {
            throw FileBudget.current().exceed(FileBudget.Limit.COMPRESSION_RATIO, "has a part '" + partName
                    + "' that would expand " + e.size() / e.compressedSize() + "-fold (over "
                    + limits.maxCompressionRatio() + "): refused as a zip bomb");
        }
        if (e.size() > maxBytes) {
            throw FileBudget.current().exceed(FileBudget.Limit.DECOMPRESSED_BYTES, "has a part '" + partName
                    + "' that declares " + e.size() + " bytes, over the limit of " + maxBytes);
        }
        // Counted before inflating, so the sum over parts stays within the file's decompression budget.
        FileBudget.current().decompressed(e.size());
        byte[] out;
        if (e.method() == 0) {
            if (e.compressedSize() != e.size()) {
                throw new UnreadableInputException(name + ": stored part '" + partName + "' has inconsistent sizes");
            }
            out = Arrays.copyOfRange(bytes, e.dataStart(), e.dataStart() + (int) e.size());
        } else if (e.method() == 8) {
            out = inflate(e, partName);
        } else {
            throw new UnreadableInputException(name + ": part '" + partName + "' uses compression method " + e.method());
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw new UnreadableInputException(name + ": part '" + partName + "' fails its CRC check");
        }
        return out;
    }

    private byte[] inflate(Entry e, String partName) throws UnreadableInputException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, e.dataStart(), (int) e.compressedSize());
            // Never more than the declared size (+1 to notice a lie): the declaration was checked above.
            byte[] out = new byte[(int) e.size() + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != e.size() || !inflater.finished()) {
                throw new UnreadableInputException(name + ": part '" + partName + "' does not inflate to its declared "
                        + e.size() + " bytes");
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException ex) {
            throw new UnreadableInputException(name + ": part '" + partName + "' has corrupt compressed data", ex);
        } finally {
            inflater.end();
        }
    }

    /**
     * Writes the package with {@code changes} applied (part name to new content; new names are added at the
     * end). Every other entry is copied as its raw local record; the central directory follows the entries.
     */
    public void write(Map<String, byte[]> changes, OutputStream out) throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        CountingOutput body = new CountingOutput(out);
        Set<String> done = new HashSet<>();
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingInt(Entry::recordStart));
        for (Entry e : ordered) {
            long offset = body.count;
            if (changes.containsKey(e.name())) {
                central.writeBytes(writeNew(body, e.name(), changes.get(e.name()), offset));
                done.add(e.name());
            } else {
                body.write(bytes, e.recordStart(), e.recordEnd() - e.recordStart());
                byte[] record = e.central().clone();
                ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(42, (int) offset);
                central.writeBytes(record);
            }
        }
        for (Map.Entry<String, byte[]> c : changes.entrySet()) {
            if (!done.contains(c.getKey())) {
                central.writeBytes(writeNew(body, c.getKey(), c.getValue(), body.count));
            }
        }
        int count = entries.size() + (int) changes.keySet().stream().filter(k -> !entries.containsKey(k)).count();
        long cdOffset = body.count;
        byte[] cd = central.toByteArray();
        body.write(cd, 0, cd.length);
        ByteBuffer end = ByteBuffer.allocate(22 + comment.length).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                .putInt(cd.length).putInt((int) cdOffset).putShort((short) comment.length).put(comment);
        body.write(end.array(), 0, end.capacity());
    }

    /** Writes a deflated entry with a plain local header; returns its central directory record. */
    private static byte[] writeNew(CountingOutput out, String name, byte[] content, long offset) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(content.length / 2 + 64);
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            compressed.write(buf, 0, n);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(content);
        int dosTime = 0;
        int dosDate = (1 << 5) | 1; // 1980-01-01: a fixed date keeps output reproducible
        ByteBuffer local = ByteBuffer.allocate(30 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        local.putInt(LOCAL).putShort((short) 20).putShort((short) 0x800).putShort((short) 8).putShort((short) dosTime)
                .putShort((short) dosDate).putInt((int) crc.getValue()).putInt(compressed.size()).putInt(content.length)
                .putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes);
        out.write(local.array(), 0, local.capacity());
        out.write(compressed.toByteArray(), 0, compressed.size());
        ByteBuffer central = ByteBuffer.allocate(46 + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        central.putInt(CENTRAL).putShort((short) 20).putShort((short) 20).putShort((short) 0x800).putShort((short) 8)
                .putShort((short) dosTime).putShort((short) dosDate).putInt((int) crc.getValue()).putInt(compressed.size())
                .putInt(content.length).putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset).put(nameBytes);
        return central.array();
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFFFFFFL;
    }

    private static final class CountingOutput {
        private final OutputStream out;
        private long count;

        CountingOutput(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
