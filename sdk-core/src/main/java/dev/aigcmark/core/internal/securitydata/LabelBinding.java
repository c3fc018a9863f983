package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.spi.ContentDigest;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a signed label is bound to, beside its own fields: the format of the file it was made for, the digest of
 * its content (when the format has one) and, when the producer embedded one, the payload of our invisible
 * watermark (which carries the content serial). Signed inside the SecurityData (see {@link SecurityData}), so a
 * label copied onto other content no longer matches it. A platform that binds its labels always writes one,
 * even for a format without a content digest, so that a label whose binding was cut out can be told apart.
 *
 * @param format           the handler id of the file the label was made for ({@code jpeg}, {@code mp4}...)
 * @param content          the content digest, or null when the format has none
 * @param watermarkPayload the 8-byte watermark payload embedded in the content, or null
 */
public record LabelBinding(String format, ContentDigest content, byte[] watermarkPayload) {

    static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public LabelBinding {
        Objects.requireNonNull(format, "format");
        if (!FORMAT.matcher(format).matches()) {
            throw new IllegalArgumentException("format '" + format + "' is not a handler id");
        }
        watermarkPayload = watermarkPayload == null ? null : watermarkPayload.clone();
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
