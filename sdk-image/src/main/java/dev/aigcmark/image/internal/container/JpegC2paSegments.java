package dev.aigcmark.image.internal.container;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2PA manifest stores in JPEG APP11 (JPEG XT, ISO 19566-5): each segment holds {@code JP}, a box instance
 * number, a sequence number from 1, then JUMBF bytes; continuation segments repeat the superbox's 8-byte
 * LBox/TBox header. A store is recognised as C2PA by the {@code c2pa} type UUID of its description box.
 */
public final class JpegC2paSegments {
    /** Payload bytes after the segment length: 65535 minus the 2 length bytes. */
    public static final int MAX_SEGMENT_DATA = 65_533;
    /** The instance number c2pa-rs writes (any unique value is allowed). */
    public static final int INSTANCE = 0x0211;
    private static final int XT_HEADER = 8;

    /** One store: its de-segmented JUMBF bytes and the file span its segments occupy. */
    public record Store(byte[] jumbf, int offset, int end, List<JpegStructure.Segment> segments) {
    }

    private JpegC2paSegments() {
    }

    /** Whether an APP11 segment starts a C2PA store (JP, then the jumb box whose jumd UUID starts with c2pa). */
    public static boolean startsC2pa(byte[] b, JpegStructure.Segment s) {
        int d = s.dataOffset();
        return s.marker() == JpegStructure.APP11 && s.dataLength() > 28 && b[d] == 'J' && b[d + 1] == 'P'
                && Bytes.startsWith(b, d + 24, s.end(), Bytes.ascii("c2pa"));
    }

    /** Collects the C2PA stores among the header segments, refusing any larger than {@code maxBytes}. */
    public static List<Store> find(byte[] b, List<JpegStructure.Segment> segments, int maxBytes) {
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            JpegStructure.Segment first = segments.get(i);
            if (!startsC2pa(b, first)) {
                continue;
            }
            int instance = Bytes.u16be(b, first.dataOffset() + 2);
            int size = first.dataLength() - XT_HEADER;
            List<JpegStructure.Segment> used = new ArrayList<>(List.of(first));
            long expected = 2;
            int j = i + 1;
            for (; j < segments.size(); j++) {
                JpegStructure.Segment s = segments.get(j);
                int d = s.dataOffset();
                if (s.marker() != JpegStructure.APP11 || s.dataLength() < 16 || b[d] != 'J' || b[d + 1] != 'P'
                        || Bytes.u16be(b, d + 2) != instance || Bytes.u32be(b, d + 4) != expected) {
                    break;
                }
                if (size + s.dataLength() > maxBytes) {
                    break;
                }
                size += s.dataLength() - 16;
                used.add(s);
                expected++;
            }
            stores.add(new Store(joined(b, used, size), first.offset(), used.get(used.size() - 1).end(), used));
            i = j - 1;
        }
        return stores;
    }

    /**
     * The JUMBF bytes of a store's segments in one array of its size (a growing stream copied a 300 KB store with a
     * thumbnail ≈ 2.5 times over, in arrays large enough to be allocated outside the young generation's buffers).
     */
    private static byte[] joined(byte[] b, List<JpegStructure.Segment> used, int size) {
        byte[] jumbf = new byte[size];
        int at = 0;
        for (int k = 0; k < used.size(); k++) {
            JpegStructure.Segment s = used.get(k);
            int header = k == 0 ? XT_HEADER : 16; // continuations repeat the superbox's 8-byte header
            System.arraycopy(b, s.dataOffset() + header, jumbf, at, s.dataLength() - header);
            at += s.dataLength() - header;
        }
        return jumbf;
    }

    /** The APP11 segments carrying {@code store}: 65,533-byte segments, continuation ones repeating the box header. */
    public static byte[] encode(byte[] store) {
        if (store.length < 8) {
            throw new IllegalArgumentException("a JUMBF store has at least its 8-byte box header");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + 64);
        int pos = 0;
        long seq = 1;
        while (pos < store.length) {
            int header = seq == 1 ? XT_HEADER : XT_HEADER + 8;
            int n = Math.min(MAX_SEGMENT_DATA - header, store.length - pos);
            byte[] seg = new byte[4 + header + n];
            seg[0] = (byte) 0xFF;
            seg[1] = (byte) JpegStructure.APP11;
            Bytes.put16be(seg, 2, 2 + header + n);
            seg[4] = 'J';
            seg[5] = 'P';
            Bytes.put16be(seg, 6, INSTANCE);
            Bytes.put32be(seg, 8, seq);
            if (seq > 1) {
                System.arraycopy(store, 0, seg, 12, 8);
            }
            System.arraycopy(store, pos, seg, 4 + header, n);
            out.write(seg, 0, seg.length);
            pos += n;
            seq++;
        }
        return out.toByteArray();
    }
}
