package dev.aigcmark.core.label;

import dev.aigcmark.core.report.StatusCodes;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelJsonTest {

    static final AigcLabel DOUBAO = new AigcLabel("1", "001191110102MACQD9K64010000",
            "0123456789abcdef0123456789abcdef", "", "", "", "");

    @Test
    void writesBareCompactInAnnexEOrder() {
        assertThat(LabelJson.toBareJson(DOUBAO)).isEqualTo("{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\","
                + "\"ProduceID\":\"0123456789abcdef0123456789abcdef\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"\","
                + "\"PropagateID\":\"\",\"ReservedCode2\":\"\"}");
        assertThat(LabelJson.toWrappedJson(DOUBAO)).startsWith("{\"AIGC\":{\"Label\":\"1\",").endsWith("\"\"}}");
    }

    @Test
    void readsBareAndWrappedAlike() {
        LabelJson.Parsed bare = LabelJson.parse(LabelJson.toBareJson(DOUBAO));
        LabelJson.Parsed wrapped = LabelJson.parse(LabelJson.toWrappedJson(DOUBAO));
        assertThat(bare.label()).contains(DOUBAO);
        assertThat(wrapped.label()).contains(DOUBAO);
        assertThat(bare.wrapped()).isFalse();
        assertThat(wrapped.wrapped()).isTrue();
        assertThat(bare.problems()).isEmpty();
        assertThat(wrapped.problems()).isEmpty();
    }

    @Test
    void namesMisnamedKeysSeenInTheWild() {
        String json = "{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\",\"ProduceID\":\"x1\","
                + "\"ReserveCode1\":\"\",\"Propagator\":\"\",\"PropagateID\":\"\",\"ReserveCode2\":\"\"}";
        LabelJson.Parsed p = LabelJson.parse(json);
        assertThat(p.label()).isPresent();
        assertThat(p.problems()).extracting(LabelProblem::code).containsOnly(StatusCodes.LABEL_KEY_MISNAMED);
        assertThat(p.problems()).extracting(LabelProblem::field)
                .containsExactlyInAnyOrder("ReservedCode1", "ContentPropagator", "ReservedCode2");
    }

    @Test
    void reportsWrongCaseMissingKeysAndNonStrings() {
        LabelJson.Parsed p = LabelJson.parse("{\"label\":1,\"ContentProducer\":\"\",\"Extra\":\"x\"}");
        assertThat(p.problems()).extracting(LabelProblem::code).contains(StatusCodes.LABEL_KEY_MISNAMED,
                StatusCodes.LABEL_VALUE_NOT_STRING, StatusCodes.LABEL_KEY_UNKNOWN, StatusCodes.LABEL_KEY_MISSING);
        assertThat(p.label().orElseThrow().label()).isEqualTo("1");
    }

    @Test
    void neverThrowsOnGarbage() {
        for (String s : new String[]{"", "{", "[]", "null", "{\"AIGC\":5}", "{\"AIGC\":{\"Label\":{\"a\":[1,2]}}}",
                "x".repeat(LabelJson.MAX_JSON_CHARS + 1), "[".repeat(10_000)}) {
            LabelJson.Parsed p = LabelJson.parse(s);
            assertThat(p.conforms()).as(s.length() > 40 ? s.substring(0, 40) : s).isFalse();
        }
    }

    @Test
    void labelOutOfRangeIsNamed() {
        LabelJson.Parsed p = LabelJson.parse(LabelJson.toBareJson(
                new AigcLabel("AIGC", "", "id", "", "", "", "")));
        assertThat(p.problems()).extracting(LabelProblem::code).contains(StatusCodes.LABEL_VALUE);
    }

    @Property(tries = 300)
    void roundTripsAnyConformingLabel(@ForAll("labels") AigcLabel label) {
        LabelJson.Parsed p = LabelJson.parse(LabelJson.toBareJson(label));
        assertThat(p.label()).contains(label);
        assertThat(LabelJson.parse(LabelJson.toWrappedJson(label)).label()).contains(label);
    }

    @Property(tries = 300)
    void roundTripsEvenNonConformingValues(@ForAll String anyValue) {
        AigcLabel label = new AigcLabel("1", "", anyValue, "", "", "", "");
        assertThat(LabelJson.parse(LabelJson.toBareJson(label)).label().orElseThrow().produceId())
                .isEqualTo(anyValue);
    }

    @Provide
    Arbitrary<AigcLabel> labels() {
        Arbitrary<String> value = Arbitraries.strings().withChars("!#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~")
                .ofMaxLength(40);
        Arbitrary<String> lv = Arbitraries.of("1", "2", "3");
        return Combinators.combine(lv, value, value, value, value, value, value).as(AigcLabel::new);
    }
}
