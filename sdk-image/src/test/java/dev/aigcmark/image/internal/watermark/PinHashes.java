package dev.aigcmark.image.internal.watermark;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The short hashes the pin tests compare: the first 8 bytes of SHA-256 in hex, enough to tell any change of the
 * pinned bytes while keeping the expected strings readable in a diff.
 */
final class PinHashes {
    private PinHashes() {
    }

    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Of the floats' exact bits (big-endian), so a change in the last bit of one sample shows. */
    static String ofFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return of(b.array());
    }
}
