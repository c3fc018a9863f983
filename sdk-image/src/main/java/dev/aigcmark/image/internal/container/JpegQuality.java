package dev.aigcmark.image.internal.container;

import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * Estimates the IJG quality (1-100) a JPEG was saved with from its luminance quantisation table, so a
 * re-encode can use the same tables (the JDK encoder scales the standard tables exactly as libjpeg does).
 */
public final class JpegQuality {
    /** Zig-zag position to natural (row-major) index. */
    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
            41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
            52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    public static final int DEFAULT = 90;

    private JpegQuality() {
    }

    /** Quality from the DQT segments' payloads (the luminance table, id 0); {@link #DEFAULT} when none is found. */
    public static int estimate(byte[] b, Iterable<JpegStructure.Segment> segments) {
        for (JpegStructure.Segment s : segments) {
            if (s.marker() != 0xDB) {
                continue;
            }
            int p = s.dataOffset();
            while (p < s.end()) {
                int pq = (b[p] & 0xFF) >> 4;
                int tq = b[p] & 0x0F;
                int size = pq == 0 ? 64 : 128;
                if (p + 1 + size > s.end()) {
                    break;
                }
                if (tq == 0) {
                    int[] zz = new int[64];
                    for (int i = 0; i < 64; i++) {
                        zz[i] = pq == 0 ? b[p + 1 + i] & 0xFF : Bytes.u16be(b, p + 1 + 2 * i);
                    }
                    return fromTable(zz);
                }
                p += 1 + size;
            }
        }
        return DEFAULT;
    }

    /** The quality whose scaled standard table is closest to {@code zigzag} (ties go to the higher quality). */
    static int fromTable(int[] zigzag) {
        int[] std = JPEGQTable.K1Luminance.getTable();
        int best = DEFAULT;
        long bestErr = Long.MAX_VALUE;
        for (int q = 100; q >= 1; q--) {
            int scale = q < 50 ? 5000 / q : 200 - 2 * q;
            long err = 0;
            for (int k = 0; k < 64; k++) {
                int t = Math.max(1, Math.min(255, (std[ZIGZAG[k]] * scale + 50) / 100));
                err += Math.abs(t - zigzag[k]);
            }
            if (err < bestErr) {
                bestErr = err;
                best = q;
            }
        }
        return best;
    }
}
