package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.internal.xml.SafeXml;
import dev.aigcmark.core.io.UnreadableInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OOXML package parts the GB 45438 label touches: the custom properties part ({@code docProps/custom.xml},
 * property {@code AIGC}, {@code vt:lpwstr}), its override in {@code [Content_Types].xml} and its relationship in
 * {@code _rels/.rels}. XML is read with DTDs and external entities off. The two registry parts are edited by
 * inserting one element before their closing tag, so their other bytes stay as they were.
 */
public final class OoxmlParts {
    public static final String CUSTOM_PART = "docProps/custom.xml";
    public static final String CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
    public static final String CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
    static final String CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
    static final String VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
    static final String FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

    private OoxmlParts() {
    }

    /** The custom properties part named by the package relationships, or the usual name. */
    public static String customPart(byte[] rootRels) throws UnreadableInputException {
        for (String[] rel : relationships(rootRels)) {
            if (CUSTOM_REL.equals(rel[1])) {
                String target = rel[2];
                return target.startsWith("/") ? target.substring(1) : target;
            }
        }
        return CUSTOM_PART;
    }

    /** Each {@code Relationship} as {Id, Type, Target}. */
    static List<String[]> relationships(byte[] rels) throws UnreadableInputException {
        List<String[]> out = new ArrayList<>();
        stax(rels, "_rels/.rels", r -> {
            if (r.getEventType() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("Relationship")) {
                out.add(new String[]{r.getAttributeValue(null, "Id"), r.getAttributeValue(null, "Type"),
                        r.getAttributeValue(null, "Target")});
            }
        });
        return out;
    }

    /** The text of every custom property named {@code AIGC}, in document order. */
    public static List<String> aigcValues(byte[] customXml) throws UnreadableInputException {
        List<String> values = new ArrayList<>();
        boolean[] inAigc = {false};
        StringBuilder text = new StringBuilder();
        stax(customXml, CUSTOM_PART, r -> {
            switch (r.getEventType()) {
                case XMLStreamReader.START_ELEMENT -> {
                    if (r.getLocalName().equals("property")) {
                        inAigc[0] = "AIGC".equals(r.getAttributeValue(null, "name"));
                        text.setLength(0);
                    }
                }
                case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> {
                    if (inAigc[0]) {
                        text.append(r.getText());
                    }
                }
                case XMLStreamReader.END_ELEMENT -> {
                    if (r.getLocalName().equals("property") && inAigc[0]) {
                        values.add(text.toString());
                        inAigc[0] = false;
                    }
                }
                default -> {
                }
            }
        });
        return values;
    }

    /**
     * The custom properties part with exactly one {@code AIGC} property holding {@code json}: the first existing
     * one is updated in place (its type becomes {@code vt:lpwstr}), others removed, every other property kept.
     */
    public static byte[] withAigc(byte[] customXmlOrNull, String json) throws UnreadableInputException {
        Document doc = customXmlOrNull == null ? newCustomProperties() : parseDom(customXmlOrNull, CUSTOM_PART);
        Element root = doc.getDocumentElement();
        NodeList props = root.getElementsByTagNameNS(CUSTOM_NS, "property");
        Element kept = null;
        int maxPid = 1;
        List<Element> duplicates = new ArrayList<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            try {
                maxPid = Math.max(maxPid, Integer.parseInt(p.getAttribute("pid")));
            } catch (NumberFormatException ignored) {
                // a broken pid does not stop us; ours gets a fresh one
            }
            if ("AIGC".equals(p.getAttribute("name"))) {
                if (kept == null) {
                    kept = p;
                } else {
                    duplicates.add(p);
                }
            }
        }
        duplicates.forEach(p -> p.getParentNode().removeChild(p));
        if (kept == null) {
            kept = doc.createElementNS(CUSTOM_NS, root.getPrefix() == null ? "property" : root.getPrefix() + ":property");
            kept.setAttribute("fmtid", FMTID);
            kept.setAttribute("pid", Integer.toString(maxPid + 1));
            kept.setAttribute("name", "AIGC");
            root.appendChild(kept);
        }
        while (kept.getFirstChild() != null) {
            kept.removeChild(kept.getFirstChild());
        }
        Element value = doc.createElementNS(VT_NS, "vt:lpwstr");
        value.setTextContent(json);
        kept.appendChild(value);
        return serialize(doc);
    }

    /** {@code [Content_Types].xml} with an override for {@code /part} unless it already has one. */
    public static byte[] withOverride(byte[] contentTypes, String part, String contentType) throws UnreadableInputException {
        boolean[] present = {false};
        stax(contentTypes, "[Content_Types].xml", r -> {
            if (r.getEventType() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals("Override")
                    && ("/" + part).equalsIgnoreCase(r.getAttributeValue(null, "PartName"))) {
                present[0] = true;
            }
        });
        if (present[0]) {
            return contentTypes;
        }
        return insertBeforeClose(contentTypes, "Types", "<Override PartName=\"/" + part + "\" ContentType=\""
                + contentType + "\"/>", "[Content_Types].xml");
    }

    /** {@code _rels/.rels} with a relationship of {@code type} to {@code target} unless it already has one. */
    public static byte[] withRelationship(byte[] rels, String type, String target) throws UnreadableInputException {
        List<String[]> existing = relationships(rels);
        if (existing.stream().anyMatch(r -> type.equals(r[1]))) {
            return rels;
        }
        int n = 1;
        while (true) {
            String id = "rIdAigc" + n;
            if (existing.stream().noneMatch(r -> id.equals(r[0]))) {
                return insertBeforeClose(rels, "Relationships", "<Relationship Id=\"" + id + "\" Type=\"" + type
                        + "\" Target=\"" + target + "\"/>", "_rels/.rels");
            }
            n++;
        }
    }

    /** A fresh root relationships part, for packages that lack one. */
    public static byte[] emptyRelationships() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns="
                + "\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insertBeforeClose(byte[] xml, String root, String element, String part) throws UnreadableInputException {
        String text = new String(xml, StandardCharsets.UTF_8);
        int close = text.lastIndexOf("</" + root + ">");
        if (close < 0) {
            int prefixed = text.lastIndexOf(":" + root + ">");
            close = prefixed < 0 ? -1 : text.lastIndexOf("</", prefixed);
        }
        if (close < 0) {
            throw new UnreadableInputException(part + " has no closing </" + root + "> tag (a self-closed root is not supported)");
        }
        return (text.substring(0, close) + element + text.substring(close)).getBytes(StandardCharsets.UTF_8);
    }

    interface Visitor {
        void visit(XMLStreamReader reader) throws XMLStreamException;
    }

    /** Streams a part through {@code visitor} with {@link SafeXml}: no DTD, no entities, the file's node limits. */
    static void stax(byte[] xml, String part, Visitor visitor) throws UnreadableInputException {
        try {
            SafeXml.stream(xml, part, FileBudget.current().limits(), visitor::visit);
        } catch (UnreadableInputException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        }
    }

    private static Document newCustomProperties() {
        Document doc = SafeXml.newDocument();
        Element root = doc.createElementNS(CUSTOM_NS, "Properties");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:vt", VT_NS);
        doc.appendChild(root);
        return doc;
    }

    private static Document parseDom(byte[] xml, String part) throws UnreadableInputException {
        try {
            return SafeXml.parse(xml, part, FileBudget.current().limits());
        } catch (UnreadableInputException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.STANDALONE, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("serialising custom.xml failed", e);
        }
    }

    /** Paragraph texts of a WordprocessingML part ({@code w:t}, tabs and breaks), one line per paragraph. */
    public static String wordText(byte[] documentXml, int maxChars) throws UnreadableInputException {
        StringBuilder sb = new StringBuilder();
        boolean[] inText = {false};
        stax(documentXml, "word/document.xml", r -> {
            if (sb.length() > maxChars) {
                return;
            }
            switch (r.getEventType()) {
                case XMLStreamReader.START_ELEMENT -> {
                    switch (r.getLocalName()) {
                        case "t" -> inText[0] = true;
                        case "tab" -> sb.append('\t');
                        case "br", "cr" -> sb.append('\n');
                        default -> {
                        }
                    }
                }
                case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA, XMLStreamReader.SPACE -> {
                    if (inText[0]) {
                        sb.append(r.getText());
                    }
                }
                case XMLStreamReader.END_ELEMENT -> {
                    if (r.getLocalName().equals("t")) {
                        inText[0] = false;
                    } else if (r.getLocalName().equals("p")) {
                        sb.append('\n');
                    }
                }
                default -> {
                }
            }
        });
        return sb.toString();
    }

}
