package dev.aigcmark.core.label;

import dev.aigcmark.core.report.StatusCodes;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelRulesTest {

    @Property(tries = 1000)
    void charsetIsExactlyAnnexE(@ForAll @IntRange(min = 0, max = 0x2FFFF) int cp) {
        boolean expected = cp == 0x21 || (cp >= 0x23 && cp <= 0x5B) || (cp >= 0x5D && cp <= 0x7E);
        assertThat(LabelRules.isAllowedChar(cp)).isEqualTo(expected);
    }

    @Test
    void boundaryCharacters() {
        assertThat(LabelRules.isAllowedChar(' ')).isFalse();
        assertThat(LabelRules.isAllowedChar('"')).isFalse();
        assertThat(LabelRules.isAllowedChar('\\')).isFalse();
        assertThat(LabelRules.isAllowedChar('!')).isTrue();
        assertThat(LabelRules.isAllowedChar('~')).isTrue();
        assertThat(LabelRules.isAllowedChar(0x7F)).isFalse();
        assertThat(LabelRules.isAllowedChar('生')).isFalse();
    }

    @Test
    void namesTheFieldAndPositionOfAViolation() {
        AigcLabel label = new AigcLabel("1", "001191110102MACQD9K64010000", "my id", "", "", "", "");
        assertThat(LabelRules.check(label)).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(StatusCodes.LABEL_CHARSET);
            assertThat(p.field()).isEqualTo("ProduceID");
            assertThat(p.message()).contains("U+0020").contains("index 2");
        });
    }

    @Test
    void chineseProducerNameIsRejected() {
        AigcLabel label = new AigcLabel("1", "某公司", "id", "", "", "", "");
        assertThat(LabelRules.check(label)).extracting(LabelProblem::code)
                .contains(StatusCodes.LABEL_CHARSET, StatusCodes.LABEL_PROVIDER_CODE);
    }

    @Test
    void reservedCodesMayCarryEscapedJsonQuotes() {
        AigcLabel label = new AigcLabel("1", "", "id", "{\"SecurityData\":{}}", "", "", "");
        assertThat(LabelRules.check(label)).isEmpty();
        AigcLabel spaced = label.withReservedCode1("{\"a\": 1}");
        assertThat(LabelRules.check(spaced)).extracting(LabelProblem::field).containsExactly("ReservedCode1");
    }

    @Test
    void overlongIdsAreReported() {
        AigcLabel label = new AigcLabel("1", "", "a".repeat(65), "", "", "", "");
        assertThat(LabelRules.check(label)).extracting(LabelProblem::code).containsExactly(StatusCodes.LABEL_ID_TOO_LONG);
    }
}
