package dev.aigcmark.core.internal.xml;

import dev.aigcmark.core.ReadLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A byte sequence its encoding cannot decode is refused with an XmlException and prints nothing: the JDK's StAX
 * reader used to print "[Fatal Error] :-1:-1: Invalid byte 2 of 2-byte UTF-8 sequence." to stderr (found by the
 * verifyBytes fuzzer; the regression input is xmpPacket/invalid-utf8.xmp), which the CLI's clean-output rule forbids.
 */
class SafeXmlEncodingTest {
    private static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><r>AI生成 label</r></x:xmpmeta>";

    /** Runs {@code parse} with stderr captured; returns what was printed. */
    private static String stderrOf(Runnable parse) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            parse.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c3", "80", "e4b8", "f4908080", "ff"}) // cut 2-byte, lone continuation, cut 3-byte, > U+10FFFF, never valid
    void aMalformedUtf8SequenceIsRefusedSilently(String bad) {
        byte[] head = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><r>".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "x</r></x:xmpmeta>".getBytes(StandardCharsets.UTF_8);
        byte[] seq = HexFormat.of().parseHex(bad);
        byte[] xml = new byte[head.length + seq.length + tail.length];
        System.arraycopy(head, 0, xml, 0, head.length);
        System.arraycopy(seq, 0, xml, head.length, seq.length);
        System.arraycopy(tail, 0, xml, head.length + seq.length, tail.length);
        String printed = stderrOf(() -> assertThatThrownBy(() -> SafeXml.parse(xml, "XMP", ReadLimits.defaults()))
                .isInstanceOf(XmlException.class).hasMessageContaining("not valid UTF-8"));
        assertThat(printed).as("stderr").isEmpty();
    }

    /**
     * The encoding is checked as the parser will read it: bytes that look like UTF-16 or UTF-32 to a two-byte guess but
     * not to the parser's four-byte patterns are read as UTF-8 by it, so they are checked as UTF-8 (session 15's
     * fuzzing of xmpPacket: {@code 3C 00 9A 82} was checked as UTF-16LE and printed "[Fatal Error] :-1:-1: Invalid
     * byte 1 of 1-byte UTF-8 sequence." as the parser read it; regression input xmpPacket/utf16-guess-read-as-utf8.xmp).
     */
    @ParameterizedTest
    @ValueSource(strings = {"3c009a82", "003c9a82", "0000feff0000003c", "3c00e4b8"})
    void bytesTheParserReadsAsUtf8AreCheckedAsUtf8(String hex) {
        byte[] xml = HexFormat.of().parseHex(hex);
        String printed = stderrOf(() -> assertThatThrownBy(() -> SafeXml.parse(xml, "XMP", ReadLimits.defaults()))
                .isInstanceOf(XmlException.class).hasMessageContaining("not valid UTF-8"));
        assertThat(printed).as("stderr").isEmpty();
    }

    @Test
    void wellEncodedDocumentsStillParseInEachEncoding() throws Exception {
        byte[] utf8 = XMP.getBytes(StandardCharsets.UTF_8);
        byte[] utf16be = XMP.getBytes(StandardCharsets.UTF_16); // big-endian with a byte order mark
        byte[] utf16le = ("\uFEFF" + XMP).getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16leNoMark = ("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>" + XMP).getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16beNoMark = ("<?xml version=\"1.0\" encoding=\"UTF-16BE\"?>" + XMP).getBytes(StandardCharsets.UTF_16BE);
        for (byte[] xml : new byte[][] {utf8, utf16be, utf16le, utf16leNoMark, utf16beNoMark}) {
            assertThat(SafeXml.parse(xml, "XMP", ReadLimits.defaults()).getDocumentElement().getTextContent())
                    .isEqualTo("AI生成 label");
        }
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\u00e9</r>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SafeXml.parse(latin1, "XMP", ReadLimits.defaults()).getDocumentElement().getTextContent())
                .isEqualTo("caf\u00e9");
    }
}
