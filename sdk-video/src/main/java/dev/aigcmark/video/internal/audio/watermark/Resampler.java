package dev.aigcmark.video.internal.audio.watermark;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited resampling by a Kaiser-windowed sinc, for any pair of rates. The mark lives at
 * {@value AudioMarkLayout#RATE} Hz whatever the file's rate: the embedder resamples the host down to shape the mark
 * and the mark up to add it; the detector resamples what it hears down.
 *
 * <p>The rates of real files are small integer ratios of each other (44.1 kHz : 16 kHz = 441 : 160), so an output
 * sample falls on one of a few hundred exact positions between input samples: one filter per position is
 * precomputed (and kept per rate pair), and each output sample is a plain dot product. That is what keeps the
 * embed near half a percent of real time per channel (two resamplings are most of its cost). Ratios with more than
 * 4096 positions use a table of 256 positions, linearly interpolated.
 */
public final class Resampler {
    private static final int HALF_TAPS = 16;
    private static final int PHASES = 256;
    private static final int MAX_PHASES = 4096;
    private static final double BETA = 8.0;
    private static final int CACHED_PAIRS = 32;
    private static final int CACHED_TAPS = 1 << 18;
    private static final Map<Long, Filter> FILTERS = new ConcurrentHashMap<>();

    private Resampler() {
    }

    /**
     * Filters for one rate pair: {@code taps[phase]} for the output positions {@code phase / phases} of an input
     * sample, {@code half} taps either side.
     */
    private record Filter(float[][] taps, int half, boolean exact) {
    }

    /** {@code in} at {@code fromRate} as {@code outLength} samples at {@code toRate} (cut-off at the lower Nyquist). */
    public static float[] resample(float[] in, int fromRate, int toRate, int outLength) {
        if (fromRate == toRate) {
            return Arrays.copyOf(in, outLength);
        }
        int g = gcd(fromRate, toRate);
        int phases = toRate / g;
        long step = fromRate / g; // input samples advance by step/phases per output sample
        Filter f = filterFor(fromRate, toRate, phases);
        float[] out = new float[outLength];
        int half = f.half;
        for (int i = 0; i < outLength; i++) {
            long pos = i * step;
            int center = (int) (pos / phases);
            float[] h;
            float[] h2 = null;
            float w = 0;
            if (f.exact) {
                h = f.taps[(int) (pos % phases)];
            } else {
                double p = (double) (pos % phases) / phases * PHASES;
                int ph = (int) p;
                w = (float) (p - ph);
                h = f.taps[ph];
                h2 = f.taps[ph + 1];
            }
            int from = center - half + 1;
            int to = center + half;
            if (h2 == null && from >= 0 && to < in.length) {
                out[i] = dot(in, from, h);
                continue;
            }
            double acc = 0;
            for (int k = Math.max(0, from); k <= Math.min(in.length - 1, to); k++) {
                int tap = k - from;
                acc += in[k] * (h2 == null ? h[tap] : h[tap] + w * (h2[tap] - h[tap]));
            }
            out[i] = (float) acc;
        }
        return out;
    }

    /** Four partial sums: independent chains the CPU runs side by side. */
    private static float dot(float[] in, int from, float[] h) {
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int n = h.length;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            a += in[from + k] * h[k];
            b += in[from + k + 1] * h[k + 1];
            c += in[from + k + 2] * h[k + 2];
            d += in[from + k + 3] * h[k + 3];
        }
        for (; k < n; k++) {
            a += in[from + k] * h[k];
        }
        return (a + b) + (c + d);
    }

    /** The number of samples {@code length} samples at {@code fromRate} make at {@code toRate}. */
    public static int length(long length, int fromRate, int toRate) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (length * toRate + fromRate - 1) / fromRate);
    }

    /** Cached while small and few: a file's rate is untrusted, and a stream of odd rates must not fill the heap. */
    private static Filter filterFor(int fromRate, int toRate, int phases) {
        long key = (long) fromRate << 32 | toRate;
        Filter f = FILTERS.get(key);
        if (f == null) {
            f = filter(fromRate, toRate, phases);
            if (FILTERS.size() < CACHED_PAIRS && (long) f.taps.length * f.taps[0].length <= CACHED_TAPS) {
                FILTERS.put(key, f);
            }
        }
        return f;
    }

    private static Filter filter(int fromRate, int toRate, int phases) {
        double cutoff = 0.95 * Math.min(1.0, (double) toRate / fromRate); // in cycles per input sample ×2
        double scale = Math.max(1.0, (double) fromRate / toRate); // taps widen when decimating
        int half = (int) Math.ceil(HALF_TAPS * scale);
        boolean exact = phases <= MAX_PHASES && (long) phases * 2 * half <= 1 << 20;
        int n = exact ? phases : PHASES + 1;
        float[][] t = new float[n][2 * half];
        double i0beta = bessel0(BETA);
        for (int ph = 0; ph < n; ph++) {
            double frac = (double) ph / (exact ? phases : PHASES);
            for (int tap = 0; tap < 2 * half; tap++) {
                double x = tap - half + 1 - frac;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
                double r = x / half;
                double win = Math.abs(r) >= 1 ? 0 : bessel0(BETA * Math.sqrt(1 - r * r)) / i0beta;
                t[ph][tap] = (float) (cutoff * sinc * win);
            }
        }
        return new Filter(t, half, exact);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 30; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
