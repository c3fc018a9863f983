package dev.aigcmark.video.internal.audio.watermark;

/**
 * Band-limited resampling by a Kaiser-windowed sinc (polyphase table, linear interpolation between phases), for
 * any ratio. The mark lives at {@value AudioMarkLayout#RATE} Hz whatever the file's rate: the embedder resamples the
 * host down to shape the mark and the mark up to add it; the detector resamples what it hears down.
 */
public final class Resampler {
    private static final int HALF_TAPS = 16;
    private static final int PHASES = 256;
    private static final double BETA = 8.0;

    private Resampler() {
    }

    /** {@code in} at {@code fromRate} as {@code outLength} samples at {@code toRate} (cut-off at the lower Nyquist). */
    public static float[] resample(float[] in, int fromRate, int toRate, int outLength) {
        if (fromRate == toRate) {
            return java.util.Arrays.copyOf(in, outLength);
        }
        double cutoff = 0.95 * Math.min(1.0, (double) toRate / fromRate); // in cycles per input sample ×2
        double scale = Math.max(1.0, (double) fromRate / toRate); // taps widen when decimating
        int half = (int) Math.ceil(HALF_TAPS * scale);
        float[][] table = table(half, cutoff);
        float[] out = new float[outLength];
        double step = (double) fromRate / toRate;
        for (int i = 0; i < outLength; i++) {
            double t = i * step;
            int center = (int) Math.floor(t);
            double frac = t - center;
            double p = frac * PHASES;
            int ph = (int) p;
            float w = (float) (p - ph);
            float[] a = table[ph];
            float[] b = table[ph + 1];
            double acc = 0;
            int from = Math.max(0, center - half + 1);
            int to = Math.min(in.length - 1, center + half);
            for (int k = from; k <= to; k++) {
                int tap = k - center + half - 1;
                acc += in[k] * (a[tap] + w * (b[tap] - a[tap]));
            }
            out[i] = (float) acc;
        }
        return out;
    }

    /** The number of samples {@code length} samples at {@code fromRate} make at {@code toRate}. */
    public static int length(long length, int fromRate, int toRate) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (length * toRate + fromRate - 1) / fromRate);
    }

    /** table[phase][tap] = h((tap - half + 1) - phase/PHASES), for taps 0..2·half-1 and phases 0..PHASES. */
    private static float[][] table(int half, double cutoff) {
        float[][] t = new float[PHASES + 1][2 * half];
        double i0beta = bessel0(BETA);
        for (int ph = 0; ph <= PHASES; ph++) {
            double frac = (double) ph / PHASES;
            for (int tap = 0; tap < 2 * half; tap++) {
                double x = tap - half + 1 - frac;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
                double r = x / half;
                double win = Math.abs(r) >= 1 ? 0 : bessel0(BETA * Math.sqrt(1 - r * r)) / i0beta;
                t[ph][tap] = (float) (cutoff * sinc * win);
            }
        }
        return t;
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
