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
 * <p>The mark lives on a time-frequency grid at {@value #RATE} Hz: slots of {@value #SLOT} samples (64 ms) and
 * bands from 312 Hz to 7.3 kHz, narrower at the low end where speech and music keep their energy. Slots come in
 * pairs whose two halves carry opposite signs (patchwork: the detector subtracts the pair's log-energies, which
 * cancels most of the host, since audio changes little over 64 ms). A period of {@value #PAIRS} pairs (8.2 s)
 * repeats for the whole file: an eighth of its cells is a keyed sync pattern that finds the period's phase in any
 * excerpt of one period or more; the rest carries the {@link PayloadCode#CODED_BITS} coded bits, each spread over
 * cells scattered by a keyed permutation.
 */
public final class AudioMarkLayout {
    public static final int RATE = 16_000;
    public static final int FRAME = 1024;
    public static final int SLOT = 1024;
    public static final int PAIRS = 64;
    /** The first and one-past-last FFT bin (15.625 Hz each) of the marked band. */
    static final int FIRST_BIN = 20;
    static final int END_BIN = 468;
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

    /** The gain sign (+1, -1) of each cell for the coded {@code symbols} (±1). */
    int[] chips(int[] symbols) {
        int[] c = new int[CELLS];
        for (int i = 0; i < CELLS; i++) {
            c[i] = bit[i] < 0 ? sign[i] : sign[i] * symbols[bit[i]];
        }
        return c;
    }

    /** Band edges in bins: widths grow with frequency (about a fifth of the start, at least 8 bins = 125 Hz). */
    private static int[] bands() {
        List<Integer> edges = new ArrayList<>();
        int b = FIRST_BIN;
        while (b < END_BIN) {
            edges.add(b);
            b += Math.max(8, b / 5);
        }
        edges.add(END_BIN);
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }
}
