package dev.aigcmark.core.internal.xml;

import com.code_intelligence.jazzer.utils.Log;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.testing.SilentOutput;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fuzz harnesses fail on an input for which the code prints on the standard streams ({@link SilentOutput}):
 * session 15's only finding was such noise, 2,859 "[Fatal Error]" lines from the JDK's XML parser that the passing
 * {@code xmpPacket} harness left in its log. Here that input meets the parser the way it did before the fix (no
 * encoding check first), and the check must turn the noise into a failure; every harness must go through it.
 */
class FuzzHarnessOutputTest {
    private static final String SESSION_15_INPUT =
            "/dev/aigcmark/core/fuzz/CoreParsersFuzzTestInputs/xmpPacket/utf16-guess-read-as-utf8.xmp";
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private static final Pattern HARNESS = Pattern.compile("@FuzzTest[^\\n]*\\n\\s*void (\\w+)\\([^)]*\\) \\{\\n\\s*(.*)");

    @Test
    void theSession15InputReadWithoutTheEncodingCheckFailsTheHarnessOnItsFatalErrorLine() throws IOException {
        byte[] input = resource(SESSION_15_INPUT);
        assertThatThrownBy(() -> SilentOutput.require(() -> readWithoutTheEncodingCheck(input)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("System.err")
                .hasMessageContaining("[Fatal Error]");
    }

    @Test
    void theSameInputThroughSafeXmlIsRefusedSilently() throws IOException {
        byte[] input = resource(SESSION_15_INPUT);
        SilentOutput.require(() -> assertThatThrownBy(() -> SafeXml.parse(input, "XMP", ReadLimits.defaults()))
                .isInstanceOf(XmlException.class));
    }

    @Test
    void printingOnStandardOutIsAFindingTooAndAnExceptionKeepsItsOwnPlaceWithTheNoiseAttached() {
        assertThatThrownBy(() -> SilentOutput.require(() -> System.out.print("stray")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("System.out:\nstray");
        IllegalStateException failure = new IllegalStateException("the parser's own failure");
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            System.err.println("noise");
            throw failure;
        })).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement().asString().contains("noise");
    }

    /**
     * Jazzer's agent says "INFO: Instrumented ..." on stderr when an input first loads a class: the fuzzer's talk, not
     * the code's (session 16's first fuzzing run with the check stopped on it). What the code prints in the same input
     * is still held.
     */
    @Test
    void theFuzzersOwnMessagesAreNotTheCodes() {
        SilentOutput.require(() -> Log.info("Instrumented dev.aigcmark.Example (took 1 ms, size +5%)"));
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            Log.info("Instrumented dev.aigcmark.Example (took 1 ms, size +5%)");
            System.err.print("[Fatal Error] :-1:-1");
        })).isInstanceOf(AssertionError.class).hasMessageEndingWith("System.err:\n[Fatal Error] :-1:-1");
    }

    /**
     * A flood (issue 11's jcodec wrote 132 MB of one line) ends as a finding that quotes its start and counts the
     * rest, not as an OutOfMemoryError from holding it all (review of session 16, N1).
     */
    @Test
    void aFloodIsQuotedByItsStartAndCountedNotHeldWhole() {
        byte[] line = "Broken atom of size 0\n".getBytes(StandardCharsets.US_ASCII);
        int lines = 3_000_000; // 66 MB
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            for (int i = 0; i < lines; i++) {
                System.err.write(line, 0, line.length);
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("Broken atom of size 0")
                .hasMessageEndingWith("(" + (long) lines * line.length + " bytes in all)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(4_000));
    }

    /** A check inside another one (a helper that wraps again) leaves the finding to the outer input (review N1). */
    @Test
    void aNestedCheckHoldsIntoTheOuterOne() {
        boolean[] innerReturned = {false};
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            SilentOutput.require(() -> System.err.print("inner noise"));
            innerReturned[0] = true;
        })).isInstanceOf(AssertionError.class).hasMessageEndingWith("System.err:\ninner noise");
        assertThat(innerReturned[0]).as("the inner check returned and the outer one failed").isTrue();
    }

    /** A checked exception a harness sneaks out keeps its place; the noise is attached to it (review N1). */
    @Test
    void aSneakedCheckedExceptionKeepsItsPlace() {
        IOException failure = new IOException("sneaked");
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            System.err.print("noise");
            FuzzHarnessOutputTest.<RuntimeException>sneak(failure);
        })).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement().asString().contains("noise");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneak(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Issue 11's flood, as jcodec sends it now: through the JDK's logging facade (the SDK's bridge), not a stream
     * (review of session 16, T1). The check quotes its start and counts it; the root's console handler, off while the
     * input runs, copies none of it into this test's log.
     */
    @Test
    void aFloodThroughJavaUtilLoggingIsAFindingQuotedByItsStartAndCounted() {
        System.Logger jcodec = System.getLogger("org.jcodec");
        int records = 100_000;
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            for (int i = 0; i < records; i++) {
                jcodec.log(System.Logger.Level.WARNING, "Broken atom of size 0");
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.util.logging:\nWARNING org.jcodec: Broken atom of size 0\n")
                .hasMessageEndingWith("(" + records + " records in all, 0 of them SEVERE; more than "
                        + SilentOutput.LOGGED_RECORDS + " for one input is a flood)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(4_000));
    }

    /**
     * The rule is the count, not the level: nothing logged passes, and so do as many warnings as the limit allows
     * with an error among them (PDFBox logs damage it reads past at SEVERE) and any number of records below INFO; one
     * record more fails. Also when earlier code in the JVM turned logging off, as the CLI's tests do.
     */
    @Test
    void moreRecordsThanTheLimitFailAnInputWhateverTheirLevelFewerDoNot() {
        Logger pdfbox = Logger.getLogger("org.apache.pdfbox.pdfparser");
        SilentOutput.require(() -> {
        });
        SilentOutput.require(() -> {
            pdfbox.severe("object stream 4 could not be parsed due to an exception");
            for (int i = 1; i < SilentOutput.LOGGED_RECORDS; i++) {
                pdfbox.warning("Invalid dictionary, found: '>' but expected: '/'");
            }
            for (int i = 0; i < 1_000; i++) {
                pdfbox.fine("debug talk");
            }
        });
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.OFF);
        try {
            assertThatThrownBy(() -> SilentOutput.require(() -> {
                for (int i = 0; i <= SilentOutput.LOGGED_RECORDS; i++) {
                    pdfbox.info("Invalid dictionary");
                }
            })).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("INFO org.apache.pdfbox.pdfparser: Invalid dictionary")
                    .hasMessageContaining("(" + (SilentOutput.LOGGED_RECORDS + 1) + " records in all");
            assertThat(root.getLevel()).as("the root's level is given back").isEqualTo(Level.OFF);
        } finally {
            root.setLevel(before);
        }
    }

    /**
     * While an input runs, the counting handler is the root's only one; afterwards the root has its own handlers
     * back, also when the input failed. A nested check counts into the outer input: the records of both together
     * fail the outer one, though neither is over the limit alone.
     */
    @Test
    void theRootsHandlersAreGivenBackAfterEachInputAndANestedCheckCountsIntoTheOuterOne() {
        Logger root = Logger.getLogger("");
        List<Handler> outside = List.of(root.getHandlers());
        List<Handler> during = new ArrayList<>();
        Logger jcodec = Logger.getLogger("org.jcodec");
        int half = SilentOutput.LOGGED_RECORDS / 2 + 1;
        boolean[] innerReturned = {false};
        assertThatThrownBy(() -> SilentOutput.require(() -> {
            SilentOutput.require(() -> {
                during.addAll(List.of(root.getHandlers()));
                for (int i = 0; i < half; i++) {
                    jcodec.warning("Broken atom of size 0");
                }
            });
            innerReturned[0] = true;
            for (int i = 0; i < half; i++) {
                jcodec.warning("Broken atom of size 0");
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("(" + 2 * half + " records in all");
        assertThat(innerReturned[0]).as("the inner check returned and the outer one failed").isTrue();
        assertThat(during).singleElement().isNotIn(outside);
        assertThat(root.getHandlers()).as("the root's handlers after a failed input").containsExactlyElementsOf(outside);
        SilentOutput.require(() -> jcodec.info("one line"));
        assertThat(root.getHandlers()).as("the root's handlers after a passing input").containsExactlyElementsOf(outside);
    }

    @Test
    void everyFuzzHarnessRunsItsInputThroughTheCheck() throws IOException {
        List<String> harnesses = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(f -> f.getFileName().toString().endsWith("FuzzTest.java")).forEach(sources::add);
                }
            }
        }
        for (Path file : sources) {
            Matcher m = HARNESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                harnesses.add(m.group(1));
                if (!m.group(2).startsWith("SilentOutput.require(")) {
                    unchecked.add(file.getFileName() + "#" + m.group(1));
                }
            }
        }
        assertThat(harnesses).as("the harnesses of docs/fuzzing.md").contains("xmpPacket", "verifyBytes", "pdf",
                "containers", "keyImport", "imageContainers").hasSizeGreaterThanOrEqualTo(17);
        assertThat(unchecked).as("harnesses whose first statement is not SilentOutput.require").isEmpty();
    }

    /** What SafeXml did with these bytes in session 15: its encoding check let them through to the JDK's reader. */
    private static void readWithoutTheEncodingCheck(byte[] xml) {
        try {
            XMLStreamReader r = SafeXml.newStax().createXMLStreamReader(new ByteArrayInputStream(xml));
            while (r.hasNext()) {
                r.next();
            }
        } catch (XMLStreamException refused) {
            // the parser refused them, after printing
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = FuzzHarnessOutputTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
