package dev.aigcmark.text.internal;

/**
 * The key-free fields of the 64-bit watermark payload ({@link dev.aigcmark.core.watermark.WatermarkPayload}'s
 * layout: version (4 bits) | issuer id (16) | content serial (32) | keyed tag (12)), read before the issuer's
 * key is known: the issuer id says which key to check the tag with.
 */
public final class PayloadFields {
    private PayloadFields() {
    }

    public static long bits(byte[] payload) {
        long v = 0;
        for (byte b : payload) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    public static int issuer(byte[] payload) {
        return (int) ((bits(payload) >>> 44) & 0xFFFF);
    }

    public static long serial(byte[] payload) {
        return (bits(payload) >>> 12) & 0xFFFF_FFFFL;
    }
}
