package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One XMP packet, read safely (size and node limits, no DTD, no external entities) and tolerant of what
 * vendors write: a leading XML declaration, {@code begin=""}, any prefix, the element or attribute form,
 * trailing NUL padding. One reader for every container (JPEG, PNG, WebP, GIF, TIFF, MP4...).
 *
 * <p>Immutable after parsing. To change a packet use {@link #update}, which returns new bytes.
 */
public final class XmpPacket {

    /** How a label was written. Only {@link #ELEMENT} and {@link #ATTRIBUTE} are Annex E's simple property. */
    public enum Form {
        /** {@code <TC260:AIGC>json</TC260:AIGC>} */
        ELEMENT,
        /** {@code TC260:AIGC="json"} on rdf:Description */
        ATTRIBUTE,
        /** {@code TC260:AIGC} as an XMP struct of per-field properties (non-conforming); text is rebuilt as JSON */
        STRUCT,
        /** per-field properties {@code TC260:Label}... directly on rdf:Description (non-conforming) */
        FIELDS
    }

    /**
     * One label found in the packet.
     *
     * @param text      the JSON text (for STRUCT/FIELDS, rebuilt from the fields in document order)
     * @param form      how it was written
     * @param namespace the namespace URI it was found under (a non-standard variant is reported by callers)
     */
    public record AigcOccurrence(String text, Form form, String namespace) {
        public boolean standardNamespace() {
            return XmpNamespaces.TC260.equals(namespace);
        }
    }

    /**
     * One top-level property of any rdf:Description.
     *
     * @param value the text, the rdf:resource, or for structures a canonical rendering of the subtree
     */
    public record Property(String namespace, String name, String value) {
    }

    private final List<AigcOccurrence> labels;
    private final List<String> sourceTypes;
    private final List<Property> properties;

    private XmpPacket(Document doc) {
        List<AigcOccurrence> l = new ArrayList<>();
        List<String> d = new ArrayList<>();
        List<Property> p = new ArrayList<>();
        for (Element desc : XmpDom.descriptions(doc)) {
            collect(desc, l, d, p);
        }
        this.labels = List.copyOf(l);
        this.sourceTypes = List.copyOf(d);
        this.properties = List.copyOf(p);
    }

    /**
     * Parses a packet (with or without the xpacket wrapper).
     *
     * @throws XmpException when it is over {@link ReadLimits#maxMetadataBytes()} or
     *                      {@link ReadLimits#maxXmlNodes()}, has a DTD, or is not well-formed
     */
    public static XmpPacket parse(byte[] packet, ReadLimits limits) throws XmpException {
        if (packet == null || packet.length > MEMO_MAX_BYTES) {
            return new XmpPacket(XmpDom.parse(packet, limits));
        }
        Parsed last = LAST.get();
        if (last != null && last.limits.equals(limits) && Arrays.equals(last.packet, packet)) {
            if (last.failure != null) {
                throw new XmpException(last.failure.getMessage(), last.failure);
            }
            return last.result;
        }
        try {
            XmpPacket parsed = new XmpPacket(XmpDom.parse(packet, limits));
            LAST.set(new Parsed(packet.clone(), limits, parsed, null));
            return parsed;
        } catch (XmpException e) {
            if (!(e.getCause() instanceof BudgetExceededException)) {
                // a limit or deadline is the file's budget, not the packet's: another file with this packet must
                // exceed its own budget (and report the limit), so that failure is not remembered
                LAST.set(new Parsed(packet.clone(), limits, null, e));
            }
            throw e;
        }
    }

    /**
     * The last packet parsed on this thread, by content: the codecs of one verification (GB 45438 label, IPTC source
     * type, C2PA remote-manifest link) each read the same carrier in turn, and a DOM parse costs far more than
     * comparing the bytes. Parsing is a function of the bytes and the limits, and the result is immutable; a
     * packet refused by the file's budget (a DTD, too many nodes, the deadline) is not remembered.
     */
    private static final ThreadLocal<Parsed> LAST = new ThreadLocal<>();
    /** Packets up to this size are remembered (one per thread); typical XMP is a few KB. */
    private static final int MEMO_MAX_BYTES = 64 * 1024;

    private record Parsed(byte[] packet, ReadLimits limits, XmpPacket result, XmpException failure) {
    }

    /** The first label's JSON text (see {@link #aigcLabels()} for all of them). */
    public Optional<String> aigcLabelText() {
        return labels.isEmpty() ? Optional.empty() : Optional.of(labels.get(0).text());
    }

    /** How many labels the packet holds; Annex E allows exactly one. */
    public int aigcLabelCount() {
        return labels.size();
    }

    public List<AigcOccurrence> aigcLabels() {
        return labels;
    }

    /** {@code Iptc4xmpExt:DigitalSourceType} as written (element text, attribute or rdf:resource). */
    public Optional<String> digitalSourceType() {
        return sourceTypes.isEmpty() ? Optional.empty() : Optional.of(sourceTypes.get(0));
    }

    /** Every top-level property of every rdf:Description, in document order, label and DST included. */
    public List<Property> properties() {
        return properties;
    }

    /**
     * Returns a complete packet (xpacket wrapper, UTF-8) holding exactly one {@code TC260:AIGC} = {@code aigcJson}
     * (any earlier label, in whatever form or prefix, is replaced in place), the digital source type when
     * non-null, and every other property of {@code existingOrNull} kept: namespaces, other rdf:Description
     * blocks, attributes, structures.
     *
     * @throws XmpException when the existing packet cannot be parsed or has no rdf:RDF (it is never discarded silently)
     */
    public static byte[] update(byte[] existingOrNull, String aigcJson, String digitalSourceTypeOrNull,
                                ReadLimits limits) throws XmpException {
        return XmpWriter.update(existingOrNull, aigcJson, digitalSourceTypeOrNull, limits);
    }

    /** A new packet holding only the label and (when non-null) the digital source type. */
    public static byte[] fresh(String aigcJson, String digitalSourceTypeOrNull) {
        try {
            return XmpWriter.update(null, aigcJson, digitalSourceTypeOrNull, ReadLimits.defaults());
        } catch (XmpException e) {
            throw new IllegalStateException("the built-in XMP skeleton failed to parse", e);
        }
    }

    private static void collect(Element desc, List<AigcOccurrence> labels, List<String> dst, List<Property> props) {
        NamedNodeMap attrs = desc.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String ns = a.getNamespaceURI();
            if (ns == null || XmpNamespaces.XMLNS.equals(ns) || XmpNamespaces.RDF.equals(ns)) {
                continue;
            }
            props.add(new Property(ns, a.getLocalName(), a.getValue()));
            if (XmpDom.isLabel(ns, a.getLocalName())) {
                labels.add(new AigcOccurrence(a.getValue(), Form.ATTRIBUTE, ns));
            } else if (XmpDom.isSourceType(ns, a.getLocalName())) {
                dst.add(a.getValue().strip());
            }
        }
        StringBuilder fields = null;
        String fieldsNs = null;
        for (Element e : XmpDom.childElements(desc)) {
            String ns = e.getNamespaceURI();
            String name = e.getLocalName();
            props.add(new Property(ns, name, XmpDom.canonical(e)));
            if (XmpDom.isLabel(ns, name)) {
                List<Element> kids = XmpDom.leafFields(e);
                if (kids.isEmpty()) {
                    labels.add(new AigcOccurrence(e.getTextContent(), Form.ELEMENT, ns));
                } else {
                    labels.add(new AigcOccurrence(jsonOf(kids), Form.STRUCT, ns));
                }
            } else if (XmpDom.isSourceType(ns, name)) {
                String res = e.getAttributeNS(XmpNamespaces.RDF, "resource");
                dst.add((res.isEmpty() ? e.getTextContent() : res).strip());
            } else if (XmpNamespaces.isTc260Variant(ns) && AigcLabel.KEYS.contains(name)) {
                fields = fields == null ? new StringBuilder("{") : fields.append(',');
                fields.append(LabelJson.member(name, e.getTextContent()));
                fieldsNs = ns;
            }
        }
        if (fields != null) {
            labels.add(new AigcOccurrence(fields.append('}').toString(), Form.FIELDS, fieldsNs));
        }
    }

    private static String jsonOf(List<Element> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Element f : fields) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(LabelJson.member(f.getLocalName(), f.getTextContent()));
        }
        return sb.append('}').toString();
    }

    static boolean isElement(Node n) {
        return n.getNodeType() == Node.ELEMENT_NODE;
    }
}
