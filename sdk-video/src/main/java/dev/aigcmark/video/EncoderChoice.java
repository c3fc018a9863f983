package dev.aigcmark.video;

/**
 * What a user may override in the "same as the input" encoder settings ({@code aigc mark --encoder --crf --preset}).
 *
 * @param encoder an encoder by name ({@code libx264}, {@code libopenh264}, {@code libx265}...), or null
 * @param crf     a constant rate factor instead of the input's bit rate, or null
 * @param preset  the encoder's speed preset, or null for its default
 */
public record EncoderChoice(String encoder, Integer crf, String preset) {
    public static final EncoderChoice SAME_AS_INPUT = new EncoderChoice(null, null, null);

    public EncoderChoice {
        if (crf != null && (crf < 0 || crf > 63)) {
            throw new IllegalArgumentException("a CRF is between 0 and 63, not " + crf);
        }
    }
}
