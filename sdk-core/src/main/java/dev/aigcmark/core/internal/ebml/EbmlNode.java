package dev.aigcmark.core.internal.ebml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * One element held in memory, for the small level-1 elements an edit rewrites (Tags, SeekHead, Cues). Masters
 * listed in {@link EbmlIds#EDITED_MASTERS} keep their children as a tree; everything else keeps its data as
 * opaque bytes. An unchanged node serialises to exactly its input (the original size-field width is kept), and
 * a CRC-32 child is recomputed over its siblings when the node is written.
 */
public final class EbmlNode {
    private final long id;
    private byte[] data;
    private List<EbmlNode> children;
    private int sizeWidth;

    private EbmlNode(long id, int sizeWidth) {
        this.id = id;
        this.sizeWidth = sizeWidth;
    }

    public static EbmlNode leaf(long id, byte[] data) {
        EbmlNode n = new EbmlNode(id, 0);
        n.data = data.clone();
        return n;
    }

    public static EbmlNode master(long id, List<EbmlNode> children) {
        EbmlNode n = new EbmlNode(id, 0);
        n.children = new ArrayList<>(children);
        return n;
    }

    public static EbmlNode string(long id, String value) {
        return leaf(id, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses one element (header included) from {@code b[off, end)}. */
    public static EbmlNode parse(byte[] b, int off, int end, int maxDepth) throws EbmlFormatException {
        return parse(b, off, end, maxDepth, EbmlIds.EDITED_MASTERS);
    }

    /** Parses one element, keeping the children of the masters in {@code masters} as a tree (Tracks, Chapters...). */
    public static EbmlNode parse(byte[] b, int off, int end, int maxDepth, Set<Long> masters)
            throws EbmlFormatException {
        List<EbmlNode> list = parseAll(b, off, end, maxDepth, 0, masters);
        if (list.size() != 1) {
            throw new EbmlFormatException("expected one element, found " + list.size());
        }
        return list.get(0);
    }

    private static List<EbmlNode> parseAll(byte[] b, int off, int end, int maxDepth, int depth, Set<Long> masters)
            throws EbmlFormatException {
        if (depth > maxDepth) {
            throw new EbmlFormatException("EBML nested deeper than the limit of " + maxDepth, true);
        }
        List<EbmlNode> out = new ArrayList<>();
        int pos = off;
        while (pos < end) {
            long id = Ebml.readId(b, pos, end);
            if (id < 0) {
                throw new EbmlFormatException("invalid element id at " + pos);
            }
            int idLen = Ebml.idLength(id);
            long[] size = Ebml.readSize(b, pos + idLen, end);
            if (size == null || size[0] == Ebml.UNKNOWN_SIZE || size[0] > end - pos - idLen - size[1]) {
                throw new EbmlFormatException(String.format("element 0x%X at %d has a bad or unknown size", id, pos));
            }
            int dataStart = pos + idLen + (int) size[1];
            int dataEnd = dataStart + (int) size[0];
            EbmlNode n = new EbmlNode(id, (int) size[1]);
            if (masters.contains(id)) {
                n.children = parseAll(b, dataStart, dataEnd, maxDepth, depth + 1, masters);
            } else {
                n.data = Arrays.copyOfRange(b, dataStart, dataEnd);
            }
            out.add(n);
            pos = dataEnd;
        }
        return out;
    }

    public long id() {
        return id;
    }

    public boolean isMaster() {
        return children != null;
    }

    /** The children (mutable); empty for a leaf. */
    public List<EbmlNode> children() {
        return children == null ? new ArrayList<>() : children;
    }

    public List<EbmlNode> children(long childId) {
        return children().stream().filter(c -> c.id == childId).toList();
    }

    public EbmlNode child(long childId) {
        return children().stream().filter(c -> c.id == childId).findFirst().orElse(null);
    }

    public byte[] data() {
        return data == null ? null : data.clone();
    }

    public void setData(byte[] newData) {
        data = newData.clone();
    }

    public long uint() {
        return Ebml.readUint(data, 0, data.length);
    }

    public String text() {
        int n = data.length;
        while (n > 0 && data[n - 1] == 0) {
            n--;
        }
        return new String(data, 0, n, StandardCharsets.UTF_8);
    }

    /** The data bytes as written (children serialised, CRC-32 recomputed). */
    private byte[] body() {
        if (children == null) {
            return data;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean crcFirst = !children.isEmpty() && children.get(0).id == EbmlIds.CRC32;
        for (int i = crcFirst ? 1 : 0; i < children.size(); i++) {
            out.writeBytes(children.get(i).toBytes());
        }
        byte[] rest = out.toByteArray();
        if (!crcFirst) {
            return rest;
        }
        CRC32 crc = new CRC32();
        crc.update(rest);
        long v = crc.getValue();
        byte[] crcElement = {(byte) 0xBF, (byte) 0x84, (byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
        ByteArrayOutputStream all = new ByteArrayOutputStream(rest.length + 6);
        all.writeBytes(crcElement);
        all.writeBytes(rest);
        return all.toByteArray();
    }

    /** The whole element; the size field keeps its original width when the new size fits it. */
    public byte[] toBytes() {
        return toBytes(0);
    }

    /** The whole element with a size field of at least {@code minSizeWidth} bytes (to absorb one spare byte). */
    public byte[] toBytes(int minSizeWidth) {
        byte[] body = body();
        int width = Math.max(Math.max(sizeWidth, minSizeWidth), Ebml.sizeWidth(body.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
        Ebml.writeId(out, id);
        Ebml.writeSize(out, body.length, Math.min(width, 8));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
