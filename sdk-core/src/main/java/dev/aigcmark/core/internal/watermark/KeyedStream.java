package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Deterministic keyed randomness: HMAC-SHA256(key, label || counter) in counter mode. Every pattern of the
 * mark (sync chips, data chip signs, the chip-to-bit permutation) and the payload tag are derived from the
 * issuer's key with a distinct label, so any platform holding the published detection key derives the same
 * patterns. Not a hot path: patterns are derived once per key and cached by their users.
 */
public final class KeyedStream {
    private final Mac mac;
    private final byte[] label;
    private long counter;
    private byte[] block = new byte[0];
    private int pos;

    public KeyedStream(WatermarkKey key, String label) {
        this.mac = hmac(key);
        this.label = label.getBytes(StandardCharsets.US_ASCII);
    }

    public int nextInt() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | nextByte();
        }
        return v;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        int limit = Integer.MAX_VALUE - Integer.MAX_VALUE % bound;
        while (true) {
            int v = nextInt() & Integer.MAX_VALUE;
            if (v < limit) {
                return v % bound;
            }
        }
    }

    /** +1 or -1 with equal probability. */
    public int nextSign() {
        return (nextByte() & 1) == 0 ? 1 : -1;
    }

    /** A keyed permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private int nextByte() {
        if (pos == block.length) {
            mac.update(label);
            for (int i = 7; i >= 0; i--) {
                mac.update((byte) (counter >>> (8 * i)));
            }
            counter++;
            block = mac.doFinal();
            pos = 0;
        }
        return block[pos++] & 0xFF;
    }

    /** The 12-bit payload tag over the 52 leading payload bits. */
    static int tag(WatermarkKey key, long head52) {
        Mac m = hmac(key);
        m.update("aigcmark.wm.tag.v1".getBytes(StandardCharsets.US_ASCII));
        for (int i = 7; i >= 0; i--) {
            m.update((byte) (head52 >>> (8 * i)));
        }
        byte[] h = m.doFinal();
        return ((h[0] & 0xFF) << 4) | ((h[1] & 0xFF) >>> 4);
    }

    private static Mac hmac(WatermarkKey key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key.key(), "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a mandatory JDK algorithm", e);
        }
    }
}
