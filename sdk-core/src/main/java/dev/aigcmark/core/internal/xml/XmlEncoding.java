package dev.aigcmark.core.internal.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that an XML document's bytes decode in the encoding it is in (XML 1.0 appendix F: byte order mark, first
 * bytes, declaration) before the JDK's parser sees them. The JDK's StAX reader reports a malformed UTF-8 or UTF-16
 * sequence through a default handler that prints "[Fatal Error] ..." to stderr (found by fuzzing: a flipped byte
 * in an XMP packet printed three such lines per verify) before it throws; so a bad sequence is refused here, with
 * the exception the caller reports, and nothing is printed. A pass with a small buffer: no copy of the document.
 */
final class XmlEncoding {
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private XmlEncoding() {
    }

    /** Throws when {@code xml[offset, offset + length)} has a byte sequence its encoding cannot decode. */
    static void requireDecodable(byte[] xml, int offset, int length, String what) throws XmlException {
        Charset charset = charset(xml, offset, length);
        if (charset == null) {
            return; // a declared single-byte or legacy encoding: every byte decodes, nothing to print
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(xml, offset, length);
        CharBuffer out = CharBuffer.allocate(4096);
        try {
            while (true) {
                CoderResult r = decoder.decode(in, out, true);
                if (r.isError()) {
                    r.throwException();
                }
                out.clear();
                if (r.isUnderflow()) {
                    r = decoder.flush(out);
                    if (r.isError()) {
                        r.throwException();
                    }
                    return;
                }
            }
        } catch (CharacterCodingException e) {
            throw new XmlException(what + " is not well-formed XML: a byte sequence at " + (in.position() - offset)
                    + " is not valid " + charset.name());
        }
    }

    /**
     * The encoding to check, or null when the document is in one that cannot be malformed for us to check. It is the
     * encoding the JDK's parser will read the bytes in (its {@code XMLEntityManager.getEncodingName}: a two-byte UTF-16
     * byte order mark, then the four-byte patterns of XML 1.0 appendix F, else UTF-8 and the declaration): a guess of
     * our own that differed let through bytes the parser then decoded otherwise, and printed about (found by fuzzing
     * {@code xmpPacket} in session 15: {@code 3C 00 9A 82} was checked as UTF-16LE, which it decodes in, and read by
     * the parser as UTF-8, which it does not).
     */
    private static Charset charset(byte[] b, int off, int len) {
        int b0 = len > 0 ? b[off] & 0xFF : -1;
        int b1 = len > 1 ? b[off + 1] & 0xFF : -1;
        int b2 = len > 2 ? b[off + 2] & 0xFF : -1;
        int b3 = len > 3 ? b[off + 3] & 0xFF : -1;
        if (b0 == 0xFE && b1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == '<') {
            return UTF_32BE;
        }
        if (b0 == '<' && b1 == 0 && b2 == 0 && b3 == 0) {
            return UTF_32LE;
        }
        if (b0 == 0 && b1 == '<' && b2 == 0 && b3 == '?') {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == '<' && b1 == 0 && b2 == '?' && b3 == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (b0 == 0 && b1 == 0 && b2 == '<' && b3 == 0 || b0 == 0 && b1 == '<' && b2 == 0 && b3 == 0
                || b0 == 0x4C && b1 == 0x6F && b2 == 0xA7 && b3 == 0x94) {
            return null; // UCS-4 in an unusual byte order (the parser refuses it itself) or EBCDIC (single-byte)
        }
        String head = new String(b, off, Math.min(len, 200), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00EF\u00BB\u00BF")) {
            return StandardCharsets.UTF_8;
        }
        Matcher m = DECLARED.matcher(head);
        if (m.find()) {
            String name = m.group(1).toUpperCase(Locale.ROOT);
            return switch (name) {
                case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
                case "US-ASCII", "ASCII" -> StandardCharsets.US_ASCII;
                default -> null;
            };
        }
        return StandardCharsets.UTF_8; // no declaration: UTF-8 by the XML spec
    }
}
