package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.label.AigcLabel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever other XMP a file carries, writing the label keeps it and leaves exactly one label. */
class XmpUpdatePropertiesTest {
    static final ReadLimits LIMITS = ReadLimits.defaults();
    static final List<String> NAMESPACES = List.of("http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/",
            "http://ns.adobe.com/photoshop/1.0/", "urn:example:a", "urn:example:b",
            XmpNamespaces.IPTC_EXT, XmpNamespaces.TC260);

    /** One generated property: namespace index, local name, value, attribute or element form. */
    record Prop(int ns, String name, String value, boolean attribute) {
    }

    record Packet(List<List<Prop>> descriptions, String prefixSeed, boolean xmlDecl) {
        String xml() {
            StringBuilder sb = new StringBuilder(xmlDecl ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" : "")
                    .append("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
                    .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"").append(XmpNamespaces.RDF).append("\">");
            for (List<Prop> d : descriptions) {
                StringBuilder attrs = new StringBuilder();
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < NAMESPACES.size(); i++) {
                    attrs.append(" xmlns:").append(prefix(i)).append("=\"").append(NAMESPACES.get(i)).append('"');
                }
                Set<String> seen = new HashSet<>();
                for (Prop p : d) {
                    String q = prefix(p.ns) + ":" + p.name;
                    if (p.attribute && seen.add(q)) {
                        attrs.append(' ').append(q).append("=\"").append(escape(p.value)).append('"');
                    } else {
                        body.append("\n  <").append(q).append('>').append(escape(p.value)).append("</").append(q).append('>');
                    }
                }
                sb.append("<rdf:Description rdf:about=\"\"").append(attrs).append('>').append(body).append("</rdf:Description>");
            }
            return sb.append("</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>").toString();
        }

        String prefix(int ns) {
            return prefixSeed + ns;
        }
    }

    /** '>' too: "]]>" may not stand in XML text, and the generator draws it (seed 2 did: a defect of this test). */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Provide
    Arbitrary<Packet> packets() {
        Arbitrary<Prop> prop = Combinators.combine(Arbitraries.integers().between(0, NAMESPACES.size() - 1),
                Arbitraries.of("AIGC", "DigitalSourceType", "title", "Label", "CreatorTool", "x1"),
                Arbitraries.strings().withCharRange(' ', '~').withChars("生成é").ofMaxLength(40),
                Arbitraries.of(true, false)).as(Prop::new);
        Arbitrary<List<List<Prop>>> descs = prop.list().ofMaxSize(8).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(descs, Arbitraries.of("p", "TC260", "tc", "Iptc4xmpExt", "ns"), Arbitraries.of(true, false))
                .as(Packet::new);
    }

    @Provide
    Arbitrary<String> jsons() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(2).ofMaxLength(300).map(s -> "{" + s + "}");
    }

    /**
     * What seed 2 drew (scripts/determinism.sh): a value "]]>" in element text, which the generator wrote unescaped,
     * so the input was not XML and the property failed with that seed only. Here for every seed.
     */
    @Example
    void aValueHoldingTheCdataEndIsEscapedInTheInput() throws Exception {
        updateKeepsOtherPropertiesAndLeavesOneLabel(new Packet(List.of(List.of(new Prop(0, "AIGC", "]]>", false))), "p",
                true), "{!!}", true);
    }

    @Property(tries = 300)
    void updateKeepsOtherPropertiesAndLeavesOneLabel(@ForAll("packets") Packet packet, @ForAll("jsons") String json,
                                                     @ForAll boolean withDst) throws Exception {
        byte[] before = packet.xml().getBytes(StandardCharsets.UTF_8);
        String dst = withDst ? "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" : null;
        byte[] after = XmpPacket.update(before, json, dst, LIMITS);

        XmpPacket old = XmpPacket.parse(before, LIMITS);
        XmpPacket now = XmpPacket.parse(after, LIMITS);
        assertThat(now.aigcLabelCount()).isEqualTo(1);
        assertThat(now.aigcLabelText()).contains(json);
        if (withDst) {
            assertThat(now.properties().stream().filter(XmpUpdatePropertiesTest::isDst)).hasSize(1);
            assertThat(now.digitalSourceType()).contains(dst);
        }
        Predicate<XmpPacket.Property> replaced = p -> isLabelish(p) || (withDst && isDst(p));
        assertThat(now.properties().stream().filter(replaced.negate()).toList())
                .containsExactlyInAnyOrderElementsOf(old.properties().stream().filter(replaced.negate()).toList());

        byte[] again = XmpPacket.update(after, json, dst, LIMITS);
        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(after, StandardCharsets.UTF_8));
    }

    static boolean isLabelish(XmpPacket.Property p) {
        return XmpNamespaces.TC260.equals(p.namespace())
                && (p.name().equals("AIGC") || AigcLabel.KEYS.contains(p.name()));
    }

    static boolean isDst(XmpPacket.Property p) {
        return XmpNamespaces.IPTC_EXT.equals(p.namespace()) && p.name().equals("DigitalSourceType");
    }
}
