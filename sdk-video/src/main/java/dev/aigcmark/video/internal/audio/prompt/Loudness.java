package dev.aigcmark.video.internal.audio.prompt;

import dev.aigcmark.video.internal.audio.pcm.Pcm;

/**
 * Integrated programme loudness in LUFS as ITU-R BS.1770-4 (EBU R128) defines it: K-weighting (the high shelf and
 * the RLB high-pass, designed for the file's own sample rate from the standard's analogue prototypes), mean square
 * per channel over 400 ms blocks overlapping by 75 %, the absolute gate at -70 LUFS and the relative gate 10 LU
 * below the absolutely gated mean. Every channel has weight 1 (BS.1770 gives 1.41 to the surround channels of 5.1,
 * which this does not know apart). Checked against ffmpeg's {@code ebur128} filter in the tests.
 */
public final class Loudness {
    /** What digital silence (no block above the absolute gate) measures. */
    public static final double SILENCE = Double.NEGATIVE_INFINITY;
    private static final double ABSOLUTE_GATE = -70;
    private static final double RELATIVE_GATE = -10;

    private Loudness() {
    }

    /** The integrated loudness of {@code pcm} in LUFS, or {@link #SILENCE}. */
    public static double integrated(Pcm pcm) {
        int rate = pcm.sampleRate();
        int block = (int) Math.round(0.4 * rate);
        int step = (int) Math.round(0.1 * rate);
        int n = pcm.frames();
        if (n < block) {
            return SILENCE;
        }
        int blocks = (n - block) / step + 1;
        int steps = n / step;
        double[] stepSum = new double[steps]; // sum over channels of the K-weighted squares in each 100 ms step
        for (float[] ch : pcm.channels()) {
            double[] k = kWeighted(ch, rate);
            for (int s = 0; s < steps; s++) {
                double sum = 0;
                for (int i = s * step; i < (s + 1) * step; i++) {
                    sum += k[i] * k[i];
                }
                stepSum[s] += sum;
            }
        }
        double[] z = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double sum = 0;
            for (int s = b; s < b + 4 && s < steps; s++) {
                sum += stepSum[s];
            }
            z[b] = sum / block;
        }
        double absolute = gatedMean(z, power(ABSOLUTE_GATE));
        if (Double.isNaN(absolute)) {
            return SILENCE;
        }
        double relative = gatedMean(z, Math.max(power(ABSOLUTE_GATE), absolute * power(RELATIVE_GATE + 0.691) / power(0.691)));
        return lufs(relative);
    }

    /** The mean of the block powers above {@code threshold} (NaN when none is). */
    private static double gatedMean(double[] z, double threshold) {
        double sum = 0;
        int count = 0;
        for (double v : z) {
            if (v > threshold) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The block power whose loudness is {@code lufs}. */
    private static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    private static double lufs(double power) {
        return -0.691 + 10 * Math.log10(power);
    }

    /** The channel through the two K-weighting biquads (direct form I, in double). */
    static double[] kWeighted(float[] x, int rate) {
        double[] shelf = shelf(rate);
        double[] highPass = highPass(rate);
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double s = shelf[0] * in + shelf[1] * x1 + shelf[2] * x2 - shelf[3] * y1 - shelf[4] * y2;
            x2 = x1;
            x1 = in;
            double h = s - 2 * y1 + y2 - highPass[0] * z1 - highPass[1] * z2; // b = 1, -2, 1
            y2 = y1;
            y1 = s;
            z2 = z1;
            z1 = h;
            y[i] = h;
        }
        return y;
    }

    /** Stage 1, the high shelf (+4 dB above about 1.7 kHz): b0, b1, b2, a1, a2. */
    private static double[] shelf(int rate) {
        double f0 = 1681.974450955533;
        double gain = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / rate);
        double vh = Math.pow(10, gain / 20);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1 + k / q + k * k;
        return new double[]{(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
    }

    /** Stage 2, the RLB high-pass (about 38 Hz): a1, a2 (its numerator is 1, -2, 1). */
    private static double[] highPass(int rate) {
        double f0 = 38.13547087602444;
        double q = 0.5003270373238773;
        double k = Math.tan(Math.PI * f0 / rate);
        double a0 = 1 + k / q + k * k;
        return new double[]{2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0};
    }
}
