package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hostile packets end in an XmpException, quickly and without exhausting memory. */
class XmpHostileTest {
    static final ReadLimits LIMITS = ReadLimits.defaults();

    static void rejected(String xml, String why) {
        rejected(xml.getBytes(StandardCharsets.UTF_8), why);
    }

    static void rejected(byte[] xml, String why) {
        assertThatThrownBy(() -> XmpPacket.parse(xml, LIMITS)).isInstanceOf(XmpException.class).hasMessageContaining(why);
        assertThatThrownBy(() -> XmpPacket.update(xml, "{}", null, LIMITS)).isInstanceOf(XmpException.class);
    }

    @Test
    void billionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        sb.append("]><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&lol9;</x:xmpmeta>");
        rejected(sb.toString(), "DTD");
        byte[] xml = sb.toString().getBytes(StandardCharsets.UTF_8);
        FileBudget budget = FileBudget.forVerify(LIMITS, xml.length);
        try (FileBudget.Scope ignored = budget.bind()) {
            assertThatThrownBy(() -> XmpPacket.parse(xml, LIMITS)).isInstanceOf(XmpException.class);
        }
        // the file is refused by the XML node limit its entities would have blown (asset.limit.xmlNodes)
        assertThat(budget.exceeded()).hasValueSatisfying(e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.XML_NODES));
    }

    @Test
    void externalEntity() {
        rejected("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&xxe;</x:xmpmeta>", "DTD");
    }

    @Test
    void undeclaredEntityWithoutDtd() {
        rejected("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&xxe;</x:xmpmeta>", "XMP");
    }

    @Test
    void fiveHundredThousandNodes() {
        StringBuilder sb = new StringBuilder("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">");
        sb.append("<a/>".repeat(500_000)).append("</x:xmpmeta>");
        rejected(sb.toString(), "nodes");
    }

    @Test
    void attributeFlood() {
        StringBuilder sb = new StringBuilder("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><a");
        for (int i = 0; i < 120_000; i++) {
            sb.append(" a").append(i).append("=\"\"");
        }
        rejected(sb.append("/></x:xmpmeta>").toString(), "attributes");
    }

    @Test
    void fiftyMegabytes() {
        byte[] big = new byte[50 << 20];
        Arrays.fill(big, (byte) ' ');
        byte[] head = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        rejected(big, "limit");
    }

    @Test
    void deepNesting() {
        rejected("<a>".repeat(10_000) + "</a>".repeat(10_000), "deeper");
    }

    @Test
    void notXmlAtAll() {
        rejected(new byte[]{(byte) 0xFF, (byte) 0xD8, 0, 1, 2}, "XML");
        assertThatThrownBy(() -> XmpPacket.parse(new byte[0], LIMITS)).isInstanceOf(XmpException.class)
                .hasMessageContaining("empty");
        rejected("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><unclosed>", "well-formed");
    }
}
