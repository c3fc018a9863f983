package dev.aigcmark.core.label;

/** IPTC digital source type URIs (also used by C2PA actions). Unknown URIs are kept as found. */
public final class DigitalSourceType {

    public static final String BASE = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    public static final String TRAINED_ALGORITHMIC_MEDIA = BASE + "trainedAlgorithmicMedia";
    public static final String COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA = BASE + "compositeWithTrainedAlgorithmicMedia";
    public static final String ALGORITHMIC_MEDIA = BASE + "algorithmicMedia";
    public static final String DIGITAL_CAPTURE = BASE + "digitalCapture";

    private DigitalSourceType() {
    }

    /** True for the types that mean generative AI made or changed the content. */
    public static boolean isGenerativeAi(String uri) {
        if (uri == null) {
            return false;
        }
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        return name.equals("trainedAlgorithmicMedia") || name.equals("compositeWithTrainedAlgorithmicMedia")
                || name.equals("compositeSynthetic");
    }
}
