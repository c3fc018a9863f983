package dev.aigcmark.text.internal.mark;

import dev.aigcmark.text.internal.Invisible;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.text.Normalizer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TextMarksPropertyTest {

    @Property(tries = 300)
    void embeddingNeverChangesVisibleTextAndAlwaysReadsBack(@ForAll("texts") String text, @ForAll byte[] seed) {
        byte[] payload = Arrays.copyOf(seed, TextMarks.PAYLOAD_BYTES);
        String marked = TextMarks.embed(text, payload, t -> i -> true);
        assertThat(TextMarks.strip(marked)).isEqualTo(text);
        assertThat(Invisible.strip(marked)).isEqualTo(Invisible.strip(text));
        assertThat(TextMarks.find(marked)).allSatisfy(s -> assertThat(s.payload()).isEqualTo(payload));
        assertThat(TextMarks.find(Normalizer.normalize(marked, Normalizer.Form.NFKC)))
                .hasSameSizeAs(TextMarks.find(marked)).allSatisfy(s -> assertThat(s.payload()).isEqualTo(payload));
        assertThat(TextMarks.embed(marked, payload, t -> i -> true)).as("idempotent").isEqualTo(marked);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> words = Arbitraries.strings().withChars("abcXYZ生成内容。！？.!? \n\"”)👍\uFE0F").ofMaxLength(12);
        return words.list().ofMaxSize(60).map(l -> String.join(" ", l));
    }
}
