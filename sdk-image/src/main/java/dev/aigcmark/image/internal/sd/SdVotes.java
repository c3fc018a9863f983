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
 * with the library's own per-pixel expressions ({@link #exactVote}). The per-pixel U of every convention was
 * about a quarter of a 1080p JPEG verification.
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
        // per LL coefficient of one row of blocks: the sums of R, G and B over its 2x2 pixels
        int[] sr = new int[4 * lw];
        int[] sg = new int[4 * lw];
        int[] sb = new int[4 * lw];
        for (int bi = 0; bi < bh; bi++) {
            FileBudget.current().checkpointUnchecked();
            for (int row = 0; row < 4; row++) {
                int top = 3 * 2 * (bi * 4 + row) * width;
                int bottom = top + 3 * width;
                for (int j = 0, k = row * lw; j < lw; j++, k++) {
                    int a = top + 6 * j;
                    int c = bottom + 6 * j;
                    int ab = a + blueAt;
                    int cb = c + blueAt;
                    int ar = a + redAt;
                    int cr = c + redAt;
                    sb[k] = (px[ab] & 0xFF) + (px[ab + 3] & 0xFF) + (px[cb] & 0xFF) + (px[cb + 3] & 0xFF);
                    sg[k] = (px[a + 1] & 0xFF) + (px[a + 4] & 0xFF) + (px[c + 1] & 0xFF) + (px[c + 4] & 0xFF);
                    sr[k] = (px[ar] & 0xFF) + (px[ar + 3] & 0xFF) + (px[cr] & 0xFF) + (px[cr + 3] & 0xFF);
                }
            }
            for (int bj = 0; bj < bw; bj++) {
                int at = bi * bw + bj;
                // one pass over the block's 15 coefficients for all four conventions (each read its sums once);
                // the 8-bit conventions' largest B - Y in integers: 2^14 (B - Y) = 14516 B - 4899 R - 9617 G exactly
                int bestU8 = Integer.MIN_VALUE;
                int bestU8Swapped = Integer.MIN_VALUE;
                double bestFloat = -1;
                double bestFloatSwapped = -1;
                for (int t = 1; t < 16; t++) {
                    int k = (t >> 2) * lw + bj * 4 + (t & 3);
                    int r = sr[k];
                    int g = sg[k];
                    int b = sb[k];
                    bestU8 = Math.max(bestU8, 14516 * b - 4899 * r - 9617 * g);
                    bestU8Swapped = Math.max(bestU8Swapped, 14516 * r - 4899 * b - 9617 * g);
                    double f = llFloat(r, g, b);
                    if (f > bestFloat) {
                        bestFloat = f;
                    }
                    double fs = llFloat(b, g, r);
                    if (fs > bestFloatSwapped) {
                        bestFloatSwapped = fs;
                    }
                }
                votes[Convention.U8_BGR.ordinal()][at] = vote(llU8(bestU8), U8_MARGIN, bi, bj, Convention.U8_BGR);
                votes[Convention.U8_SWAPPED.ordinal()][at] = vote(llU8(bestU8Swapped), U8_MARGIN, bi, bj,
                        Convention.U8_SWAPPED);
                votes[Convention.FLOAT_BGR.ordinal()][at] = vote(bestFloat, FLOAT_MARGIN, bi, bj, Convention.FLOAT_BGR);
                votes[Convention.FLOAT_SWAPPED.ordinal()][at] = vote(bestFloatSwapped, FLOAT_MARGIN, bi, bj,
                        Convention.FLOAT_SWAPPED);
            }
        }
        return votes;
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
     * The vote from an approximate largest |LL| of block (bi, bj) that is within {@code margin} of the exact one;
     * recomputed exactly when that margin reaches a decision edge (0 or 18 modulo 36).
     */
    private boolean vote(double approxMax, double margin, int bi, int bj, Convention c) {
        // approxMax modulo 36 without the double remainder (a slow runtime call, 4 per block): floor's quotient can
        // be one off only within ~1e-13 of a multiple of 36, where m lands within the margin of 0 or 36 and the
        // vote is recomputed exactly, so every vote is the same as with %.
        double m = approxMax - SCALE * Math.floor(approxMax * (1.0 / SCALE));
        if (m < margin || SCALE - m < margin || Math.abs(m - 0.5 * SCALE) < margin) {
            return exactVote(bi, bj, c);
        }
        return m > 0.5 * SCALE;
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
     * |LL| of one coefficient for the float convention, from the sums of R, G and B over its 2x2 pixels: U = 0.492
     * (B - Y) + 0.5 is linear, so the sum over four pixels is 0.492 (0.886 ΣB - 0.299 ΣR - 0.587 ΣG) + 2 and LL is
     * half of it.
     */
    private static double llFloat(int r, int g, int b) {
        return Math.abs(0.246 * (0.886 * b - 0.299 * r - 0.587 * g) + 1);
    }

    /** The library's vote of block (bi, bj): U per pixel, the Haar LL in pywt's order, numpy's first argmax. */
    private boolean exactVote(int bi, int bj, Convention c) {
        double best = -1;
        for (int t = 1; t < 16; t++) {
            int i = bi * 4 + t / 4;
            int a = 2 * (bj * 4 + t % 4);
            int top = 2 * i * width;
            int bottom = top + width;
            double ll = S * (S * u(top + a, c) + S * u(bottom + a, c)) + S * (S * u(top + a + 1, c) + S * u(bottom + a + 1, c));
            double v = Math.abs(ll);
            if (v > best) { // first maximum wins, as numpy's argmax
                best = v;
            }
        }
        return (best % SCALE) > 0.5 * SCALE;
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
