package dev.aigcmark.core.securitydata;

import dev.aigcmark.core.spi.ContentDigest;

import java.util.HexFormat;
import java.util.Optional;

/**
 * What a signed label is bound to, beside its own fields: the digest of the content it was made for and, when
 * the producer embedded one, the payload of our invisible watermark (which carries the content serial). Signed
 * inside the SecurityData (see {@link SecurityData}), so a label copied onto other content no longer matches it.
 *
 * @param content          the content digest, or null when the format has none
 * @param watermarkPayload the 8-byte watermark payload embedded in the content, or null
 */
public record LabelBinding(ContentDigest content, byte[] watermarkPayload) {

    public LabelBinding {
        if (content == null && watermarkPayload == null) {
            throw new IllegalArgumentException("a binding binds to at least one thing");
        }
        watermarkPayload = watermarkPayload == null ? null : watermarkPayload.clone();
    }

    /** A binding to {@code content} and, when non-null, the watermark payload; empty when both are missing. */
    public static Optional<LabelBinding> of(ContentDigest content, byte[] watermarkPayload) {
        return content == null && watermarkPayload == null ? Optional.empty()
                : Optional.of(new LabelBinding(content, watermarkPayload));
    }

    @Override
    public byte[] watermarkPayload() {
        return watermarkPayload == null ? null : watermarkPayload.clone();
    }

    /** The watermark payload as lower-case hex (the form watermark findings report), if bound. */
    public Optional<String> watermarkPayloadHex() {
        return Optional.ofNullable(watermarkPayload).map(p -> HexFormat.of().formatHex(p));
    }

    public Optional<ContentDigest> contentDigest() {
        return Optional.ofNullable(content);
    }
}
