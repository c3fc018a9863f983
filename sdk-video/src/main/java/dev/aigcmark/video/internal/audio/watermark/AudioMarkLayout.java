package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.KeyedStream;
import dev.aigcmark.core.internal.watermark.PayloadCode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the audio mark's chips go, derived from the issuer's key so any platform holding the published detection
 * key derives the same layout (as the image mark does).
 *
 * <p>The mark lives on a time-frequency grid at {@value #RATE} Hz: cells of one pair ({@value #PAIR} samples,
 * 128 ms) by one band, bands from 312 Hz to 7.3 kHz, narrower at the low end where speech and music keep their
 * energy. A pair is {@value #BLOCKS_PER_PAIR} blocks of {@value #BLOCK} samples (16 ms) that alternate A, B, A, B:
 * the mark makes a cell's A blocks louder and its B blocks softer (or the reverse) and the detector compares their
 * log-energies. Interleaving 16 ms blocks is what makes speech markable: over 16 ms a voice's band energy changes
 * four times less than between two halves of 128 ms (measured on espeak-ng speech), and the host is what the
 * detector must cancel. A period of {@value #PAIRS} pairs (8.2 s) repeats for the whole file: an eighth of its cells
 * is a keyed sync pattern that finds the period's phase in any excerpt of one period or more; the rest carries the
 * {@link PayloadCode#CODED_BITS} coded bits, each spread over cells scattered by a keyed permutation.
 */
public final class AudioMarkLayout {
    public static final int RATE = 16_000;
    public static final int BLOCK = 256;
    public static final int BLOCKS_PER_PAIR = 8;
    public static final int PAIR = BLOCK * BLOCKS_PER_PAIR;
    public static final int PAIRS = 64;
    /** The first and one-past-last bin (of a {@value #BLOCK}-sample FFT: 62.5 Hz each) of the marked band. */
    static final int FIRST_BIN = 5;
    static final int END_BIN = 117;
    static final int[] BAND_START = bands();
    public static final int BANDS = BAND_START.length - 1;
    public static final int CELLS = PAIRS * BANDS;

    /** Per cell (pair × BANDS + band): the coded bit it carries, or -1 for a sync cell. */
    final int[] bit;
    /** Per cell: the keyed sign (sync value, or the sign the coded bit is multiplied by). */
    final byte[] sign;
    final int syncCells;

    private AudioMarkLayout(int[] bit, byte[] sign, int syncCells) {
        this.bit = bit;
        this.sign = sign;
        this.syncCells = syncCells;
    }

    public static AudioMarkLayout of(WatermarkKey key) {
        KeyedStream s = new KeyedStream(key, "aigcmark.audio.v1.layout");
        int[] perm = s.permutation(CELLS);
        int sync = CELLS / 8;
        int[] bit = new int[CELLS];
        byte[] sign = new byte[CELLS];
        for (int i = 0; i < CELLS; i++) {
            int cell = perm[i];
            bit[cell] = i < sync ? -1 : (i - sync) % PayloadCode.CODED_BITS;
            sign[cell] = (byte) s.nextSign();
        }
        return new AudioMarkLayout(bit, sign, sync);
    }

    /** The gain sign (+1, -1) of each cell's A blocks for the coded {@code symbols} (±1). */
    int[] chips(int[] symbols) {
        int[] c = new int[CELLS];
        for (int i = 0; i < CELLS; i++) {
            c[i] = bit[i] < 0 ? sign[i] : sign[i] * symbols[bit[i]];
        }
        return c;
    }

    /** Band edges in bins: widths grow with frequency (about a fifth of the start, at least 2 bins = 125 Hz). */
    private static int[] bands() {
        List<Integer> edges = new ArrayList<>();
        int b = FIRST_BIN;
        while (b < END_BIN) {
            edges.add(b);
            b += Math.max(4, b / 5);
        }
        edges.add(END_BIN);
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }
}
