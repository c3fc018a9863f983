package dev.aigcmark.core.internal.xml;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

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
 * The one way the SDK reads untrusted XML (XMP packets, OOXML parts). A streaming pass refuses DTDs and entity
 * references and counts nodes (elements and attributes) and nesting before any tree is built, so 500,000
 * nodes or a billion-laughs document cost a bounded scan, never the memory of a DOM; the DOM parser behind it has
 * DTDs and external entities off too, in case the pass were ever bypassed, and reports errors by exception rather
 * than printing "[Fatal Error]" to stderr. Too many nodes or too deep a nesting exceed the file's budget
 * ({@code asset.limit.xmlNodes}, {@code asset.limit.depth}), and so does a DTD, whose entities could expand into
 * any number of nodes ({@code asset.limit.xmlNodes}: refused before anything is expanded); the scan is a checkpoint
 * for its deadline.
 */
public final class SafeXml {
    /** Deeper nesting than any XMP or OOXML part needs; keeps recursive walkers far from a StackOverflowError. */
    public static final int MAX_DEPTH = 64;
    private static final int CHECK_EVERY = 4096;

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
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** Sees each event of a {@link #stream} pass (the reader is positioned on it). */
    public interface Visitor {
        void visit(XMLStreamReader reader) throws XMLStreamException, IOException;
    }

    private SafeXml() {
    }

    /** A DOM of {@code xml[offset, offset + length)}, after the bounded pass; {@code what} names it in errors. */
    public static Document parse(byte[] xml, int offset, int length, String what, ReadLimits limits) throws IOException {
        if (length > limits.maxMetadataBytes()) {
            throw new XmlException(what + " has " + length + " bytes, over the limit of " + limits.maxMetadataBytes());
        }
        pass(xml, offset, length, what, limits.maxXmlNodes(), r -> {
        });
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return builder.parse(new ByteArrayInputStream(xml, offset, length));
        } catch (SAXException | IOException e) {
            throw new XmlException(what + " is not well-formed XML: " + oneLine(e.getMessage()), e);
        }
    }

    public static Document parse(byte[] xml, String what, ReadLimits limits) throws IOException {
        return parse(xml, 0, xml.length, what, limits);
    }

    /** An empty document from the hardened builder (to build XML we write). */
    public static Document newDocument() {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        return builder.newDocument();
    }

    /**
     * Streams {@code xml} through {@code visitor}, refusing DTDs and entity references. Streaming holds no tree,
     * so the node limit (which bounds a DOM's memory) does not apply; the nesting limit and deadline do.
     */
    public static void stream(byte[] xml, String what, ReadLimits limits, Visitor visitor) throws IOException {
        pass(xml, 0, xml.length, what, Long.MAX_VALUE, visitor);
    }

    private static void pass(byte[] xml, int offset, int length, String what, long maxNodes, Visitor visitor)
            throws IOException {
        FileBudget budget = FileBudget.current();
        XmlEncoding.requireDecodable(xml, offset, length, what);
        XMLStreamReader r = null;
        try {
            r = STAX.createXMLStreamReader(new ByteArrayInputStream(xml, offset, length));
            long nodes = 0;
            long events = 0;
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    // Entities declared in a DTD expand into any number of nodes (a billion laughs): none is ever
                    // expanded, and the DTD is refused by the node limit before anything else is read.
                    case XMLStreamConstants.DTD -> throw budget.exceed(FileBudget.Limit.XML_NODES, "has a DTD (DOCTYPE) in "
                            + what + ", whose entities could expand into any number of XML nodes: refused");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new XmlException(what + " has an entity reference: refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        nodes += 1 + r.getAttributeCount();
                        if (++depth > MAX_DEPTH) {
                            throw budget.exceed(FileBudget.Limit.DEPTH, "nests " + what + " deeper than " + MAX_DEPTH
                                    + " elements");
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {
                    }
                }
                if (nodes > maxNodes) {
                    throw budget.exceed(FileBudget.Limit.XML_NODES, "has more than " + maxNodes
                            + " XML nodes (elements and attributes) in " + what);
                }
                if (++events % CHECK_EVERY == 0) {
                    budget.checkpoint();
                }
                visitor.visit(r);
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlException(what + " is not well-formed XML: " + oneLine(e.getMessage()), e);
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

    /** Package-private so a test can read bytes the way the pass does, without the encoding check first. */
    static XMLInputFactory newStax() {
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
    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
