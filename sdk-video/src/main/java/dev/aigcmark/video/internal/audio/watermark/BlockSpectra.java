package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.internal.dsp.Fft;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BAND_START;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCK;

/**
 * Band energies of consecutive Hann-windowed {@value AudioMarkLayout#BLOCK}-sample blocks of audio at the mark's rate:
 * what the embedder shapes the mark by and what the detector compares.
 *
 * @param band  per block and band: the energy (sum of |X|² over the band's bins)
 * @param edges per block, four per band: the energy of the band's first, second, second-to-last and last bin (what
 *              tells a tone leaking in from outside the band: see {@link CellStrengths})
 * @param total per block: the energy of all bins from 62.5 Hz to 8 kHz
 * @param power per block: the mean square of the samples
 */
record BlockSpectra(double[][] band, double[][] edges, double[] total, double[] power) {

    /** The blocks of {@code x} from {@code start} on (only whole blocks). */
    static BlockSpectra of(float[] x, int start) {
        int blocks = Math.max(0, (x.length - start) / BLOCK);
        double[][] band = new double[blocks][BANDS];
        double[][] edges = new double[blocks][4 * BANDS];
        double[] total = new double[blocks];
        double[] power = new double[blocks];
        double[] window = hann();
        double[] re = new double[BLOCK];
        double[] im = new double[BLOCK];
        for (int j = 0; j < blocks; j++) {
            int at = start + j * BLOCK;
            double p = 0;
            for (int i = 0; i < BLOCK; i++) {
                double v = x[at + i];
                p += v * v;
                re[i] = v * window[i];
                im[i] = 0;
            }
            power[j] = p / BLOCK;
            if (p == 0) {
                continue;
            }
            Fft.transform(re, im, 0, BLOCK, 1, false);
            double t = 0;
            for (int k = 1; k < BLOCK / 2; k++) {
                t += re[k] * re[k] + im[k] * im[k];
            }
            total[j] = t;
            for (int b = 0; b < BANDS; b++) {
                int from = BAND_START[b];
                int to = BAND_START[b + 1];
                double sum = 0;
                for (int k = from; k < to; k++) {
                    sum += re[k] * re[k] + im[k] * im[k];
                }
                band[j][b] = sum;
                int at4 = 4 * b;
                for (int e = 0; e < 4; e++) {
                    int k = e < 2 ? from + e : to - 4 + e;
                    edges[j][at4 + e] = re[k] * re[k] + im[k] * im[k];
                }
            }
        }
        return new BlockSpectra(band, edges, total, power);
    }

    int blocks() {
        return total.length;
    }

    private static double[] hann() {
        double[] w = new double[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / BLOCK);
        }
        return w;
    }
}
