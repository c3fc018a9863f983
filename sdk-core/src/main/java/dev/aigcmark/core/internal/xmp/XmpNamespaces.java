package dev.aigcmark.core.internal.xmp;

import java.util.Locale;

/** The namespaces the SDK reads and writes in XMP. */
public final class XmpNamespaces {
    private XmpNamespaces() {
    }

    /** GB 45438 Annex E: one simple property {@code TC260:AIGC} holding the label JSON. */
    public static final String TC260 = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    public static final String TC260_PREFIX = "TC260";
    public static final String AIGC_PROPERTY = "AIGC";

    /** IPTC Extension, for {@code Iptc4xmpExt:DigitalSourceType}. */
    public static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    public static final String IPTC_EXT_PREFIX = "Iptc4xmpExt";
    public static final String DIGITAL_SOURCE_TYPE = "DigitalSourceType";

    public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static final String X = "adobe:ns:meta/";
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    /**
     * Namespaces that vendors wrote for the label by mistake (no trailing slash, https, other case): read,
     * but reported as non-standard.
     */
    static boolean isTc260Variant(String ns) {
        if (ns == null) {
            return false;
        }
        String n = ns.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        return n.startsWith("www.tc260.org.cn/ns/aigc") || n.startsWith("tc260.org.cn/ns/aigc");
    }
}
