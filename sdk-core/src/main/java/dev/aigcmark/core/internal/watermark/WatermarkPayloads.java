package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The watermark payload for a labelled piece of content. Its 32-bit serial is derived from the ProduceID (or, for a
 * propagator's watermark, the PropagateID), so
 * a verifier holding both the label and the mark can tell they belong together, and a stripped file's mark
 * points back to the producer's record of that id.
 */
public final class WatermarkPayloads {
    private WatermarkPayloads() {
    }

    /** The producer's payload: its serial links to the ProduceID. */
    public static byte[] forLabel(AigcLabel label, PlatformIdentity identity) {
        return forId(label.produceId(), identity);
    }

    /** A payload whose serial links to {@code id} (a ProduceID, or a propagator's PropagateID). */
    public static byte[] forId(String id, PlatformIdentity identity) {
        return WatermarkPayload.of(identity.watermarkKey(), serialOf(id)).toBytes();
    }

    /** The first 32 bits of SHA-256(ProduceID), as an unsigned value. */
    public static long serialOf(String produceId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(produceId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getInt() & 0xFFFFFFFFL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
