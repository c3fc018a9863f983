package dev.aigcmark.core.mark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An invisible mark detected in the content: ours ({@code aigcmark.image.v2}, {@code aigcmark.text.v1}) or a
 * foreign one ({@code sd.sdxl}, {@code sd.v1}, {@code flux}). {@code payloadHex} is what it carries;
 * {@code confidence} is in [0, 1]; {@code details} has scheme-specific figures (shift, scale, matching bits).
 */
public record Watermark(String scheme, String carrier, String payloadHex, double confidence,
                        Map<String, Object> details) implements Mark {

    public Watermark {
        details = Map.copyOf(details);
    }

    @Override
    public String kind() {
        return "watermark";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", scheme);
        if (payloadHex != null) {
            m.put("payload", payloadHex);
        }
        m.put("confidence", Math.round(confidence * 1000) / 1000.0);
        new TreeMap<>(details).forEach(m::put);
        return m;
    }
}
