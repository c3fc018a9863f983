package dev.aigcmark.core.internal.c2pa.cbor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Text strings that RFC 8949 3.1 allows (UTF-8) and those it does not, wherever they sit in an item. */
class CborTextValidityTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "63616263, ASCII",
            "66e4babae5b7a5, CJK",
            "64f09f9880, a character beyond the BMP",
            "a1616101, a map with a text key",
            "7f6161626263ff, indefinite chunks each valid",
            "d8186161, a tagged text",
            "8244010203046161, bytes then text in an array",
            "a1616140, an empty byte string value",
    })
    void validTextPasses(String hex, String what) {
        assertThat(CborText.invalidText(HexFormat.of().parseHex(hex))).as(what).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "64f7bfbfbf, beyond U+10FFFF (the hostile PDF's)",
            "62c080, an overlong NUL",
            "63eda080, a surrogate encoded",
            "6180, a lone continuation byte",
            "a164f7bfbfbf01, as a map key",
            "7f61616180ff, one indefinite chunk invalid",
            "7f62e4ba61baff, a character split across two chunks",
            "d81863eda080, under a tag",
            "a263757269626f6b617864f7bfbfbf, deep as a map value",
    })
    void invalidTextIsFound(String hex, String what) {
        assertThat(CborText.invalidText(HexFormat.of().parseHex(hex))).as(what).isPresent();
    }
}
