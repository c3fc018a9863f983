package dev.aigcmark.image.internal.sd;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the {@code imwatermark dwtDct} mark that Stable Diffusion, SDXL and FLUX pipelines embed, bit-exact
 * with the library (see {@code docs/watermark.md}): U channel, one-level Haar LL, 4×4 blocks, the largest
 * non-DC coefficient's magnitude modulo 36, votes averaged per payload bit. Four reading conventions
 * (8-bit OpenCV YUV vs float; BGR vs R/B swapped, as pipelines pass RGB arrays as BGR) and inverted reads;
 * a mark is declared when a one-sided binomial tail, Bonferroni-corrected for every test made, is below
 * {@link #FAMILY_ALPHA}.
 */
public final class SdWatermarkDetector {
    /** Family-wise false-positive probability per image. */
    public static final double FAMILY_ALPHA = 1e-6;

    /** The known payloads. */
    public enum Payload {
        SDXL("sd.sdxl", "SDXL", bitsOfHex("B3EC907BB19E")),
        SD_V1("sd.v1", "Stable Diffusion 1.x", bitsOf("StableDiffusionV1")),
        SD_V2("sd.v2", "Stable Diffusion 2.x", bitsOf("SDV2")),
        SD_INPAINTING("sd.inpainting", "Stable Diffusion inpainting", bitsOf("StableDiffusionV1-Inpainting")),
        FLUX("flux", "FLUX.1", bitsOfString("1010101111111010000111100111001111010100101110"));

        public final String scheme;
        public final String displayName;
        final boolean[] bits;

        Payload(String scheme, String displayName, boolean[] bits) {
            this.scheme = scheme;
            this.displayName = displayName;
            this.bits = bits;
        }

        public int length() {
            return bits.length;
        }
    }

    /** How the pixels were turned into the U plane the library worked on. */
    public enum Convention {
        U8_BGR("uint8 BGR", true, false),
        U8_SWAPPED("uint8 R/B swapped", true, true),
        FLOAT_BGR("float BGR", false, false),
        FLOAT_SWAPPED("float R/B swapped", false, true);

        public final String label;
        final boolean eightBit;
        final boolean swapped;

        Convention(String label, boolean eightBit, boolean swapped) {
            this.label = label;
            this.eightBit = eightBit;
            this.swapped = swapped;
        }
    }

    /** One (payload, convention, polarity) read. */
    public record Read(Payload payload, Convention convention, boolean inverted, int matching, int of, double pValue) {
    }

    /** {@link #terms} by n: one entry per payload length (and any n a test asks for). */
    private static final Map<Integer, double[]> TERMS = new ConcurrentHashMap<>();

    private SdWatermarkDetector() {
    }

    /** Every read, for diagnostics and tests: the matching-bit count per payload, convention and polarity. */
    public static List<Read> readAll(BufferedImage image) {
        List<Read> reads = new ArrayList<>();
        if (image.getWidth() < 8 || image.getHeight() < 8) {
            return reads;
        }
        int tests = Payload.values().length * Convention.values().length * 2;
        boolean[][] all = SdVotes.of(image).all();
        for (Convention c : Convention.values()) {
            boolean[] votes = all[c.ordinal()];
            for (Payload p : Payload.values()) {
                boolean[] bits = decide(votes, p.length());
                int match = 0;
                for (int j = 0; j < bits.length; j++) {
                    if (bits[j] == p.bits[j]) {
                        match++;
                    }
                }
                reads.add(new Read(p, c, false, match, p.length(), Math.min(1, tests * tail(match, p.length()))));
                int inv = p.length() - match;
                reads.add(new Read(p, c, true, inv, p.length(), Math.min(1, tests * tail(inv, p.length()))));
            }
        }
        return reads;
    }

    /** The most significant read if it clears the family-wise threshold. */
    public static Optional<Read> detect(BufferedImage image) {
        return readAll(image).stream().filter(r -> r.pValue() <= FAMILY_ALPHA)
                .min((a, b) -> Double.compare(a.pValue(), b.pValue()));
    }

    /** bit[j] = mean(votes[k] for k ≡ j mod L) * 255 > 127, as the library decides. */
    static boolean[] decide(boolean[] votes, int length) {
        int[] ones = new int[length];
        for (int base = 0; base < votes.length; base += length) { // the votes a row of `length` at a time
            int n = Math.min(length, votes.length - base);
            for (int j = 0; j < n; j++) {
                ones[j] += votes[base + j] ? 1 : 0; // no branch: votes are close to random
            }
        }
        boolean[] bits = new boolean[length];
        int full = votes.length / length;
        int rest = votes.length % length;
        for (int j = 0; j < length; j++) {
            int count = full + (j < rest ? 1 : 0); // how many k < votes.length have k mod length = j
            bits[j] = count > 0 && (double) ones[j] / count * 255 > 127;
        }
        return bits;
    }

    /** P(X ≥ k) for X ~ Binomial(n, 1/2): the terms summed from {@code k} upwards. */
    static double tail(int k, int n) {
        double[] terms = TERMS.computeIfAbsent(n, SdWatermarkDetector::terms);
        double sum = 0;
        for (int i = k; i <= n; i++) {
            sum += terms[i];
        }
        return sum;
    }

    /**
     * P(X = i) for X ~ Binomial(n, 1/2), i = 0..n. Kept per n: computing them anew took O(n²) logarithms per tail,
     * 40 tails per image (~3 ms of a 1080p verification); the same expressions, so the same doubles.
     */
    private static double[] terms(int n) {
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return t;
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    private static boolean[] bitsOf(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        boolean[] bits = new boolean[b.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = ((b[i >> 3] >> (7 - (i & 7))) & 1) == 1;
        }
        return bits;
    }

    private static boolean[] bitsOfHex(String hex) {
        return bitsOf(new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1), true);
    }

    private static boolean[] bitsOf(String latin1, boolean raw) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        boolean[] bits = new boolean[b.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = ((b[i >> 3] >> (7 - (i & 7))) & 1) == 1;
        }
        return bits;
    }

    private static boolean[] bitsOfString(String s) {
        boolean[] bits = new boolean[s.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = s.charAt(i) == '1';
        }
        return bits;
    }
}
