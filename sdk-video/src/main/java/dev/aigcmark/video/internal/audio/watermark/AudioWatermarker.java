package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.internal.dsp.Fft;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BAND_START;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.FRAME;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIRS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.RATE;

/**
 * Embeds our audio mark ({@code aigcmark.audio.v1}): each time-frequency cell of the host (see {@link AudioMarkLayout})
 * is scaled by {@code 1 ± }{@value #STRENGTH}, so the mark follows the host's own spectrum (it is as loud as the
 * music in each band and slot, {@code 20·log10(1/STRENGTH)} ≈ 24 dB below it in the marked band, which leaves the segmental SNR of the whole signal
 * at 30 dB or more on speech, music and noise, and silent where the host is). The gain
 * is applied on a short-time spectrum at {@value AudioMarkLayout#RATE} Hz (sqrt-Hann windows, 50 % overlap) and the
 * resulting difference signal is resampled to the file's rate and added, so content above 7.3 kHz is untouched.
 * Every channel gets the same gains, so the mid (any downmix) carries the mark too. Not thread-safe.
 */
public final class AudioWatermarker {
    /** Relative change of each cell's amplitude. */
    public static final float STRENGTH = 0.06f;
    private static final int HOP = FRAME / 2;

    private final int[] chips;
    private final double[] window = sqrtHann();
    private final double[] re = new double[FRAME];
    private final double[] im = new double[FRAME];

    public AudioWatermarker(WatermarkKey key, byte[] payload8) {
        this.chips = AudioMarkLayout.of(key).chips(PayloadCode.encode(payload8));
    }

    /** Adds the mark to every channel in place (samples in [-1, 1], clipped there). */
    public void embed(float[][] channels, int sampleRate) {
        for (float[] ch : channels) {
            embed(ch, sampleRate);
        }
    }

    public void embed(float[] channel, int sampleRate) {
        int n16 = Resampler.length(channel.length, sampleRate, RATE);
        float[] host = Resampler.resample(channel, sampleRate, RATE, n16);
        float[] mark = mark(host);
        float[] add = Resampler.resample(mark, RATE, sampleRate, channel.length);
        for (int i = 0; i < channel.length; i++) {
            channel[i] = Math.max(-1f, Math.min(1f, channel[i] + add[i]));
        }
    }

    /** The difference signal at the mark's rate for a host at that rate. */
    float[] mark(float[] host) {
        float[] out = new float[host.length + FRAME];
        float[] gains = new float[BANDS];
        for (int f = 0; (long) f * HOP - HOP < host.length; f++) {
            int start = f * HOP - HOP; // frame f is centred on sample f·HOP: even frames on slot boundaries
            frameGains(f, gains);
            for (int i = 0; i < FRAME; i++) {
                int t = start + i;
                re[i] = t >= 0 && t < host.length ? host[t] * window[i] : 0;
                im[i] = 0;
            }
            Fft.transform(re, im, 0, FRAME, 1, false);
            int band = 0;
            for (int k = 0; k <= FRAME / 2; k++) {
                while (band < BANDS && k >= BAND_START[band + 1]) {
                    band++;
                }
                double g = k >= BAND_START[0] && band < BANDS ? gains[band] : 0;
                re[k] *= g;
                im[k] *= g;
                if (k > 0 && k < FRAME / 2) {
                    re[FRAME - k] *= g;
                    im[FRAME - k] *= g;
                }
            }
            Fft.transform(re, im, 0, FRAME, 1, true);
            for (int i = 0; i < FRAME; i++) {
                int t = start + i;
                if (t >= 0) {
                    out[t] += (float) (re[i] * window[i] / FRAME);
                }
            }
        }
        return java.util.Arrays.copyOf(out, host.length);
    }

    /** Gains of frame {@code f}: its slot's, or the mean of the two slots it straddles. */
    private void frameGains(int f, float[] gains) {
        int slot = f / 2;
        for (int b = 0; b < BANDS; b++) {
            float g = chip(slot, b);
            if (f % 2 == 0) {
                g = slot == 0 ? g : (g + chip(slot - 1, b)) / 2;
            }
            gains[b] = STRENGTH * g;
        }
    }

    /** A slot's sign in band b: the pair's chip, negated in the pair's second slot. */
    private float chip(int slot, int band) {
        int pair = (slot / 2) % PAIRS;
        int c = chips[pair * BANDS + band];
        return slot % 2 == 0 ? c : -c;
    }

    private static double[] sqrtHann() {
        double[] w = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            w[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME));
        }
        return w;
    }
}
