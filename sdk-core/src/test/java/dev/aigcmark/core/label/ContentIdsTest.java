package dev.aigcmark.core.label;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ProduceID and PropagateID are two validated types (Annex E characters, 1 to 64 of them); the label's JSON is unchanged. */
class ContentIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0f3c2a9e8b7d4e21a0b1c2d3e4f50617", "01J9Z3K6W8", "tos-cn-i-1/abc", "a", "!#$%&'()*+,-./:;<=>?@[]^_`{|}~"})
    void idsWithAnnexECharactersAreAccepted(String value) {
        assertThat(ProduceId.of(value).value()).isEqualTo(value);
        assertThat(PropagateId.of(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote\"d", "back\\slash", "中文", "tab\t", "é"})
    void idsBreakingTheFieldRulesAreRefused(String value) {
        assertThatThrownBy(() -> ProduceId.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ProduceID");
        assertThatThrownBy(() -> PropagateId.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PropagateID");
    }

    @Test
    void sixtyFourCharactersIsTheLongestId() {
        assertThat(ProduceId.of("x".repeat(LabelRules.MAX_ID_LENGTH)).value()).hasSize(64);
        assertThatThrownBy(() -> PropagateId.of("x".repeat(LabelRules.MAX_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTwoIdsAreDistinctTypesAndLandInTheirOwnFields() {
        ProduceId produce = ProduceId.of("same");
        PropagateId propagate = PropagateId.of("same");
        assertThat((Object) produce).isNotEqualTo(propagate);
        AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, "001191110102MACQD9K64010000", produce)
                .withPropagation("00119144030008867405X220001", PropagateId.of("p-1"));
        assertThat(LabelJson.toBareJson(label)).contains("\"ProduceID\":\"same\"", "\"PropagateID\":\"p-1\"");
    }

    @Test
    void optionsNameTheFlagWhenAnIdBreaksTheRules() {
        MarkOptions bad = new MarkOptions(null, null, "has space", null, false, null, null, null, null, false, false,
                null, null, false);
        assertThatThrownBy(bad::toIntent).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--produce-id has space: ProduceID contains U+0020");
        MarkIntent ok = new MarkOptions(null, null, null, null, false, null, null, null, null, false, true,
                "p-7", null, false).toIntent();
        assertThat(ok.propagateId()).isEqualTo(PropagateId.of("p-7"));
    }
}
