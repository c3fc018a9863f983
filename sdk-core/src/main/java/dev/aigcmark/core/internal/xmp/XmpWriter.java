package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.label.AigcLabel;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a packet through its DOM: removes every earlier label (any form, prefix or namespace variant) and,
 * when a new one is given, every digital source type; adds the new values to the first rdf:Description; keeps
 * every other node. Whitespace before a removed property goes with it, so re-marking never grows the packet.
 */
final class XmpWriter {
    static final String XPACKET_ID = "W5M0MpCehiHzreSzNTczkc9d";
    private static final String HEADER = "<?xpacket begin=\"\uFEFF\" id=\"" + XPACKET_ID + "\"?>\n";
    private static final String TRAILER = "\n<?xpacket end=\"w\"?>";
    private static final String SKELETON = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n <rdf:RDF xmlns:rdf=\""
            + XmpNamespaces.RDF + "\">\n  <rdf:Description rdf:about=\"\">\n  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>";
    private static final String DEFAULT_INDENT = "\n   ";

    /** Creating a transformer costs milliseconds; one identity serializer per thread. */
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(() -> {
        try {
            TransformerFactory f = TransformerFactory.newDefaultInstance();
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            return f.newTransformer();
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK XML serializer is unavailable", e);
        }
    });

    private XmpWriter() {
    }

    static byte[] update(byte[] existing, String aigcJson, String dst, ReadLimits limits) throws XmpException {
        Objects.requireNonNull(aigcJson, "aigcJson");
        boolean none = existing == null || new String(existing, StandardCharsets.UTF_8).replace("\0", "").isBlank();
        if (none) {
            byte[] fresh = FreshPacket.fill(aigcJson, dst);
            if (fresh != null) {
                return fresh;
            }
        }
        return throughDom(none ? null : existing, aigcJson, dst, limits);
    }

    /** {@link #update} always through the DOM (the reference {@link FreshPacket} is checked against). */
    static byte[] throughDom(byte[] existingOrNull, String aigcJson, String dst, ReadLimits limits) throws XmpException {
        boolean none = existingOrNull == null;
        Document doc = XmpDom.parse(none ? SKELETON.getBytes(StandardCharsets.UTF_8) : existingOrNull, limits);
        if (XmpDom.rdf(doc) == null) {
            throw new XmpException("XMP packet has no rdf:RDF element; refusing to replace it");
        }
        List<Element> descs = XmpDom.descriptions(doc);
        for (Element d : descs) {
            removeLabels(d, dst != null);
        }
        Element target = descs.isEmpty() ? newDescription(doc) : pickTarget(descs);
        append(target, XmpNamespaces.TC260, XmpNamespaces.TC260_PREFIX, XmpNamespaces.AIGC_PROPERTY, aigcJson);
        if (dst != null) {
            append(target, XmpNamespaces.IPTC_EXT, XmpNamespaces.IPTC_EXT_PREFIX, XmpNamespaces.DIGITAL_SOURCE_TYPE, dst);
        }
        return (HEADER + serialize(doc.getDocumentElement()) + TRAILER).getBytes(StandardCharsets.UTF_8);
    }

    private static void removeLabels(Element desc, boolean alsoSourceType) {
        NamedNodeMap attrs = desc.getAttributes();
        List<Attr> doomed = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (isOurs(a.getNamespaceURI(), a.getLocalName(), alsoSourceType)) {
                doomed.add(a);
            }
        }
        doomed.forEach(desc::removeAttributeNode);
        for (Element e : XmpDom.childElements(desc)) {
            if (isOurs(e.getNamespaceURI(), e.getLocalName(), alsoSourceType)) {
                Node prev = e.getPreviousSibling();
                if (prev != null && prev.getNodeType() == Node.TEXT_NODE && prev.getTextContent().isBlank()) {
                    desc.removeChild(prev);
                }
                desc.removeChild(e);
            }
        }
    }

    /** The label, its per-field variants (an old non-conforming label is the same label), and optionally the DST. */
    private static boolean isOurs(String ns, String name, boolean alsoSourceType) {
        if (XmpDom.isLabel(ns, name)) {
            return true;
        }
        if (XmpNamespaces.isTc260Variant(ns) && AigcLabel.KEYS.contains(name)) {
            return true;
        }
        return alsoSourceType && XmpDom.isSourceType(ns, name);
    }

    /** The first Description about the resource itself (rdf:about=""), else the first one. */
    private static Element pickTarget(List<Element> descs) {
        for (Element d : descs) {
            if (d.getAttributeNS(XmpNamespaces.RDF, "about").isEmpty()) {
                return d;
            }
        }
        return descs.get(0);
    }

    private static Element newDescription(Document doc) {
        Element rdf = XmpDom.rdf(doc);
        String prefix = rdf.getPrefix();
        Element d = doc.createElementNS(XmpNamespaces.RDF, (prefix == null ? "" : prefix + ":") + "Description");
        d.setAttributeNS(XmpNamespaces.RDF, (prefix == null ? "rdf" : prefix) + ":about", "");
        rdf.appendChild(d);
        return d;
    }

    private static void append(Element desc, String ns, String preferredPrefix, String local, String value) {
        String prefix = bindPrefix(desc, ns, preferredPrefix);
        Document doc = desc.getOwnerDocument();
        Element prop = doc.createElementNS(ns, prefix + ":" + local);
        prop.setTextContent(value);
        String indent = indentOf(desc);
        Node last = desc.getLastChild();
        boolean closingSpace = last != null && last.getNodeType() == Node.TEXT_NODE && last.getTextContent().isBlank();
        Node before = closingSpace ? last : null;
        desc.insertBefore(doc.createTextNode(indent), before);
        desc.insertBefore(prop, before);
        if (!closingSpace) {
            desc.appendChild(doc.createTextNode(indent.substring(0, Math.max(1, indent.length() - 1))));
        }
    }

    /** The prefix already bound to {@code ns} in scope, else the preferred one (numbered if taken), declared here. */
    private static String bindPrefix(Element desc, String ns, String preferred) {
        String existing = desc.lookupPrefix(ns);
        if (existing != null) {
            return existing;
        }
        String prefix = preferred;
        for (int i = 1; desc.lookupNamespaceURI(prefix) != null; i++) {
            prefix = preferred + i;
        }
        desc.setAttributeNS(XmpNamespaces.XMLNS, "xmlns:" + prefix, ns);
        return prefix;
    }

    private static String indentOf(Element desc) {
        for (Node n = desc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                Node prev = n.getPreviousSibling();
                if (prev != null && prev.getNodeType() == Node.TEXT_NODE && prev.getTextContent().isBlank()
                        && prev.getTextContent().startsWith("\n")) {
                    return prev.getTextContent();
                }
                break;
            }
        }
        return DEFAULT_INDENT;
    }

    private static String serialize(Element root) throws XmpException {
        try {
            Transformer t = SERIALIZER.get();
            t.reset();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(root), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new XmpException("cannot serialise XMP: " + e.getMessage(), e);
        }
    }
}
