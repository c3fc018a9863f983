package dev.aigcmark.core.spi;

/** The carrier types handlers emit and codecs consume. New formats reuse these; new schemes may add more. */
public final class CarrierType {
    private CarrierType() {
    }

    /** An XMP packet (UTF-8 text); read by the GB 45438 and IPTC codecs. */
    public static final String XMP = "xmp";
    /** A GB 45438 label as JSON text, bare or wrapped (EXIF UserComment, PNG tEXt, MP4 ilst, PDF info...). */
    public static final String AIGC_JSON = "aigc-json";
    /** A C2PA manifest store (JUMBF boxes) with offset/length of its whole container for hash exclusions. */
    public static final String JUMBF = "jumbf";
    /** A visible text label found in the content (explicit label), UTF-8. */
    public static final String EXPLICIT_TEXT = "explicit-text";
}
