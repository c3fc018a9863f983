package dev.aigcmark.text.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.text.OoxmlSamples;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.mark.TextWrapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsers fed garbage: a clear "unreadable" or a result, never another exception. */
class HostileInputPropertyTest {
    static final byte[] DOCX;

    static {
        try {
            DOCX = OoxmlSamples.docx();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Property(tries = 300)
    void aMutatedPackageIsReadOrRefusedCleanly(@ForAll @IntRange(min = 0, max = 1 << 16) int seed) {
        Random r = new Random(seed);
        byte[] b = DOCX.clone();
        for (int k = 0; k < 1 + r.nextInt(8); k++) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean()) {
            b = Arrays.copyOf(b, r.nextInt(b.length));
        }
        try {
            ZipPackage zip = ZipPackage.read(b, "fuzz.docx", ReadLimits.defaults());
            for (String name : zip.names()) {
                zip.read(name, 1 << 20);
            }
        } catch (BudgetExceededException overLimit) {
            // A limit names itself and the part; the report it ends in carries the file's name.
            assertThat(overLimit.limit()).isNotNull();
            assertThat(overLimit.getMessage()).contains("part '");
        } catch (UnreadableInputException expected) {
            assertThat(expected.getMessage()).contains("fuzz.docx");
        }
    }

    @Property(tries = 300)
    void anyFrontMatterEndsWithExactlyOneBlockAndKeepsItsOtherLines(@ForAll("frontMatterLines") List<String> lines) {
        String text = "---\n" + String.join("\n", lines) + "\n---\nBody.\n";
        AigcLabel label = TextTesting.label("p-1");
        String marked = FrontMatter.withLabel(text, label, 1 << 20);
        Optional<FrontMatter> fm = FrontMatter.parse(marked, 1 << 20);
        assertThat(fm).isPresent();
        assertThat(fm.get().blocks()).hasSize(1);
        assertThat(FrontMatter.withLabel(marked, label, 1 << 20)).as("idempotent").isEqualTo(marked);
        assertThat(marked).endsWith("---\nBody.\n");
        for (String line : lines) {
            if (!line.startsWith("AIGC") && !line.startsWith(" ") && !line.isBlank() && !line.startsWith("#")) {
                assertThat(marked).contains(line);
            }
        }
    }

    @Provide
    Arbitrary<List<String>> frontMatterLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("AIGC:", "AIGC: {\"Label\":\"1\"}", "  Label: \"1\"", "  ProduceID: 'x'", "  Bad: \"unterminated",
                        "title: Hello", "tags: [a, b]", "author:", "  name: x", "", "# comment", "  - item", "AIGC: '{'"),
                Arbitraries.strings().withChars("abc: \"'#{}-\\").ofMaxLength(20));
        return line.list().ofMaxSize(25).filter(l -> l.stream().noneMatch(s -> s.strip().equals("---") || s.strip().equals("...")));
    }

    @Property(tries = 300)
    void wrapperScanningNeverThrows(@ForAll("selectorSoup") String text) {
        List<TextWrapper.Found> found = TextWrapper.find(text, 1 << 16);
        assertThat(TextWrapper.remove(text, found).length()).isLessThanOrEqualTo(text.length());
    }

    @Provide
    Arbitrary<String> selectorSoup() {
        return Arbitraries.strings().withChars('\uFEFF', '\uFE00', '\uFE01', '\uFE0F', 'a', '.', '\n')
                .withCharRange('\uDB40', '\uDB40').withCharRange('\uDD00', '\uDD05').ofMaxLength(200)
                .map(s -> s + TextWrapper.encode(new byte[]{1, 2, 3}).substring(0, Math.min(10, s.length())));
    }
}
