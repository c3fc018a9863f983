package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.dsp.Fft;
import dev.aigcmark.core.internal.watermark.PayloadCode;

import java.util.Arrays;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BAND_START;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCK;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIR;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIRS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.RATE;

/**
 * Embeds our audio mark ({@code aigcmark.audio.v1}): in each cell (pair × band, see {@link AudioMarkLayout}) the
 * host's A blocks are made louder by {@code 1 + s} and its B blocks softer by {@code 1 - s}, or the reverse, by the
 * cell's keyed chip; so the mark is the host's own sound, silent where the host is. The strength {@code s} of each
 * cell follows the host ({@link CellStrengths}).
 *
 * <p>How: the host, at {@value AudioMarkLayout#RATE} Hz, is filtered on a short-time spectrum (1024-sample
 * sqrt-Hann frames, 50 % overlap) by each pair's signed band strengths; that band-shaped copy is multiplied by a
 * cosine of period two blocks (+1 at A block centres, -1 at B's) and the product is resampled to the file's rate and
 * added, so content above 7.3 kHz is untouched. Every channel gets the same gains (shaped on the channels' mean), so
 * any downmix carries the mark too. Not thread-safe.
 */
public final class AudioWatermarker {
    static final int FRAME = 1024;
    private static final int HOP = FRAME / 2;
    /** FFT bins of a frame per bin of a block's FFT (the band edges are in block bins). */
    private static final int BIN_SCALE = FRAME / BLOCK;
    /**
     * The frame bin where block bin {@code k} begins: half a block bin under its centre, so a tone belongs to the
     * same band for the embedder as for the detector's nearest block bin (before session 5 the edges sat on the
     * block bins' centres and the first bin of every band read half of its lower neighbour's mark).
     */
    private static int frameBin(int k) {
        return k * BIN_SCALE - BIN_SCALE / 2;
    }

    private final int[] chips;
    private final double[] window = sqrtHann();
    private final double[] re = new double[FRAME];
    private final double[] im = new double[FRAME];
    private final float[] alternation = alternation();

    public AudioWatermarker(WatermarkKey key, byte[] payload8) {
        this.chips = AudioMarkLayout.of(key).chips(PayloadCode.encode(payload8));
    }

    /** Adds the mark to every channel in place (samples in [-1, 1], clipped there); the gains follow their mean. */
    public void embed(float[][] channels, int sampleRate) {
        int n16 = Resampler.length(channels[0].length, sampleRate, RATE);
        float[][] hosts = new float[channels.length][];
        float[] mean = new float[n16];
        for (int c = 0; c < channels.length; c++) {
            hosts[c] = Resampler.resample(channels[c], sampleRate, RATE, n16);
            for (int i = 0; i < n16; i++) {
                mean[i] += hosts[c][i] / channels.length;
            }
        }
        float[][] gains = signedGains(CellStrengths.of(BlockSpectra.of(mean, 0), 0,
                fullBandGain(channels, sampleRate, mean)));
        for (int c = 0; c < channels.length; c++) {
            float[] add = Resampler.resample(mark(hosts[c], gains), RATE, sampleRate, channels[c].length);
            float[] ch = channels[c];
            for (int i = 0; i < ch.length; i++) {
                ch[i] = Math.max(-1f, Math.min(1f, ch[i] + add[i]));
            }
        }
    }

    public void embed(float[] channel, int sampleRate) {
        embed(new float[][]{channel}, sampleRate);
    }

    /**
     * Per pair: the channels' mean energy at the file's rate over its energy at the mark's rate (≥ 1; content above
     * 8 kHz masks the mark as well and counts in the distortion bound).
     */
    private static double[] fullBandGain(float[][] channels, int sampleRate, float[] mean16) {
        double[] g = new double[mean16.length / PAIR];
        double perPair = (double) PAIR * sampleRate / RATE;
        int n = channels[0].length;
        for (int p = 0; p < g.length; p++) {
            double full = 0;
            for (int i = (int) Math.round(p * perPair); i < Math.min(n, Math.round((p + 1) * perPair)); i++) {
                double m = 0;
                for (float[] ch : channels) {
                    m += ch[i];
                }
                m /= channels.length;
                full += m * m;
            }
            double low = 0;
            for (int i = p * PAIR; i < (p + 1) * PAIR; i++) {
                low += (double) mean16[i] * mean16[i];
            }
            full *= (double) RATE / sampleRate;
            g[p] = low <= 0 ? 1 : Math.max(1, Math.min(100, full / low));
        }
        return g;
    }

    /** Per pair and band: the cell's strength times its keyed chip (the sign of its A blocks). */
    private float[][] signedGains(float[][] strengths) {
        float[][] g = new float[strengths.length][BANDS];
        for (int p = 0; p < g.length; p++) {
            for (int b = 0; b < BANDS; b++) {
                g[p][b] = strengths[p][b] * chips[(p % PAIRS) * BANDS + b];
            }
        }
        return g;
    }

    /** The difference signal at the mark's rate for a host at that rate, given the signed gains of each pair. */
    float[] mark(float[] host, float[][] pairGains) {
        float[] out = new float[host.length + FRAME];
        float[] gains = new float[BANDS];
        for (int f = 0; (long) f * HOP - HOP < host.length; f++) {
            int start = f * HOP - HOP; // frame f is centred on sample f·HOP
            if (!frameGains(f, pairGains, gains)) {
                continue;
            }
            for (int i = 0; i < FRAME; i++) {
                int t = start + i;
                re[i] = t >= 0 && t < host.length ? host[t] * window[i] : 0;
                im[i] = 0;
            }
            Fft.transform(re, im, 0, FRAME, 1, false);
            int first = frameBin(BAND_START[0]);
            Arrays.fill(re, 0, first, 0);
            Arrays.fill(im, 0, first, 0);
            for (int b = 0; b < BANDS; b++) {
                for (int k = frameBin(BAND_START[b]); k < frameBin(BAND_START[b + 1]); k++) {
                    re[k] *= gains[b];
                    im[k] *= gains[b];
                }
            }
            int end = frameBin(BAND_START[BANDS]);
            Arrays.fill(re, end, FRAME - end + 1, 0);
            Arrays.fill(im, end, FRAME - end + 1, 0);
            for (int k = 1; k < end; k++) { // a real signal: the negative frequencies mirror the positive ones
                re[FRAME - k] = re[k];
                im[FRAME - k] = -im[k];
            }
            Fft.transform(re, im, 0, FRAME, 1, true);
            for (int i = 0; i < FRAME; i++) {
                int t = start + i;
                if (t >= 0) {
                    out[t] += (float) (re[i] * window[i] / FRAME);
                }
            }
        }
        float[] mark = Arrays.copyOf(out, host.length);
        for (int t = 0; t < mark.length; t++) {
            mark[t] *= alternation[t % (2 * BLOCK)];
        }
        return mark;
    }

    /** Gains of frame {@code f}: its pair's, or the mean of the two pairs whose boundary it is centred on. */
    private static boolean frameGains(int f, float[][] pairGains, float[] gains) {
        int framesPerPair = PAIR / HOP;
        int pair = Math.min(f / framesPerPair, pairGains.length - 1);
        boolean any = false;
        for (int b = 0; b < BANDS; b++) {
            float g = pair < 0 ? 0 : pairGains[pair][b];
            if (f % framesPerPair == 0 && pair > 0) {
                g = (g + pairGains[pair - 1][b]) / 2;
            }
            gains[b] = g;
            any |= g != 0;
        }
        return any;
    }

    /** +1 at the centre of A blocks, -1 at B's: a cosine, so the mark's spectrum widens by only ±31 Hz. */
    private static float[] alternation() {
        float[] a = new float[2 * BLOCK];
        for (int t = 0; t < a.length; t++) {
            a[t] = (float) Math.cos(Math.PI * ((t + 0.5) / BLOCK - 0.5));
        }
        return a;
    }

    private static double[] sqrtHann() {
        double[] w = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            w[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME));
        }
        return w;
    }
}
