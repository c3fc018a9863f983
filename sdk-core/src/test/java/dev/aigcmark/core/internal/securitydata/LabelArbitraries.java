package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelRules;
import dev.aigcmark.core.label.ProviderCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/** Random conforming labels: valid provider codes, ids over the whole Annex E charset. */
final class LabelArbitraries {

    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private LabelArbitraries() {
    }

    static Arbitrary<String> ids() {
        List<Character> allowed = new ArrayList<>();
        for (char c = 0x21; c <= 0x7e; c++) {
            if (LabelRules.isAllowedChar(c)) {
                allowed.add(c);
            }
        }
        return Arbitraries.strings().withChars(allowed.stream().map(String::valueOf).reduce("", String::concat)
                .toCharArray()).ofMinLength(1).ofMaxLength(LabelRules.MAX_ID_LENGTH);
    }

    static Arbitrary<String> providerCodes(char serviceType) {
        return Arbitraries.strings().withChars(USCC_CHARS.toCharArray()).ofLength(17).map(first17 ->
                "0011" + first17 + ProviderCode.usccCheckChar(first17) + serviceType + "0000");
    }

    /** A producer's label (propagation fields and reserved codes empty). */
    static Arbitrary<AigcLabel> produced() {
        return Combinators.combine(Arbitraries.of("1", "2", "3"), providerCodes('1'), ids())
                .as((value, code, id) -> new AigcLabel(value, code, id, "", "", "", ""));
    }
}
