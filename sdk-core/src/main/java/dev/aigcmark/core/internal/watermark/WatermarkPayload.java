package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The 64 information bits our invisible mark carries, big-endian:
 * {@code version (4) | issuer id (16) | content serial (32) | keyed tag (12)}.
 * <p>
 * The tag is a truncated HMAC over the first 52 bits under the issuer's {@link WatermarkKey}: it ties the
 * payload to the key that detected it, and together with the CRC and the issuer/version checks it keeps the
 * false-positive rate of the whole detector far below 1e-9 (see {@code LumaDetector.falsePositiveBound}).
 * The payload identifies issuer and content; authenticity comes from the signed records it points to.
 *
 * @param version  payload layout version, {@value #VERSION} today (4 bits)
 * @param issuerId the issuer's 16-bit id (from its watermark key)
 * @param serial   the content serial, an unsigned 32-bit value
 * @param tag      the 12-bit keyed tag; build payloads with {@link #of} so it is computed for you
 */
public record WatermarkPayload(int version, int issuerId, long serial, int tag) {

    /** The layout this class writes and the only one {@link #parse} accepts. */
    public static final int VERSION = 2;
    public static final int BYTES = 8;
    // The one definition of the layout: version (4) | issuer (16) | serial (32) | tag (12), most significant first.
    private static final int ISSUER_BITS = 16;
    private static final int SERIAL_BITS = 32;
    private static final int TAG_BITS = 12;

    public WatermarkPayload {
        check(version, 0xF, "version");
        check(issuerId, 0xFFFF, "issuer id");
        if (serial < 0 || serial > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("serial must be an unsigned 32-bit value: " + serial);
        }
        check(tag, 0xFFF, "tag");
    }

    /** A current-version payload for {@code key}'s issuer, with its keyed tag. */
    public static WatermarkPayload of(WatermarkKey key, long serial) {
        return of(VERSION, key, serial);
    }

    public static WatermarkPayload of(int version, WatermarkKey key, long serial) {
        long head = head(version, key.issuerId(), serial);
        return new WatermarkPayload(version, key.issuerId(), serial, KeyedStream.tag(key, head));
    }

    /** The 8 bytes that get channel-coded and embedded. */
    public byte[] toBytes() {
        long v = (head(version, issuerId, serial) << TAG_BITS) | tag;
        byte[] b = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    /**
     * The payload in {@code bytes} if it is one of {@code key}'s: current version, the key's issuer id and a
     * matching tag. Anything else (another issuer, noise that slipped through the CRC) is empty.
     */
    public static Optional<WatermarkPayload> parse(byte[] bytes, WatermarkKey key) {
        if (bytes == null || bytes.length != BYTES) {
            return Optional.empty();
        }
        WatermarkPayload p = unpack(bytes);
        if (p.version != VERSION || p.issuerId != key.issuerId()
                || p.tag != KeyedStream.tag(key, head(p.version, p.issuerId, p.serial))) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** The fields of 8 payload bytes as they are, unchecked: every 64-bit value unpacks. */
    public static WatermarkPayload unpack(byte[] bytes) {
        long v = bits(bytes);
        return new WatermarkPayload((int) (v >>> (TAG_BITS + SERIAL_BITS + ISSUER_BITS)),
                (int) (v >>> (TAG_BITS + SERIAL_BITS)) & 0xFFFF, (v >>> TAG_BITS) & 0xFFFF_FFFFL, (int) v & 0xFFF);
    }

    /** The issuer id in {@code bytes} (8 bytes), read before any key is known: it says which key to check. */
    public static int issuerIdOf(byte[] bytes) {
        return unpack(bytes).issuerId;
    }

    /** The content serial in {@code bytes} (8 bytes), unchecked. */
    public static long serialOf(byte[] bytes) {
        return unpack(bytes).serial;
    }

    private static long bits(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a payload has " + BYTES + " bytes");
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    public String hex() {
        return HexFormat.of().formatHex(toBytes());
    }

    /** The first 52 bits (version, issuer, serial): what the keyed tag is computed over. */
    private static long head(int version, int issuer, long serial) {
        return ((long) version << (SERIAL_BITS + ISSUER_BITS)) | ((long) issuer << SERIAL_BITS) | serial;
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }
}
