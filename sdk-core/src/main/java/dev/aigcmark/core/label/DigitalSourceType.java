package dev.aigcmark.core.label;

import java.util.Set;

/**
 * IPTC digital source type URIs (also used by C2PA actions and ingredients). Unknown URIs are kept as found.
 * {@link #isGenerativeAi} is the Art. 6 mapping: the types that make content "AI-generated synthetic
 * content" (Label 1 when a valid signed manifest declares them).
 */
public final class DigitalSourceType {

    public static final String BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    public static final String TRAINED_ALGORITHMIC_MEDIA = BASE + "trainedAlgorithmicMedia";
    public static final String COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = BASE + "compositeWithTrainedAlgorithmicMedia";
    public static final String COMPOSITE_SYNTHETIC = BASE + "compositeSynthetic";
    public static final String ALGORITHMIC_MEDIA = BASE + "algorithmicMedia";
    public static final String ALGORITHMICALLY_ENHANCED = BASE + "algorithmicallyEnhanced";
    public static final String DIGITAL_CAPTURE = BASE + "digitalCapture";
    /** C2PA's own term for data (not media) made by a trained model. */
    public static final String TRAINED_ALGORITHMIC_DATA = "http://c2pa.org/digitalsourcetype/trainedAlgorithmicData";

    /**
     * Generated or synthesised by a model or an algorithm: trained models' output
     * ({@code trainedAlgorithmicMedia}, {@code trainedAlgorithmicData}), composites that contain such output
     * ({@code compositeWithTrainedAlgorithmicMedia}, {@code compositeSynthetic}) and purely algorithmic media
     * ({@code algorithmicMedia}). {@code algorithmicallyEnhanced} (denoising, upscaling a real capture) is not
     * among them: the content is still the capture.
     */
    private static final Set<String> GENERATED = Set.of("trainedAlgorithmicMedia", "trainedAlgorithmicData",
            "compositeWithTrainedAlgorithmicMedia", "compositeSynthetic", "algorithmicMedia");

    private DigitalSourceType() {
    }

    /** True for the types that mean generative AI (or an algorithm) made or changed the content; see above. */
    public static boolean isGenerativeAi(String uri) {
        if (uri == null) {
            return false;
        }
        String trimmed = uri.strip();
        return GENERATED.contains(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
}
