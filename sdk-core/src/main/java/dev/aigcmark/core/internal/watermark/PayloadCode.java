package dev.aigcmark.core.internal.watermark;

import java.util.Arrays;
import java.util.Optional;

/**
 * The channel code of our mark: 64 payload bits + CRC-16/CCITT, then the rate-1/2, constraint-length-7
 * convolutional code (generators 133, 171 octal; the NASA/802.11 code) with a 6-bit zero tail, decoded by a
 * soft-decision Viterbi decoder. {@value #CODED_BITS} coded bits.
 * <p>
 * Why not BCH(127,64): the detector produces soft correlations, and soft Viterbi decoding uses them, gaining
 * about 2 dB over hard-decision BCH at the same rate; the CRC then rejects wrong paths. Symbols are +1 for a
 * coded 1 and -1 for a coded 0; positive soft values mean "1 more likely".
 */
public final class PayloadCode {
    private PayloadCode() {
    }

    static final int K = 7;
    static final int STATES = 1 << (K - 1);
    private static final int G0 = 0133;
    private static final int G1 = 0171;
    static final int INFO_BITS = 64 + 16;
    static final int TAIL = K - 1;
    /** Number of coded bits carried by the mark. */
    public static final int CODED_BITS = 2 * (INFO_BITS + TAIL);

    /** The ±1 channel symbols for an 8-byte payload. */
    public static int[] encode(byte[] payload8) {
        if (payload8.length != 8) {
            throw new IllegalArgumentException("payload must have 8 bytes");
        }
        int[] in = infoBits(payload8);
        int[] out = new int[CODED_BITS];
        int reg = 0;
        for (int t = 0; t < INFO_BITS + TAIL; t++) {
            int bit = t < INFO_BITS ? in[t] : 0;
            reg = ((reg << 1) | bit) & ((1 << K) - 1);
            out[2 * t] = Integer.bitCount(reg & G0) & 1;
            out[2 * t + 1] = Integer.bitCount(reg & G1) & 1;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] == 1 ? 1 : -1;
        }
        return out;
    }

    /**
     * The most likely payload for these soft values, if its CRC checks. Scale-invariant: any positive
     * multiple of the soft values decodes the same.
     */
    public static Optional<byte[]> decode(float[] soft) {
        if (soft.length != CODED_BITS) {
            throw new IllegalArgumentException("expected " + CODED_BITS + " soft values, got " + soft.length);
        }
        int steps = INFO_BITS + TAIL;
        double[] metric = new double[STATES];
        double[] next = new double[STATES];
        Arrays.fill(metric, Double.NEGATIVE_INFINITY);
        metric[0] = 0;
        // survivor[t][state] = the input bit and predecessor are recoverable from the chosen branch
        byte[][] fromHigh = new byte[steps][STATES];
        for (int t = 0; t < steps; t++) {
            Arrays.fill(next, Double.NEGATIVE_INFINITY);
            float s0 = soft[2 * t];
            float s1 = soft[2 * t + 1];
            int maxBit = t < INFO_BITS ? 1 : 0;
            for (int state = 0; state < STATES; state++) {
                double m = metric[state];
                if (m == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int bit = 0; bit <= maxBit; bit++) {
                    int reg = (state << 1) | bit;
                    double branch = (((Integer.bitCount(reg & G0) & 1) == 1) ? s0 : -s0)
                            + (((Integer.bitCount(reg & G1) & 1) == 1) ? s1 : -s1);
                    int ns = reg & (STATES - 1);
                    double cand = m + branch;
                    if (cand > next[ns]) {
                        next[ns] = cand;
                        fromHigh[t][ns] = (byte) (state >>> (K - 2)); // the bit shifted out
                    }
                }
            }
            double[] tmp = metric;
            metric = next;
            next = tmp;
        }
        int state = 0; // the zero tail ends in state 0
        int[] bits = new int[steps];
        for (int t = steps - 1; t >= 0; t--) {
            bits[t] = state & 1;
            state = (state >>> 1) | (fromHigh[t][state] << (K - 2));
        }
        return checked(bits);
    }

    /**
     * The score of entering {@code state << 1 | bit} at step {@code t}: the soft values of its two coded bits, signed
     * by what the code emits there.
     */
    static double branch(float[] soft, int t, int state, int bit) {
        int reg = (state << 1) | bit;
        float s0 = soft[2 * t];
        float s1 = soft[2 * t + 1];
        return (((Integer.bitCount(reg & G0) & 1) == 1) ? s0 : -s0) + (((Integer.bitCount(reg & G1) & 1) == 1) ? s1 : -s1);
    }

    /**
     * What the code emits on entering {@code (state << 1 | bit)} (the register after the input bit), as two bits: the
     * G0 output times 2 plus the G1 output; {@link #branch} is the soft value of that pair.
     */
    static int output(int register) {
        return ((Integer.bitCount(register & G0) & 1) << 1) | (Integer.bitCount(register & G1) & 1);
    }

    /** The payload in decoded information {@code bits} (payload, CRC, tail) if its CRC checks. */
    static Optional<byte[]> checked(int[] bits) {
        byte[] payload = new byte[8];
        for (int i = 0; i < 64; i++) {
            payload[i >> 3] |= (byte) (bits[i] << (7 - (i & 7)));
        }
        int crc = 0;
        for (int i = 0; i < 16; i++) {
            crc = (crc << 1) | bits[64 + i];
        }
        return crc == crc16(payload) ? Optional.of(payload) : Optional.empty();
    }

    /** The fraction of soft values whose sign agrees with the codeword of {@code payload8}: 1.0 is a clean read. */
    public static double agreement(float[] soft, byte[] payload8) {
        int[] code = encode(payload8);
        int agree = 0;
        for (int i = 0; i < code.length; i++) {
            if (soft[i] * code[i] > 0) {
                agree++;
            }
        }
        return agree / (double) code.length;
    }

    private static int[] infoBits(byte[] payload8) {
        int[] bits = new int[INFO_BITS];
        for (int i = 0; i < 64; i++) {
            bits[i] = (payload8[i >> 3] >>> (7 - (i & 7))) & 1;
        }
        int crc = crc16(payload8);
        for (int i = 0; i < 16; i++) {
            bits[64 + i] = (crc >>> (15 - i)) & 1;
        }
        return bits;
    }

    /** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF). */
    static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) : (crc << 1);
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
