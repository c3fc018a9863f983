package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.internal.xml.SafeXml;
import dev.aigcmark.core.ReadLimits;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** DOM helpers shared by the XMP reader and writer: tolerant loading, and finding the properties. */
final class XmpDom {
    private XmpDom() {
    }

    /**
     * Parses a packet after trimming what real files put around it: leading whitespace or garbage before the
     * first {@code <} (which XML would refuse before a declaration) and trailing NUL/space padding.
     */
    static Document parse(byte[] packet, ReadLimits limits) throws XmpException {
        if (packet == null || packet.length == 0) {
            throw new XmpException("XMP packet is empty");
        }
        if (packet.length > limits.maxMetadataBytes()) {
            throw new XmpException("XMP packet has " + packet.length + " bytes, over the limit of "
                    + limits.maxMetadataBytes());
        }
        int start = 0;
        int end = packet.length;
        boolean utf16 = packet.length >= 2 && ((packet[0] == (byte) 0xFE && packet[1] == (byte) 0xFF)
                || (packet[0] == (byte) 0xFF && packet[1] == (byte) 0xFE));
        if (!utf16) {
            if (packet.length >= 3 && packet[0] == (byte) 0xEF && packet[1] == (byte) 0xBB && packet[2] == (byte) 0xBF) {
                start = 3;
            }
            while (start < end && packet[start] != '<') {
                start++;
            }
            while (end > start && (packet[end - 1] == 0 || packet[end - 1] == ' ' || packet[end - 1] == '\n'
                    || packet[end - 1] == '\r' || packet[end - 1] == '\t')) {
                end--;
            }
            if (start == end) {
                throw new XmpException("XMP packet holds no XML");
            }
        }
        try {
            return SafeXml.parse(packet, start, end - start, "XMP", limits);
        } catch (IOException e) {
            throw new XmpException(e.getMessage(), e);
        }
    }

    /** The rdf:Description elements directly under the (first) rdf:RDF: the top level of XMP. */
    static List<Element> descriptions(Document doc) {
        Element rdf = rdf(doc);
        if (rdf == null) {
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        for (Element e : childElements(rdf)) {
            if (XmpNamespaces.RDF.equals(e.getNamespaceURI()) && "Description".equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Element rdf(Document doc) {
        var list = doc.getElementsByTagNameNS(XmpNamespaces.RDF, "RDF");
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    static List<Element> childElements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** TC260:AIGC under the Annex E namespace or one of the variants vendors wrote. */
    static boolean isLabel(String ns, String localName) {
        return XmpNamespaces.AIGC_PROPERTY.equals(localName) && XmpNamespaces.isTc260Variant(ns);
    }

    static boolean isSourceType(String ns, String localName) {
        return XmpNamespaces.DIGITAL_SOURCE_TYPE.equals(localName) && XmpNamespaces.IPTC_EXT.equals(ns);
    }

    /** The leaf elements (no element children) of a structure, rdf: wrappers skipped; empty for a simple property. */
    static List<Element> leafFields(Element property) {
        List<Element> out = new ArrayList<>();
        for (Element c : childElements(property)) {
            collectLeaves(c, out);
        }
        return out;
    }

    private static void collectLeaves(Element e, List<Element> out) {
        List<Element> kids = childElements(e);
        if (kids.isEmpty()) {
            if (!XmpNamespaces.RDF.equals(e.getNamespaceURI())) {
                out.add(e);
            }
            return;
        }
        for (Element k : kids) {
            collectLeaves(k, out);
        }
    }

    /**
     * A rendering of a property that ignores prefixes and layout, so "the same property" can be compared
     * before and after a rewrite: text, rdf:resource, or {ns}name=value for every attribute and child.
     */
    static String canonical(Element e) {
        List<Element> kids = childElements(e);
        TreeMap<String, String> attrs = new TreeMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!XmpNamespaces.XMLNS.equals(a.getNamespaceURI())) {
                attrs.put("{" + a.getNamespaceURI() + "}" + a.getLocalName(), a.getValue());
            }
        }
        if (kids.isEmpty() && attrs.isEmpty()) {
            return e.getTextContent();
        }
        StringBuilder sb = new StringBuilder("[");
        attrs.forEach((k, v) -> sb.append('@').append(k).append('=').append(v).append(';'));
        if (kids.isEmpty()) {
            sb.append(e.getTextContent());
        }
        for (Element k : kids) {
            sb.append('{').append(k.getNamespaceURI()).append('}').append(k.getLocalName()).append('=')
                    .append(canonical(k)).append(';');
        }
        return sb.append(']').toString();
    }
}
