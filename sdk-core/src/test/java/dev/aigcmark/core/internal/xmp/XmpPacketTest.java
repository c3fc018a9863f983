package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.label.DigitalSourceType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmpPacketTest {
    static final String JSON = "{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\",\"ProduceID\":\"abc\","
            + "\"ReservedCode1\":\"\",\"ContentPropagator\":\"\",\"PropagateID\":\"\",\"ReservedCode2\":\"\"}";
    static final String ESCAPED = JSON.replace("\"", "&quot;");
    static final ReadLimits LIMITS = ReadLimits.defaults();

    static XmpPacket parse(String xml) throws XmpException {
        return XmpPacket.parse(xml.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    static String wrap(String descriptionBody, String descAttrs) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" " + descAttrs + ">" + descriptionBody + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** The codecs of one verification parse the same carrier in turn: the second parse is the first's result,
     *  but only for the same bytes — a buffer reused with other content is parsed again. */
    @Test
    void theSameBytesAreParsedOnceAndOtherBytesInTheSameArrayAgain() throws Exception {
        byte[] labelled = wrap("<TC260:AIGC>" + JSON + "</TC260:AIGC>", "xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\"")
                .getBytes(StandardCharsets.UTF_8);
        XmpPacket first = XmpPacket.parse(labelled, LIMITS);
        assertThat(XmpPacket.parse(labelled.clone(), LIMITS)).isSameAs(first);
        byte[] reused = labelled.clone();
        byte[] other = wrap("", "xmlns:q=\"urn:q\" q:y=\"z\"").getBytes(StandardCharsets.UTF_8);
        Arrays.fill(reused, (byte) ' ');
        System.arraycopy(other, 0, reused, 0, other.length);
        XmpPacket second = XmpPacket.parse(reused, LIMITS);
        assertThat(second).isNotSameAs(first);
        assertThat(second.aigcLabelCount()).isZero();
        assertThat(first.aigcLabelCount()).isOne();
        byte[] broken = "<x:xmpmeta><unclosed>".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> XmpPacket.parse(broken, LIMITS)).isInstanceOf(XmpException.class);
        }
    }

    @Test
    void readsElementFormInsideXpacketWithEmptyBegin() throws Exception {
        String xml = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + wrap("<TC260:AIGC>" + JSON + "</TC260:AIGC>", "xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\"")
                + "<?xpacket end=\"w\"?>";
        XmpPacket p = parse(xml);
        assertThat(p.aigcLabelText()).contains(JSON);
        assertThat(p.aigcLabelCount()).isEqualTo(1);
        assertThat(p.aigcLabels().get(0).form()).isEqualTo(XmpPacket.Form.ELEMENT);
    }

    @Test
    void readsAttributeFormWithLowercasePrefixAfterXmlDeclarationAndPadding() throws Exception {
        String xml = "  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + wrap("", "xmlns:tc260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" tc260:AIGC=\"" + ESCAPED + "\"")
                + "\n" + " ".repeat(2000) + "\0\0\0";
        XmpPacket p = parse(xml);
        assertThat(p.aigcLabelText()).contains(JSON);
        assertThat(p.aigcLabels().get(0).form()).isEqualTo(XmpPacket.Form.ATTRIBUTE);
        assertThat(p.aigcLabels().get(0).standardNamespace()).isTrue();
    }

    @Test
    void readsWrappedJsonAsIs() throws Exception {
        String wrapped = "{\"AIGC\":" + JSON + "}";
        XmpPacket p = parse(wrap("<a:AIGC>" + wrapped + "</a:AIGC>", "xmlns:a=\"http://www.tc260.org.cn/ns/AIGC/1.0/\""));
        assertThat(p.aigcLabelText()).contains(wrapped);
    }

    @Test
    void countsEveryLabelAcrossDescriptionsAndNamesNonStandardForms() throws Exception {
        String xml = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:T=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" T:AIGC=\"" + ESCAPED + "\"/>"
                + "<rdf:Description rdf:about=\"\" xmlns:T=\"http://www.tc260.org.cn/ns/AIGC/1.0\">"
                + "<T:Label>1</T:Label><T:ContentProducer>X</T:ContentProducer></rdf:Description>"
                + "<rdf:Description rdf:about=\"\" xmlns:T=\"http://www.tc260.org.cn/ns/AIGC/1.0/\">"
                + "<T:AIGC rdf:parseType=\"Resource\"><T:Label>2</T:Label></T:AIGC></rdf:Description></rdf:RDF>";
        XmpPacket p = parse(xml);
        assertThat(p.aigcLabelCount()).isEqualTo(3);
        assertThat(p.aigcLabels()).extracting(XmpPacket.AigcOccurrence::form)
                .containsExactly(XmpPacket.Form.ATTRIBUTE, XmpPacket.Form.FIELDS, XmpPacket.Form.STRUCT);
        assertThat(p.aigcLabels().get(1).text()).isEqualTo("{\"Label\":\"1\",\"ContentProducer\":\"X\"}");
        assertThat(p.aigcLabels().get(1).standardNamespace()).isFalse();
        assertThat(p.aigcLabels().get(2).text()).isEqualTo("{\"Label\":\"2\"}");
    }

    @Test
    void readsDigitalSourceTypeInAllThreeForms() throws Exception {
        String ns = "xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"";
        String uri = DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA;
        assertThat(parse(wrap("<Iptc4xmpExt:DigitalSourceType>" + uri + "</Iptc4xmpExt:DigitalSourceType>", ns))
                .digitalSourceType()).contains(uri);
        assertThat(parse(wrap("", ns + " Iptc4xmpExt:DigitalSourceType=\"" + uri + "\"")).digitalSourceType()).contains(uri);
        assertThat(parse(wrap("<Iptc4xmpExt:DigitalSourceType rdf:resource=\"" + uri + "\"/>", ns))
                .digitalSourceType()).contains(uri);
    }

    @Test
    void freshPacketHasWrapperLabelAndSourceType() throws Exception {
        byte[] out = XmpPacket.fresh(JSON, DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).startsWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
                .endsWith("<?xpacket end=\"w\"?>").contains("xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\"");
        XmpPacket p = XmpPacket.parse(out, LIMITS);
        assertThat(p.aigcLabelText()).contains(JSON);
        assertThat(p.digitalSourceType()).contains(DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
    }

    @Test
    void updateReplacesAttributeLabelInPlaceAndKeepsEverythingElse() throws Exception {
        String old = "<?xml version=\"1.0\"?>" + wrap("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Cat</rdf:li></rdf:Alt></dc:title>",
                "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:tc=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" "
                        + "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Paint\" tc:AIGC=\"{}\"");
        byte[] updated = XmpPacket.update(old.getBytes(StandardCharsets.UTF_8), JSON, null, LIMITS);
        XmpPacket p = XmpPacket.parse(updated, LIMITS);
        assertThat(p.aigcLabelCount()).isEqualTo(1);
        assertThat(p.aigcLabelText()).contains(JSON);
        assertThat(p.digitalSourceType()).isEmpty();
        assertThat(p.properties()).extracting(XmpPacket.Property::name).containsExactly("CreatorTool", "title", "AIGC");
        // the existing prefix for the namespace is reused, not a second declaration
        assertThat(new String(updated, StandardCharsets.UTF_8)).contains("<tc:AIGC>").doesNotContain("xmlns:TC260");
        assertThat(XmpPacket.update(updated, JSON, null, LIMITS)).isEqualTo(updated);
    }

    @Test
    void updatePicksAnotherPrefixWhenTc260IsTakenByAnotherNamespace() throws Exception {
        String old = wrap("<TC260:Other>x</TC260:Other>", "xmlns:TC260=\"urn:somebody-else\"");
        XmpPacket p = XmpPacket.parse(XmpPacket.update(old.getBytes(StandardCharsets.UTF_8), JSON, null, LIMITS), LIMITS);
        assertThat(p.aigcLabelText()).contains(JSON);
        assertThat(p.properties()).contains(new XmpPacket.Property("urn:somebody-else", "Other", "x"));
    }

    @Test
    void updateRefusesAMalformedPacketInsteadOfDiscardingIt() {
        assertThatThrownBy(() -> XmpPacket.update("<x:xmpmeta".getBytes(StandardCharsets.UTF_8), JSON, null, LIMITS))
                .isInstanceOf(XmpException.class);
        assertThatThrownBy(() -> XmpPacket.update("<foo/>".getBytes(StandardCharsets.UTF_8), JSON, null, LIMITS))
                .isInstanceOf(XmpException.class).hasMessageContaining("rdf:RDF");
    }

    @Test
    void jsonWithMarkupCharactersRoundTrips() throws Exception {
        String tricky = "{\"Label\":\"1\",\"ReservedCode1\":\"{\\\"a\\\":\\\"<&>'\\\"}\"}";
        byte[] out = XmpPacket.fresh(tricky, null);
        assertThat(XmpPacket.parse(out, LIMITS).aigcLabelText()).contains(tricky);
    }
}
