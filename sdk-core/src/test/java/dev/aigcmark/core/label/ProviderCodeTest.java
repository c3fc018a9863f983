package dev.aigcmark.core.label;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCodeTest {

    /** Codes seen in real vendor files (Doubao, Jimeng producer and propagator). */
    @Test
    void realVendorCodesValidate() {
        for (String code : new String[]{"001191110102MACQD9K64010000", "00119144030008867405X210001",
                "00119144030008867405X220001"}) {
            assertThat(ProviderCode.validate(code)).as(code).isEmpty();
        }
        ProviderCode jimeng = ProviderCode.parse("00119144030008867405X220001");
        assertThat(jimeng.uscc()).isEqualTo("9144030008867405X2");
        assertThat(jimeng.serviceType()).isEqualTo("propagation");
        assertThat(jimeng.applicationCode()).isEqualTo("0001");
        assertThat(jimeng.explain()).contains("organisation").contains("propagation");
    }

    @Test
    void wrongCheckCharacterIsNamed() {
        assertThat(ProviderCode.validate("001191110102MACQD9K65010000")).get().asString()
                .contains("check character");
        assertThatThrownBy(() -> ProviderCode.parse("0011")).hasMessageContaining("27 characters");
        assertThat(ProviderCode.validate("001191110102MACQD9K64090000")).get().asString().contains("service type");
        assertThat(ProviderCode.validate("001191110102macqd9k64010000")).isPresent();
    }

    @Property(tries = 500)
    void computedCheckCharacterAlwaysValidates(@ForAll("uscc17") String first17) {
        String uscc = first17 + ProviderCode.usccCheckChar(first17);
        assertThat(ProviderCode.validateUscc(uscc)).isEmpty();
        String code = "0011" + uscc + "1" + "0000";
        assertThat(ProviderCode.validate(code)).isEmpty();
    }

    @Property(tries = 500)
    void anySingleCharacterChangeInTheUsccIsCaught(@ForAll("uscc17") String first17,
                                                   @ForAll("position") int pos, @ForAll("usccChar") char c) {
        String uscc = first17 + ProviderCode.usccCheckChar(first17);
        if (uscc.charAt(pos) == c) {
            return;
        }
        String changed = uscc.substring(0, pos) + c + uscc.substring(pos + 1);
        assertThat(ProviderCode.validateUscc(changed)).isPresent();
    }

    @Provide
    Arbitrary<String> uscc17() {
        return Arbitraries.strings().withChars("0123456789ABCDEFGHJKLMNPQRTUWXY").ofLength(17);
    }

    @Provide
    Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, 17);
    }

    @Provide
    Arbitrary<Character> usccChar() {
        return Arbitraries.of('0', '5', '9', 'A', 'H', 'X', 'Y');
    }
}
