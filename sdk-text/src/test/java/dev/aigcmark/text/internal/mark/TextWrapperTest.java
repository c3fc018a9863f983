package dev.aigcmark.text.internal.mark;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextWrapperTest {

    @Test
    void encodesTheC2paLayoutByteForByte() {
        String w = TextWrapper.encode(new byte[]{'{', '}'});
        int[] cps = w.codePoints().toArray();
        assertThat(cps[0]).isEqualTo(0xFEFF);
        // 'C' = 0x43 -> U+E0100 + 0x43 - 16; version 1 -> U+FE01; length 00 00 00 02 -> U+FE00 x3, U+FE02
        assertThat(cps[1]).isEqualTo(0xE0100 + 0x43 - 16);
        assertThat(cps[8]).isEqualTo(0xFE00); // the magic's NUL
        assertThat(cps[9]).isEqualTo(0xFE01);
        assertThat(List.of(cps[10], cps[11], cps[12], cps[13])).containsExactly(0xFE00, 0xFE00, 0xFE00, 0xFE02);
        assertThat(cps).hasSize(1 + 8 + 1 + 4 + 2);
    }

    @Test
    void findsWhatItWroteAmongText() {
        byte[] payload = "{\"Label\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        String text = "\uFEFFHello 👍\uFE0F world." + TextWrapper.encode(payload) + "\n";
        List<TextWrapper.Found> found = TextWrapper.find(text, 1 << 20);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).payload()).isEqualTo(payload);
        assertThat(found.get(0).carriesJson()).isTrue();
        assertThat(TextWrapper.remove(text, found)).isEqualTo("\uFEFFHello 👍\uFE0F world.\n");
    }

    @Test
    void reportsACutWrapperAsDamaged() {
        String w = TextWrapper.encode(new byte[100]);
        String cut = w.substring(0, w.length() - 10);
        List<TextWrapper.Found> found = TextWrapper.find(cut, 1 << 20);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.intact()).isFalse();
            assertThat(f.problem()).contains("declares 100 bytes");
        });
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingIt() {
        String w = TextWrapper.encode(new byte[64]);
        assertThat(TextWrapper.find(w, 16)).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("over the limit 16"));
    }

    @Test
    void aByteOrderMarkBeforeOtherSelectorsIsNotAWrapper() {
        assertThat(TextWrapper.find("\uFEFF\uFE0F\uFE01text", 100)).isEmpty();
    }
}
