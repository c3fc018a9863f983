package dev.aigcmark.core.mark;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A C2PA soft binding ({@code c2pa.soft-binding}): the algorithm that computes it and the value the manifest
 * records. For a watermark algorithm the value is the payload the content should carry, so a verifier compares
 * it with the watermark it detected ({@link #matches(Watermark)}).
 *
 * @param algorithm the soft-binding algorithm's name as the manifest gives it (e.g. {@code dev.aigcmark.watermark.v1})
 * @param value     the recorded value (for ours, the 8-byte watermark payload)
 */
public record SoftBinding(String algorithm, byte[] value) {

    /** Checks both parts are given; the value is copied. */
    public SoftBinding {
        Objects.requireNonNull(algorithm, "algorithm");
        value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value in lower-case hex, as reports show it. */
    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    /** Whether {@code watermark} carries this value as its payload. */
    public boolean matches(Watermark watermark) {
        return watermark.payloadHex() != null && watermark.payloadHex().equalsIgnoreCase(hex());
    }

    /** The report's form: {@code {"alg": ..., "value": <hex>}}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alg", algorithm);
        m.put("value", hex());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftBinding s && s.algorithm.equals(algorithm) && Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
