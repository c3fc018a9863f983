package dev.aigcmark.core.internal.c2pa.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Text read from a hostile manifest can always be written back (issue 11: a 15 KB PDF made `mark --c2pa` exit 70). */
class CborTextTest {

    /** A CBOR text string of 4 bytes holding one UTF-8 sequence for 0x1FFFFF, beyond Unicode. */
    private static final byte[] BEYOND_UNICODE = {0x64, (byte) 0xF7, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF};

    @Test
    void textBeyondUnicodeInAManifestIsReadAsReplacementCharacters() throws IOException {
        String read = Cbor.parse(BEYOND_UNICODE).textValue();
        assertThat(read).matches("\uFFFD+");
    }

    /** Keys too, and deep inside: the tree is fixed throughout, and what is read is written back alike. */
    @Test
    void textBeyondUnicodeDeepInsideIsReadWellFormedAndWrittenBackAlike() throws IOException {
        byte[] beyond = Arrays.copyOfRange(BEYOND_UNICODE, 1, BEYOND_UNICODE.length);
        // {"failure": [{"url": <beyond>, <beyond>: 1}]}
        byte[] item = concat(new byte[]{(byte) 0xA1, 0x67}, "failure".getBytes(StandardCharsets.US_ASCII),
                new byte[]{(byte) 0x81, (byte) 0xA2, 0x63}, "url".getBytes(StandardCharsets.US_ASCII),
                new byte[]{0x64}, beyond, new byte[]{0x64}, beyond, new byte[]{0x01});
        JsonNode read = Cbor.parse(item);
        JsonNode status = read.path("failure").path(0);
        String url = status.path("url").textValue();
        assertThat(url).matches("\uFFFD+");
        assertThat(status.fieldNames()).toIterable().containsExactly("url", url);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("failure", List.of(Map.of("code", "assertion.missing", "url", url)));
        JsonNode back = Cbor.parse(Cbor.encode(Map.of("validationResults", results)));
        assertThat(back.path("validationResults").path("failure").path(0).path("url").textValue()).isEqualTo(url);
    }

    @Test
    void textWithLoneSurrogatesIsWrittenWithReplacementCharacters() throws IOException {
        JsonNode back = Cbor.parse(Cbor.encode(Map.of("url", "a\uDF8Bb")));
        assertThat(back.path("url").textValue()).isEqualTo("a\uFFFDb");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aKeyWithALoneSurrogateIsWrittenToo() throws IOException {
        JsonNode back = Cbor.parse(Cbor.encode(Map.of("a\uDF8B", 1)));
        assertThat(back.fieldNames()).toIterable().containsExactly("a\uFFFD");
    }

    @ParameterizedTest
    @CsvSource({
            "plain ASCII, plain ASCII",
            "AI生成, AI生成",
            "\uD83D\uDE00 pair kept, \uD83D\uDE00 pair kept",
            "lone low \uDF8B, lone low \uFFFD",
            "lone high \uD800 in the middle, lone high \uFFFD in the middle",
            "ends high \uD800, ends high \uFFFD",
            "\uDE00\uD83D reversed, \uFFFD\uFFFD reversed",
            "\uD83D\uD83D\uDE00 high then pair, \uFFFD\uD83D\uDE00 high then pair",
    })
    void wellFormedReplacesOnlyUnpairedSurrogates(String text, String expected) {
        assertThat(Cbor.wellFormed(text)).isEqualTo(expected);
    }

    @Test
    void wellFormedTextIsTheSameObject() {
        String text = "C2PA \uD83D\uDE00 AI生成";
        assertThat(Cbor.wellFormed(text)).isSameAs(text);
    }
}
