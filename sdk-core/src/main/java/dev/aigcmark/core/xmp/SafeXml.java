package dev.aigcmark.core.xmp;

import dev.aigcmark.core.ReadLimits;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;

/**
 * Parses untrusted XML into a DOM with bounds: a streaming pre-pass rejects DTDs and counts elements and
 * attributes (and nesting depth) before any tree is built, so 500,000 nodes or a billion-laughs document
 * cost a bounded scan, never the memory of a DOM. The DOM parser itself also has DTDs and external
 * entities off, in case the pre-pass were ever bypassed.
 */
final class SafeXml {
    /** Deeper nesting than any XMP needs; keeps recursive walkers far from a StackOverflowError. */
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory STAX = newStax();

    /** Factories are costly to create and not thread-safe: one configured builder per thread. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return newDom().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser rejects the secure configuration", e);
        }
    });

    /** The default handler prints "[Fatal Error]" to stderr; we report through the exception instead. */
    private static final org.xml.sax.ErrorHandler THROWING = new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private SafeXml() {
    }

    static Document parse(byte[] xml, int offset, int length, ReadLimits limits) throws XmpException {
        if (length > limits.maxMetadataBytes()) {
            throw new XmpException("XMP packet has " + length + " bytes, over the limit of " + limits.maxMetadataBytes());
        }
        prePass(xml, offset, length, limits);
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return builder.parse(new ByteArrayInputStream(xml, offset, length));
        } catch (SAXException | IOException e) {
            throw new XmpException("XMP is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void prePass(byte[] xml, int offset, int length, ReadLimits limits) throws XmpException {
        XMLStreamReader r = null;
        try {
            r = STAX.createXMLStreamReader(new ByteArrayInputStream(xml, offset, length));
            long nodes = 0;
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new XmpException("XMP with a DTD (DOCTYPE) is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new XmpException("XMP with an entity reference is refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        nodes += 1 + r.getAttributeCount();
                        if (++depth > MAX_DEPTH) {
                            throw new XmpException("XMP nests deeper than " + MAX_DEPTH + " elements");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                    }
                }
                if (nodes > limits.maxXmlNodes()) {
                    throw new XmpException("XMP has more than " + limits.maxXmlNodes() + " nodes");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmpException("XMP is not well-formed XML: " + oneLine(e.getMessage()), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the array
                }
            }
        }
    }

    private static XMLInputFactory newStax() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    static DocumentBuilderFactory newDom() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** StAX puts the position on the first line and the reason on the next: keep both, on one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
