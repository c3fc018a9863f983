package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import java.util.Arrays;

/**
 * Reads the bits of one NAL unit's payload (emulation-prevention bytes removed) for the parameter-set checks:
 * fixed-width fields and Exp-Golomb codes, refusing to read past the end or codes longer than 32 bits.
 */
final class BitReader {
    private final byte[] data;
    private long bit;

    private BitReader(byte[] rbsp) {
        this.data = rbsp;
    }

    /** A reader over a NAL unit without its first {@code headerBytes} bytes, emulation prevention removed. */
    static BitReader ofNal(byte[] nal, int offset, int length, int headerBytes) {
        byte[] out = new byte[Math.max(0, length - headerBytes)];
        int n = 0;
        int zeros = 0;
        for (int i = offset + headerBytes; i < offset + length; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = (byte) b;
        }
        return new BitReader(Arrays.copyOf(out, n));
    }

    int u(int bits) throws BmffFormatException {
        int v = 0;
        for (int i = 0; i < bits; i++) {
            v = v << 1 | bit();
        }
        return v;
    }

    boolean flag() throws BmffFormatException {
        return bit() == 1;
    }

    private int bit() throws BmffFormatException {
        if (bit >= (long) data.length * 8) {
            throw new BmffFormatException("a parameter set ends in the middle of a field");
        }
        int b = (data[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
        bit++;
        return b;
    }

    /** An unsigned Exp-Golomb code. */
    long ue() throws BmffFormatException {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 31) {
                throw new BmffFormatException("an Exp-Golomb code in a parameter set is longer than 32 bits");
            }
        }
        return (1L << zeros) - 1 + (zeros == 0 ? 0 : Integer.toUnsignedLong(u(zeros)));
    }

    /** {@link #ue()} refusing values above {@code max}, naming the field. */
    int ue(long max, String field) throws BmffFormatException {
        long v = ue();
        if (v > max) {
            throw new BmffFormatException("parameter set field " + field + " = " + v + ", above its maximum " + max);
        }
        return (int) v;
    }

    long se() throws BmffFormatException {
        long k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    boolean more() {
        return bit < (long) data.length * 8;
    }
}
