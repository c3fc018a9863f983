package dev.aigcmark.image.internal.sd;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.Pixels;
import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Convention;

import java.awt.image.BufferedImage;

/**
 * The per-block votes of the {@code imwatermark dwtDct} reading (see {@link SdWatermarkDetector}) for all four
 * conventions in one pass over the pixels, equal to the library's bit-exact arithmetic.
 *
 * <p>Why it can be cheap and still exact: a block's vote only depends on its largest |LL| modulo 36 compared
 * with 18, and LL is, up to a rounding error below 1e-12, half the sum of U over a 2x2 pixel square. U is
 * linear in R, G and B for the float conventions, and within 0.746 of a linear expression for OpenCV's 8-bit
 * one, so the sums of R, G and B over each square give every convention's largest |LL| within a known margin.
 * Where that margin does not reach a decision edge (0 or 18 modulo 36) the vote is the library's; only the
 * other blocks (about one in six for the 8-bit conventions, almost none for the float ones) are computed again
 * with the library's own per-pixel expressions ({@link #exactLl}), and only for the coefficients that can be the
 * largest. (Most of those blocks are flat areas whose four U values are equal, exactly on an edge: only the
 * library's doubles decide them.) The per-pixel U of every convention was about a quarter of a 1080p JPEG
 * verification; P and Q (below) as integers, one maximum per convention and the restricted recomputation took
 * the votes from ~10 to ~7 ms.
 */
final class SdVotes {
    private static final double S = 0.7071067811865476;
    private static final int SCALE = 36;
    /** Far above the double rounding error of LL (values ≤ 510, a few operations: ~1e-13). */
    private static final double FLOAT_MARGIN = 1e-6;
    /** The bound of {@link #llU8}'s error, plus the float margin. */
    private static final double U8_MARGIN = 1.492 + FLOAT_MARGIN;
    private static final int CONVENTIONS = Convention.values().length;

    /** Three bytes per pixel (red at {@link #redAt}, green at 1, blue at {@link #blueAt}), row-major, {@code width} per row. */
    private final byte[] px;
    private final int redAt;
    private final int blueAt;
    private final int width;
    private final int bw;
    private final int bh;
    /** The U values of a block's candidate coefficients ({@link #voteU8}): four per coefficient, at most 15. */
    private final int[] scratch = new int[4 * 15];

    private SdVotes(PackedRgb pixels) {
        this.px = pixels.bytes();
        this.redAt = pixels.redAt();
        this.blueAt = pixels.blueAt();
        this.width = pixels.width();
        int height = pixels.height();
        this.bh = height / 4 * 4 / 2 / 4;
        this.bw = width / 4 * 4 / 2 / 4;
    }

    /** The image's pixels, read in place for decoded JPEGs ({@link PackedRgb}), copied to that layout otherwise. */
    static SdVotes of(BufferedImage image) {
        return PackedRgb.of(image).map(SdVotes::new)
                .orElseGet(() -> of(Pixels.argb(image), image.getWidth(), image.getHeight()));
    }

    /** Votes of packed ARGB pixels, {@code width} per row. */
    static SdVotes of(int[] argb, int width, int height) {
        byte[] bgr = new byte[3 * argb.length];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            bgr[j] = (byte) argb[i];
            bgr[j + 1] = (byte) (argb[i] >> 8);
            bgr[j + 2] = (byte) (argb[i] >> 16);
        }
        return new SdVotes(new PackedRgb(bgr, width, height, 2, 0));
    }

    /** The votes of every convention, indexed by {@link Convention#ordinal()}: one pass over the pixels. */
    boolean[][] all() {
        boolean[][] votes = new boolean[CONVENTIONS][bh * bw];
        int lw = bw * 4;
        int n = 4 * lw;
        // per LL coefficient of one row of blocks, from the sums of R, G and B over its 2x2 pixels: P = ΣB - ΣG and
        // Q = ΣR - ΣG, which every convention's U is linear in (its weights of R, G and B sum to 0)
        int[] p = new int[n];
        int[] q = new int[n];
        // per coefficient, in integers: the 8-bit conventions' 2^14 (B - Y) = 14516 ΣB - 4899 ΣR - 9617 ΣG =
        // 14516 P - 4899 Q (R and B swapped: 14516 Q - 4899 P), the float ones' 1000 (B - Y) = 886 P - 299 Q (886 Q
        // - 299 P); a block's |LL| is largest at the largest of the first two, at the largest or smallest of the others
        int[] e8 = new int[n];
        int[] e8s = new int[n];
        int[] ef = new int[n];
        int[] efs = new int[n];
        // the same, largest (and smallest) over each column of the block row's four LL rows
        int[] c8 = new int[lw];
        int[] c8s = new int[lw];
        int[] cfMax = new int[lw];
        int[] cfMin = new int[lw];
        int[] cfsMax = new int[lw];
        int[] cfsMin = new int[lw];
        for (int bi = 0; bi < bh; bi++) {
            FileBudget.current().checkpointUnchecked();
            for (int row = 0; row < 4; row++) {
                int top = 3 * 2 * (bi * 4 + row) * width;
                sums(top, top + 3 * width, row * lw, lw, p, q);
            }
            for (int k = 0; k < n; k++) { // plain loops over arrays, which the JIT vectorises
                int pk = p[k];
                int qk = q[k];
                e8[k] = 14516 * pk - 4899 * qk;
                e8s[k] = 14516 * qk - 4899 * pk;
                ef[k] = 886 * pk - 299 * qk;
                efs[k] = 886 * qk - 299 * pk;
            }
            // a block's DC coefficient (t = 0: first row, first column) takes no part: it is replaced by its right
            // neighbour (t = 1), which leaves every block's largest and smallest value as they were
            for (int k = 0; k < lw; k += 4) {
                e8[k] = e8[k + 1];
                e8s[k] = e8s[k + 1];
                ef[k] = ef[k + 1];
                efs[k] = efs[k + 1];
            }
            for (int x = 0; x < lw; x++) {
                int x1 = x + lw;
                int x2 = x1 + lw;
                int x3 = x2 + lw;
                c8[x] = Math.max(Math.max(e8[x], e8[x1]), Math.max(e8[x2], e8[x3]));
                c8s[x] = Math.max(Math.max(e8s[x], e8s[x1]), Math.max(e8s[x2], e8s[x3]));
                cfMax[x] = Math.max(Math.max(ef[x], ef[x1]), Math.max(ef[x2], ef[x3]));
                cfMin[x] = Math.min(Math.min(ef[x], ef[x1]), Math.min(ef[x2], ef[x3]));
                cfsMax[x] = Math.max(Math.max(efs[x], efs[x1]), Math.max(efs[x2], efs[x3]));
                cfsMin[x] = Math.min(Math.min(efs[x], efs[x1]), Math.min(efs[x2], efs[x3]));
            }
            for (int bj = 0; bj < bw; bj++) {
                int at = bi * bw + bj;
                int x = 4 * bj;
                int u8 = Math.max(Math.max(c8[x], c8[x + 1]), Math.max(c8[x + 2], c8[x + 3]));
                int u8Swapped = Math.max(Math.max(c8s[x], c8s[x + 1]), Math.max(c8s[x + 2], c8s[x + 3]));
                int fMax = Math.max(Math.max(cfMax[x], cfMax[x + 1]), Math.max(cfMax[x + 2], cfMax[x + 3]));
                int fMin = Math.min(Math.min(cfMin[x], cfMin[x + 1]), Math.min(cfMin[x + 2], cfMin[x + 3]));
                int fsMax = Math.max(Math.max(cfsMax[x], cfsMax[x + 1]), Math.max(cfsMax[x + 2], cfsMax[x + 3]));
                int fsMin = Math.min(Math.min(cfsMin[x], cfsMin[x + 1]), Math.min(cfsMin[x + 2], cfsMin[x + 3]));
                votes[Convention.U8_BGR.ordinal()][at] = voteU8(u8, bi, bj, Convention.U8_BGR, e8, lw);
                votes[Convention.U8_SWAPPED.ordinal()][at] = voteU8(u8Swapped, bi, bj, Convention.U8_SWAPPED, e8s,
                        lw);
                votes[Convention.FLOAT_BGR.ordinal()][at] = vote(Math.max(llFloat(fMax), llFloat(fMin)), bi, bj,
                        Convention.FLOAT_BGR, p, q, lw);
                votes[Convention.FLOAT_SWAPPED.ordinal()][at] = vote(Math.max(llFloat(fsMax), llFloat(fsMin)), bi, bj,
                        Convention.FLOAT_SWAPPED, p, q, lw);
            }
        }
        return votes;
    }

    /**
     * P and Q ({@link #all}) of one row of LL coefficients, the 2x2 pixel squares whose rows start at byte
     * {@code top} and {@code bottom}, into {@code p} and {@code q} from {@code k}.
     */
    private void sums(int top, int bottom, int k, int n, int[] p, int[] q) {
        // red and blue at constant offsets: the JIT compiles this to about half the work of variable ones
        if (redAt == 0) {
            sums(px, top, bottom, k, n, q, p);
        } else {
            sums(px, top, bottom, k, n, p, q);
        }
    }

    /**
     * {@link #sums(int, int, int, int, int[], int[])} of pixels whose bytes 0 and 2 are {@code first} and
     * {@code last}: {@code firstMinusG} gets the sum of byte 0 minus the green sum, {@code lastMinusG} of byte 2.
     */
    private static void sums(byte[] d, int top, int bottom, int k, int n, int[] firstMinusG, int[] lastMinusG) {
        for (int j = 0; j < n; j++, k++) {
            int a = top + 6 * j;
            int c = bottom + 6 * j;
            int g = (d[a + 1] & 0xFF) + (d[a + 4] & 0xFF) + (d[c + 1] & 0xFF) + (d[c + 4] & 0xFF);
            firstMinusG[k] = (d[a] & 0xFF) + (d[a + 3] & 0xFF) + (d[c] & 0xFF) + (d[c + 3] & 0xFF) - g;
            lastMinusG[k] = (d[a + 2] & 0xFF) + (d[a + 5] & 0xFF) + (d[c + 2] & 0xFF) + (d[c + 5] & 0xFF) - g;
        }
    }

    /** The approximate |LL| ({@link #llU8}, {@link #llFloat}) of one coefficient under {@code c}, from its P and Q. */
    private static double approxLl(Convention c, int p, int q) {
        int b = c.swapped ? q : p;
        int r = c.swapped ? p : q;
        return c.eightBit ? llU8(14516 * b - 4899 * r) : llFloat(886 * b - 299 * r);
    }

    /** The library's votes computed block by block with its own per-pixel expressions: the reference. */
    boolean[] exact(Convention c) {
        boolean[] votes = new boolean[bh * bw];
        for (int bi = 0; bi < bh; bi++) {
            for (int bj = 0; bj < bw; bj++) {
                votes[bi * bw + bj] = exactVote(bi, bj, c);
            }
        }
        return votes;
    }

    /**
     * {@code approxMax} modulo 36 without the double remainder (a slow runtime call, 4 per block): floor's quotient can
     * be one off only within ~1e-13 of a multiple of 36, where the result lands within the margin of 0 or 36 and the
     * vote is recomputed exactly ({@link #decided}), so every vote is the same as with %.
     */
    private static double remainder(double approxMax) {
        return approxMax - SCALE * Math.floor(approxMax * (1.0 / SCALE));
    }

    /**
     * Whether the vote of an approximate largest |LL| within {@code margin} of the exact one, whose {@link #remainder}
     * is {@code m}, is decided: m is at least the margin away from 0, 18 and 36. Then the vote is {@code m > 18}.
     */
    private static boolean decided(double m, double margin) {
        return m >= margin && SCALE - m >= margin && Math.abs(m - 0.5 * SCALE) >= margin;
    }

    /**
     * The vote of block (bi, bj) under a float convention from its approximate largest |LL|, within
     * {@link #FLOAT_MARGIN} of the exact one; recomputed exactly when that margin reaches a decision edge (0 or 18
     * modulo 36). The recomputation only looks at the coefficients whose approximation is within two margins of the
     * largest: any other one is below the largest exact value, so it cannot be the maximum (its P and Q are still in
     * {@code p}, {@code q}).
     */
    private boolean vote(double approxMax, int bi, int bj, Convention c, int[] p, int[] q, int lw) {
        double m = remainder(approxMax);
        if (decided(m, FLOAT_MARGIN)) {
            return m > 0.5 * SCALE;
        }
        double floor = approxMax - 2 * FLOAT_MARGIN;
        double best = -1;
        for (int t = 1; t < 16; t++) {
            int k = (t >> 2) * lw + bj * 4 + (t & 3);
            if (approxLl(c, p[k], q[k]) >= floor) {
                best = Math.max(best, exactLl(bi, bj, t, c));
            }
        }
        return (best % SCALE) > 0.5 * SCALE;
    }

    /**
     * {@link #U8_MARGIN} twice in units of {@link #llU8}'s argument ({@code 8061 / 2^29} of |LL| each), rounded up,
     * plus two units of slack for the doubles' rounding (~1e-13 of |LL|, a unit is 1.5e-5): a coefficient whose
     * {@code 2^14 (B - Y)} is more than this below the block's largest has an approximate |LL| more than two margins
     * below the largest approximation.
     */
    static final int U8_SPAN = (int) Math.ceil(2 * U8_MARGIN * 0x1p29 / 8061) + 2;

    /**
     * The library's vote of block (bi, bj) under an 8-bit convention, from the largest {@code 2^14 (B - Y)} over its
     * coefficients ({@code largest}; {@link #llU8}), decided as {@link #vote} decides when {@link #U8_MARGIN} does not
     * reach an edge; else recomputed from the coefficients whose {@code e} (that value per coefficient, {@link #all}'s
     * {@code e8} or {@code e8s}) is at least {@code largest - }{@link #U8_SPAN}. Those include every coefficient whose
     * approximate |LL| is within two margins of the largest, the only ones that can hold the exact maximum, as in
     * {@link #vote}; the integer comparison replaced a per-coefficient |LL| in doubles (0.96× the votes' CPU, 1080p
     * photos, session 14). More coefficients than needed would not change the vote: any of them is below the largest
     * sum, so neither the largest sum nor the set of coefficients that reach it changes.
     * <p>
     * OpenCV's U values are integers, so each coefficient's LL
     * ({@link #exactLl}: {@code |S (S u0 + S u1) + S (S u2 + S u3)|} in doubles) is half the sum of its four U values
     * within ~1e-12 (six products and three sums of magnitude ≤ 510): a sum smaller by one is 0.5 lower, so the
     * largest LL is among the coefficients with the largest sum, and when half of that sum is not a multiple of 18
     * the vote is decided at least 0.5 from an edge. Only on an edge (most often a flat area whose four U values are
     * equal) are the library's doubles evaluated, from the same integer U values, for the coefficients with the
     * largest sum. Each pixel's U is computed once, with R and B at constant byte offsets.
     */
    private boolean voteU8(int largest, int bi, int bj, Convention c, int[] e, int lw) {
        double m = remainder(llU8(largest));
        if (decided(m, U8_MARGIN)) {
            return m > 0.5 * SCALE;
        }
        int floor = largest - U8_SPAN;
        // the bytes at offsets 0 and 2 of a pixel: red and blue in the convention's order
        boolean redFirst = (redAt == 0) != c.swapped;
        int[] u = scratch;
        int n = 0;
        int bestSum = -1;
        for (int t = 1; t < 16; t++) {
            int k = (t >> 2) * lw + bj * 4 + (t & 3);
            if (e[k] >= floor) {
                int i = bi * 4 + (t >> 2);
                int a = 2 * (bj * 4 + (t & 3));
                int top = 3 * (2 * i * width + a);
                int bottom = top + 3 * width;
                // exactLl's order: top left, bottom left, top right, bottom right
                int u0 = u8(top, redFirst);
                int u1 = u8(bottom, redFirst);
                int u2 = u8(top + 3, redFirst);
                int u3 = u8(bottom + 3, redFirst);
                u[n] = u0;
                u[n + 1] = u1;
                u[n + 2] = u2;
                u[n + 3] = u3;
                n += 4;
                bestSum = Math.max(bestSum, u0 + u1 + u2 + u3);
            }
        }
        if (bestSum % SCALE != 0) {
            return bestSum % (2 * SCALE) > SCALE; // (bestSum / 2) mod 36 > 18
        }
        double best = -1;
        for (int j = 0; j < n; j += 4) {
            if (u[j] + u[j + 1] + u[j + 2] + u[j + 3] == bestSum) {
                best = Math.max(best, Math.abs(S * (S * u[j] + S * u[j + 1]) + S * (S * u[j + 2] + S * u[j + 3])));
            }
        }
        return (best % SCALE) > 0.5 * SCALE;
    }

    /** {@link #opencvU8} of the pixel at byte {@code i}, its red at byte 0 when {@code redFirst}, else at byte 2. */
    private int u8(int i, boolean redFirst) {
        int first = px[i] & 0xFF;
        int g = px[i + 1] & 0xFF;
        int last = px[i + 2] & 0xFF;
        return redFirst ? opencvU8(first, g, last) : opencvU8(last, g, first);
    }

    /**
     * Largest LL of a block for the 8-bit convention, within {@link #U8_MARGIN}, from its largest
     * {@code 2^14 (B - Y) = 14516 ΣB - 4899 ΣR - 9617 ΣG} over the block's coefficients: OpenCV's U is
     * (B - Y) 8061/16384 + 128 rounded, Y = (4899 R + 9617 G + 1868 B)/16384 rounded, so it differs from the same
     * expression without the two roundings by less than 0.5 · 8061/16384 + 0.5 < 0.746 per pixel, and LL (half
     * the sum over four pixels, all positive) by less than 1.492.
     */
    private static double llU8(int bestScaledBMinusY) {
        // x ↦ 0.5 ((x 8061) / 16384 + 512) is non-decreasing in floating point, so it is applied once to the
        // largest B - Y rather than to every coefficient. B - Y = n · 2^-14 exactly (n < 2^24), the same double as
        // ΣB - (4899 ΣR + 9617 ΣG + 1868 ΣB) · 2^-14, which the votes were first computed with.
        double best = bestScaledBMinusY * 0x1p-14;
        return 0.5 * (best * 8061 * 0x1p-14 + 512);
    }

    /**
     * |LL| of one coefficient for the float convention from {@code 1000 (ΣB - ΣY) = 886 P - 299 Q} over its 2x2
     * pixels: U = 0.492 (B - Y) + 0.5 is linear, so the sum over four pixels is 0.492 (ΣB - ΣY) + 2 and LL is half
     * of it, within ~1e-13 of the library's double.
     */
    private static double llFloat(int thousandBMinusY) {
        return Math.abs(thousandBMinusY * 0.000246 + 1);
    }

    /** The library's vote of block (bi, bj): U per pixel, the Haar LL in pywt's order, numpy's first argmax. */
    private boolean exactVote(int bi, int bj, Convention c) {
        double best = -1;
        for (int t = 1; t < 16; t++) {
            double v = exactLl(bi, bj, t, c);
            if (v > best) { // first maximum wins, as numpy's argmax
                best = v;
            }
        }
        return (best % SCALE) > 0.5 * SCALE;
    }

    /** |LL| of coefficient {@code t} of block (bi, bj) with the library's per-pixel expressions, in its order. */
    private double exactLl(int bi, int bj, int t, Convention c) {
        int i = bi * 4 + t / 4;
        int a = 2 * (bj * 4 + t % 4);
        int top = 2 * i * width;
        int bottom = top + width;
        return Math.abs(S * (S * u(top + a, c) + S * u(bottom + a, c)) + S * (S * u(top + a + 1, c) + S * u(bottom + a + 1, c)));
    }

    /** The U value of one pixel under convention {@code c} (R and B swapped or not; OpenCV's 8-bit or the float formula). */
    private double u(int index, Convention c) {
        int blue = px[3 * index + blueAt] & 0xFF;
        int red = px[3 * index + redAt] & 0xFF;
        int r = c.swapped ? blue : red;
        int g = px[3 * index + 1] & 0xFF;
        int b = c.swapped ? red : blue;
        if (c.eightBit) {
            return opencvU8(r, g, b);
        }
        return 0.492 * (b - (0.299 * r + 0.587 * g + 0.114 * b)) + 0.5;
    }

    /**
     * OpenCV's 8-bit BGR->YUV U: 14-bit fixed point, B2U = 8061, rounded, saturated. The saturation never acts
     * (B - Y lies in [-255, 255], so U lies in [3, 253]), hence no clamp here.
     */
    private static int opencvU8(int r, int g, int b) {
        int y = (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
        return ((b - y) * 8061 + (128 << 14) + (1 << 13)) >> 14;
    }
}
