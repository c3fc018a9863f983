package dev.aigcmark.video.audio.watermark;

import dev.aigcmark.core.dsp.Fft;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.watermark.PayloadCode;
import dev.aigcmark.core.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.BAND_START;
import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.FRAME;
import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.PAIRS;
import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.RATE;
import static dev.aigcmark.video.audio.watermark.AudioMarkLayout.SLOT;

/**
 * Finds and decodes our audio mark in any excerpt, after any gain, resampling or lossy coding. The audio is brought
 * to {@value AudioMarkLayout#RATE} Hz and cut into slot-long Hann frames at 8 sub-slot offsets; each
 * band's log-energy difference between the two slots of a pair is normalised per band, clipped (so a transient
 * cannot dominate) and folded over the period. The keyed sync pattern then gives the period's phase; the data
 * cells give soft values for the Viterbi decoder; a payload counts only if its CRC-16, version, issuer id and keyed
 * tag all check.
 *
 * <p><b>False positives.</b> For each key the detector decodes at most 8 alignments. On audio
 * without this issuer's mark the decoder output is a random 80-bit word: the CRC-16 passes with probability 2^-16,
 * then the version (4 bits), issuer id (16) and keyed tag (12) must all match: 2^-48 ≈ 3.6e-15 per alignment, so at
 * most 2.9e-14 per key and file, whatever the threshold on the sync correlation (which only ranks alignments).
 */
public final class AudioDetector {
    static final int OFFSETS = 8;
    static final int CANDIDATES = 8;
    private static final double CLIP = 2.5;
    /** Pairs either side over which a band's mean pair difference (the host's trend) is estimated. */
    private static final int TREND = 4;
    /** Energy floor (about -100 dBFS per band) so digital silence reads as "no information", not as -infinity. */
    private static final double FLOOR = 1e-7;

    private final double[] window = hann();

    /** Up to how many seconds of audio are analysed (from the start). */
    public static final double MAX_SECONDS = 120;

    public Optional<AudioDetection> detect(float[] mono, int sampleRate, Collection<WatermarkKey> keys) {
        long limit = (long) (MAX_SECONDS * sampleRate);
        float[] in = mono.length > limit ? java.util.Arrays.copyOf(mono, (int) limit) : mono;
        float[] x = Resampler.resample(in, sampleRate, RATE, Resampler.length(in.length, sampleRate, RATE));
        double[][][] energies = new double[OFFSETS][][];
        for (int o = 0; o < OFFSETS; o++) {
            energies[o] = logEnergies(x, o * SLOT / OFFSETS);
        }
        double seconds = x.length / (double) RATE;
        for (WatermarkKey key : keys) {
            AudioMarkLayout layout = AudioMarkLayout.of(key);
            List<Candidate> candidates = new ArrayList<>();
            for (int o = 0; o < OFFSETS; o++) {
                for (int parity = 0; parity < 2; parity++) {
                    double[][] folded = fold(energies[o], parity);
                    if (folded == null) {
                        continue;
                    }
                    for (int r = 0; r < PAIRS; r++) {
                        candidates.add(new Candidate(o, parity, r, syncZ(layout, folded, r), folded));
                    }
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::z).reversed());
            for (Candidate c : candidates.subList(0, Math.min(CANDIDATES, candidates.size()))) {
                float[] soft = soft(layout, c.folded, c.shift);
                Optional<WatermarkPayload> p = PayloadCode.decode(soft).flatMap(b -> WatermarkPayload.parse(b, key));
                if (p.isPresent()) {
                    double start = (c.offset * SLOT / (double) OFFSETS + (c.parity - 2.0 * c.shift) * SLOT) / RATE;
                    double period = 2.0 * PAIRS * SLOT / RATE;
                    return Optional.of(new AudioDetection(p.get(), c.z, ((start % period) + period) % period, seconds,
                            PayloadCode.agreement(soft, p.get().toBytes())));
                }
            }
        }
        return Optional.empty();
    }

    private record Candidate(int offset, int parity, int shift, double z, double[][] folded) {
    }

    /** ln(band energy + floor) of slot-long Hann frames starting at {@code start}, one per slot. */
    private double[][] logEnergies(float[] x, int start) {
        int slots = Math.max(0, (x.length - start - FRAME) / SLOT + 1);
        double[][] e = new double[slots][BANDS];
        double[] re = new double[FRAME];
        double[] im = new double[FRAME];
        for (int j = 0; j < slots; j++) {
            int at = start + j * SLOT;
            for (int i = 0; i < FRAME; i++) {
                re[i] = x[at + i] * window[i];
                im[i] = 0;
            }
            Fft.transform(re, im, 0, FRAME, 1, false);
            for (int b = 0; b < BANDS; b++) {
                double sum = 0;
                for (int k = BAND_START[b]; k < BAND_START[b + 1]; k++) {
                    sum += re[k] * re[k] + im[k] * im[k];
                }
                e[j][b] = Math.log(sum / (BAND_START[b + 1] - BAND_START[b]) + FLOOR);
            }
        }
        return e;
    }

    /**
     * Pair differences (slots {@code parity + 2m} and {@code parity + 2m + 1}), normalised per band by their RMS,
     * clipped, summed into the period's {@value AudioMarkLayout#PAIRS} positions; null when there is no pair.
     */
    private static double[][] fold(double[][] e, int parity) {
        int pairs = (e.length - parity) / 2;
        if (pairs < 1) {
            return null;
        }
        double[][] d = new double[pairs][BANDS];
        double[] raw = new double[pairs];
        for (int b = 0; b < BANDS; b++) {
            for (int m = 0; m < pairs; m++) {
                raw[m] = e[parity + 2 * m][b] - e[parity + 2 * m + 1][b];
            }
            double[] abs = new double[pairs];
            double[] window = new double[2 * TREND + 1];
            for (int m = 0; m < pairs; m++) {
                // a decay or swell biases every pair alike: take its local median away (a median, because a note's
                // onset is one huge difference that a mean would spread over its neighbours)
                int from = Math.max(0, m - TREND);
                int to = Math.min(pairs - 1, m + TREND);
                System.arraycopy(raw, from, window, 0, to - from + 1);
                java.util.Arrays.sort(window, 0, to - from + 1);
                d[m][b] = raw[m] - window[(to - from) / 2];
                abs[m] = Math.abs(d[m][b]);
            }
            // the scale is robust (median absolute value): onsets and drum hits make a few huge differences that
            // an RMS would let drown every other pair of the band
            java.util.Arrays.sort(abs);
            double scale = 1.4826 * abs[pairs / 2];
            for (int m = 0; m < pairs; m++) {
                d[m][b] = scale == 0 ? 0 : Math.max(-CLIP, Math.min(CLIP, d[m][b] / scale));
            }
        }
        double[][] folded = new double[PAIRS][BANDS];
        for (int m = 0; m < pairs; m++) {
            for (int b = 0; b < BANDS; b++) {
                folded[m % PAIRS][b] += d[m][b];
            }
        }
        return folded;
    }

    /** Normalised correlation of the sync cells when the excerpt's pair 0 is period position {@code shift}. */
    private static double syncZ(AudioMarkLayout layout, double[][] folded, int shift) {
        double dot = 0;
        double energy = 0;
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            if (layout.bit[cell] >= 0) {
                continue;
            }
            double v = folded[Math.floorMod(cell / BANDS - shift, PAIRS)][cell % BANDS];
            dot += layout.sign[cell] * v;
            energy += v * v;
        }
        return energy == 0 ? 0 : dot / Math.sqrt(energy);
    }

    private static float[] soft(AudioMarkLayout layout, double[][] folded, int shift) {
        float[] soft = new float[PayloadCode.CODED_BITS];
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            int bit = layout.bit[cell];
            if (bit >= 0) {
                soft[bit] += (float) (layout.sign[cell] * folded[Math.floorMod(cell / BANDS - shift, PAIRS)][cell % BANDS]);
            }
        }
        return soft;
    }

    private static double[] hann() {
        double[] w = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            w[i] = (0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME));
        }
        return w;
    }
}
