package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code avcC} record (ISO/IEC 14496-15 §5.3.3): the NAL length size and the parameter sets, each length
 * checked against the record. Also splits a sample into its NAL units by those lengths.
 *
 * @param lengthSize bytes of each NAL unit's length prefix in samples (1, 2 or 4)
 */
public record AvcConfig(int profile, int level, int lengthSize, List<byte[]> sps, List<byte[]> pps) {

    public static AvcConfig parse(byte[] avcC) throws BmffFormatException {
        if (avcC == null || avcC.length < 7 || avcC[0] != 1) {
            throw new BmffFormatException("the H.264 configuration (avcC) is missing or not version 1");
        }
        ByteBuffer b = ByteBuffer.wrap(avcC);
        b.position(4);
        int lengthSize = (b.get() & 3) + 1;
        if (lengthSize == 3) {
            throw new BmffFormatException("avcC declares 3-byte NAL lengths, which H.264 does not allow");
        }
        List<byte[]> sps = sets(b, b.get() & 0x1F, "SPS");
        if (!b.hasRemaining()) {
            throw new BmffFormatException("avcC ends before its PPS count");
        }
        List<byte[]> pps = sets(b, b.get() & 0xFF, "PPS");
        return new AvcConfig(avcC[1] & 0xFF, avcC[3] & 0xFF, lengthSize, sps, pps);
    }

    private static List<byte[]> sets(ByteBuffer b, int count, String what) throws BmffFormatException {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 2) {
                throw new BmffFormatException("avcC ends inside its " + what + " list");
            }
            int n = b.getShort() & 0xFFFF;
            if (n == 0 || n > b.remaining()) {
                throw new BmffFormatException("avcC " + what + " " + (i + 1) + " declares " + n + " bytes of "
                        + b.remaining());
            }
            byte[] set = new byte[n];
            b.get(set);
            out.add(set);
        }
        return out;
    }

    /** The NAL units of one sample (views into {@code sample}); a length running past the sample is an error. */
    public static List<ByteBuffer> nalUnits(byte[] sample, int lengthSize) throws BmffFormatException {
        List<ByteBuffer> out = new ArrayList<>();
        int p = 0;
        while (sample.length - p >= lengthSize) {
            long n = 0;
            for (int i = 0; i < lengthSize; i++) {
                n = n << 8 | (sample[p + i] & 0xFF);
            }
            p += lengthSize;
            if (n > sample.length - p) {
                throw new BmffFormatException("a NAL unit declares " + n + " bytes but the sample holds "
                        + (sample.length - p));
            }
            if (n > 0) {
                out.add(ByteBuffer.wrap(sample, p, (int) n).slice());
            }
            p += (int) n;
        }
        return out;
    }
}
