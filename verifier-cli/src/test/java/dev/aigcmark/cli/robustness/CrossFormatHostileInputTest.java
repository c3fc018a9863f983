package dev.aigcmark.cli.robustness;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.Formats;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile input through the public API, every format: a valid sample is marked (label, watermark, visible
 * label, C2PA where the format has them), then damaged in many reproducible ways (see {@link Mutants}). For
 * every mutant, {@link Verifier#verify(Path)} returns a report within 10 s with an exit code of 0, 1, 3 or 4,
 * the handler's scan fails only with an {@link UnreadableInputException} (a RuntimeException there is a parser
 * bug the Verifier would hide as "could not read"), no codec crashes; and {@link Marker#mark} either succeeds
 * with an output whose label verifies, or refuses with a message, without touching the input or leaving a
 * temporary file. Runs in its own surefire execution with a 256 MB heap, so an allocation sized by a
 * hostile length field fails here as an OutOfMemoryError.
 *
 * <p>Every input follows from {@link TestSeed}: the identity's keys, the signature nonces, the ids and salts the
 * Marker draws, the mutations. So the marked samples, and every mutant, are the same bytes on every run (their
 * SHA-256 is printed), and a failure reproduces from the seed in the log.
 */
@Tag("robustness") // its own surefire execution (pom.xml): a -Dtest selection runs it there only
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossFormatHostileInputTest {
    static final String PRODUCE_ID = "5eed0000aaaabbbbccccddddeeeeffff";
    /** Verifies what must verify (the marked samples): a budget no loaded machine comes near. */
    static final Duration LENIENT = Duration.ofMinutes(5);
    /**
     * Each call's hang guard, above every wall-clock limit the calls get. A mutant's verdict must follow from its
     * bytes: the Verifier and Marker here keep their CPU-time deadlines (which a mutant stays far below; load does
     * not change them) but get {@link #LENIENT} of wall clock, so a loaded machine can neither turn a verdict into
     * {@code asset.timeout} nor fail a call that was merely slow (the guard was 90 s, below the Marker's own limits).
     */
    static final Duration PER_FILE = LENIENT.plusMinutes(1);
    /** Re-marking every mutant with visible label and watermark would triple the run time: every 8th is. */
    static final int FULL_MARK_EVERY = 8;

    static final MarkIntent LABEL_ONLY = MarkIntent.builder().produceId(ProduceId.of(PRODUCE_ID)).watermark(false)
            .explicitLabel(null).build();
    static final MarkIntent FULL = MarkIntent.builder().produceId(ProduceId.of(PRODUCE_ID)).c2pa(true).build();

    @TempDir
    static Path dir;
    SdkContext context;
    Verifier verifier;
    Verifier lenientVerifier;
    Marker marker;
    final Map<Samples, byte[]> marked = new EnumMap<>(Samples.class);
    final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    void markOneSampleOfEachFormat() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 512L << 20,
                "runs in the bounded-heap surefire execution 'robustness' (see verifier-cli/pom.xml)");
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
        SdkContext defaults = SdkContext.defaults();
        context = defaults.toBuilder().clock(clock)
                .limits(defaults.limits().toBuilder().verifyWallTimeout(LENIENT).markCpuTimeout(LENIENT)
                        .markWallTimeout(LENIENT).build()) // CPU deadlines decide, never the load (see PER_FILE)
                .random(TestSeed.randomSource("CrossFormatHostileInputTest.marker"))
                .identity(IdentityStore.loadOrCreateDevelopment(dir.resolve("home"), clock,
                        TestSeed.randomSource("CrossFormatHostileInputTest.identity"))).build();
        verifier = new Verifier(context);
        lenientVerifier = new Verifier(context.toBuilder()
                .limits(context.limits().toBuilder().verifyCpuTimeout(LENIENT).verifyWallTimeout(LENIENT).build()).build());
        marker = new Marker(context);
        Path work = Files.createDirectories(dir.resolve("samples"));
        for (Samples s : Samples.all()) {
            Path in = work.resolve("sample." + s.extension);
            Path out = work.resolve("marked." + s.extension);
            Files.write(in, s.make(work));
            if (s.writable()) {
                marker.mark(in, out, FULL);
            } else {
                Files.copy(in, out); // labelled by its producer: the mutants damage that label
            }
            VerificationReport report = lenientVerifier.verify(out);
            assertThat(s.writable() ? ourLabel(report) : !report.findings(ImplicitLabel.class).isEmpty())
                    .as("the marked %s sample verifies: %s", s, ReportJson.toJson(report)).isTrue();
            marked.put(s, Files.readAllBytes(out));
            String dump = System.getProperty("robustness.dump"); // -Drobustness.dump=DIR keeps the samples to look at
            if (dump != null) {
                Files.copy(out, Path.of(dump, "marked." + s.extension), StandardCopyOption.REPLACE_EXISTING);
            }
            System.out.println("robustness sample " + s + ": " + marked.get(s).length + " bytes, sha256 "
                    + HexFormat.of().formatHex(sha256(out)));
        }
    }

    @TestFactory
    Stream<DynamicContainer> mutantsOfEveryFormat() {
        return Samples.selected().stream().map(s -> {
            List<Mutants.Mutant> mutants = Mutants.of(marked.get(s), s.kind,
                    TestSeed.derive("CrossFormatHostileInputTest.mutants." + s));
            AtomicInteger i = new AtomicInteger();
            return DynamicContainer.dynamicContainer(s + " (" + mutants.size() + " mutants)", mutants.stream().map(m -> {
                MarkIntent intent = !s.isVideo() && i.getAndIncrement() % FULL_MARK_EVERY == 0 ? FULL : LABEL_ONLY;
                return DynamicTest.dynamicTest(m.toString(), () -> survives(s + " " + m, m.bytes(), "mutant." + s.extension, intent));
            }));
        });
    }

    /**
     * Bugs this suite found, each kept as a named case (fixed in the handler named). Before the fixes: an
     * OutOfMemoryError, a verify that never returned, or an internal error (CLI exit 70) from mark.
     */
    @TestFactory
    Stream<DynamicTest> regressions() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        // jcodec allocated the declared sample-size table (8 GB); now our demuxer (SampleIndex.MAX_SAMPLES) refuses it.
        cases.put("mp4-stsz-count-0x7FFFFFF0.mp4", Mutants.withField(marked.get(Samples.MP4), Structures.Kind.BMFF,
                "/stsz at", " entry count", v -> 0x7FFFFFF0L));
        // jcodec read moov whole at its declared size: top-level sizes are checked against the file first.
        cases.put("mp4-moov-size-0x7FFFFFF0.mp4", Mutants.withField(marked.get(Samples.MP4), Structures.Kind.BMFF,
                "/moov at", " size", v -> 0x7FFFFFF0L));
        // jcodec's box parser looped for ever on the misaligned child box that followed (heap exhausted); jcodec
        // now gets NAL units from our demuxer and never parses boxes.
        cases.put("mov-mvhd-size-plus-2.mov", Mutants.withField(marked.get(Samples.MOV), Structures.Kind.BMFF,
                "/mvhd at", " size", v -> v ^ 2));
        cases.put("mp4-mvhd-size-minus-2.mp4", Mutants.withField(marked.get(Samples.MP4), Structures.Kind.BMFF,
                "/mvhd at", " size", v -> v - 2));
        // commons-imaging allocated the VP8X chunk at its declared 512 MB (WebP is now decoded by WebpDecoder).
        cases.put("webp-vp8x-size-bit-29.webp", Mutants.withField(marked.get(Samples.WEBP), Structures.Kind.RIFF,
                "RIFF VP8X", " size at 12", v -> v ^ (1L << 29)));
        // A GIF image 65535 pixels wide and a few high: the watermark detector's working plane kept the whole width
        // (it scaled by the short side only), and its autocorrelation asked for 2 × 268 MB (CI loop, seed 20261208);
        // the plane is now a centred window of at most WorkingPlane.LONG_SIDE samples.
        cases.put("gif-image-width-0xFFFF.gif", Mutants.withField(marked.get(Samples.GIF), Structures.Kind.GIF,
                "GIF image width at", "", v -> 0xFFFF));
        // A TIFF whose StripOffsets value is 0xFFFFFFFF: the JDK's TIFF reader threw IndexOutOfBoundsException, and
        // mark ended as an internal error (CI loop run 5, seed 20261210); now the pixels are "cannot decode".
        cases.put("tiff-strip-offsets-all-ones.tif", Mutants.withField(marked.get(Samples.TIFF), Structures.Kind.TIFF,
                "TIFF tag 273", " value/offset", v -> 0xFFFFFFFFL));
        // An XMP packet that is not UTF-8: mark threw a plain IOException (CLI exit 70); now unreadable (exit 4).
        cases.put("jpeg-xmp-invalid-utf8.jpg", brokenXmp(marked.get(Samples.JPEG)));
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> survives(e.getKey(), e.getValue(), e.getKey(), FULL)));
    }

    static byte[] brokenXmp(byte[] jpeg) {
        String text = new String(jpeg, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("<rdf:Description");
        assertThat(at).as("the marked JPEG has XMP").isPositive();
        byte[] m = jpeg.clone();
        m[at + 1] = (byte) 0xFF;
        return m;
    }

    /** Content in the wrong container, or garbage behind a real signature. */
    @TestFactory
    Stream<DynamicTest> wrongTypeInputs() {
        Random random = TestSeed.random("CrossFormatHostileInputTest.noise");
        byte[] noise = new byte[20_000];
        random.nextBytes(noise);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("png-as.md", marked.get(Samples.PNG));
        cases.put("pdf-as.txt", marked.get(Samples.PDF));
        cases.put("jpeg-as.mp4", marked.get(Samples.JPEG));
        cases.put("mp4-as.docx", marked.get(Samples.MP4));
        cases.put("docx-as.pdf", marked.get(Samples.DOCX));
        cases.put("xlsx-as.pptx", marked.get(Samples.XLSX));
        cases.put("jpeg-magic-noise.jpg", prefixed(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, noise));
        cases.put("jpeg-app1-noise.jpg", prefixed(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF}, noise));
        cases.put("png-signature-noise.png", prefixed(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, noise));
        cases.put("gif-header-noise.gif", prefixed("GIF89a".getBytes(), noise));
        cases.put("tiff-header-noise.tif", prefixed(new byte[] {'I', 'I', 42, 0}, noise));
        cases.put("riff-webp-noise.webp", prefixed("RIFF\u00ff\u00ff\u00ff\u00ffWEBPVP8X".getBytes(StandardCharsets.ISO_8859_1), noise));
        cases.put("ftyp-noise.mp4", prefixed(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, noise));
        cases.put("zip-magic-noise.docx", prefixed(new byte[] {'P', 'K', 3, 4}, noise));
        cases.put("pdf-header-noise.pdf", prefixed("%PDF-1.7\n".getBytes(), noise));
        cases.put("noise.md", noise);
        cases.put("empty.txt", new byte[0]);
        cases.put("one-byte.jpg", new byte[] {(byte) 0xFF});
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> survives(e.getKey(), e.getValue(), e.getKey(), LABEL_ONLY)));
    }

    static byte[] prefixed(byte[] head, byte[] rest) {
        return Mutants.replace(rest, 0, Math.min(head.length, rest.length), head);
    }

    /** Runs {@link #contract}, naming the mutant in any failure (dynamic tests show up as indexes in reports). */
    void survives(String mutant, byte[] bytes, String name, MarkIntent intent) throws Exception {
        try {
            contract(bytes, name, intent);
        } catch (OutOfMemoryError e) {
            // JUnit would end the whole run on an OutOfMemoryError: name the file instead.
            throw new AssertionError(mutant + ": OutOfMemoryError (256 MB heap)", e);
        } catch (AssertionError e) {
            throw new AssertionError(mutant + ": " + e.getMessage() + stuckThreads(), e);
        }
    }

    /** Where a timed-out call is stuck (assertTimeoutPreemptively leaves its thread running): names the loop. */
    static String stuckThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("junit-timeout")) {
                out.append("\n").append(thread.getName()).append(':');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    out.append("\n\tat ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    /** The whole contract for one hostile file. */
    void contract(byte[] bytes, String name, MarkIntent intent) throws Exception {
        int n = counter.incrementAndGet();
        Path inDir = Files.createDirectories(dir.resolve("in-" + n));
        Path outDir = Files.createDirectories(dir.resolve("out-" + n));
        Path input = inDir.resolve(name);
        Files.write(input, bytes);
        byte[] hash = sha256(input);

        VerificationReport report = assertTimeoutPreemptively(PER_FILE, () -> verifier.verify(input), "verify hung");
        assertThat(report).isNotNull();
        String json = ReportJson.toJson(report);
        assertThat(ExitCodes.forReport(report)).as(json).isIn(ExitCodes.VALID, ExitCodes.FAILED, ExitCodes.NO_MARKS,
                ExitCodes.UNREADABLE);
        assertThat(report.diagnostics()).as("no codec crashed: %s", json)
                .noneMatch(st -> st.code().equals(StatusCodes.ASSET_CODEC_FAILED));
        assertTimeoutPreemptively(PER_FILE, () -> scanFailsOnlyAsUnreadable(input), "scan hung");

        Path output = outDir.resolve("marked-" + name);
        Optional<String> refusal = assertTimeoutPreemptively(PER_FILE, () -> markOrRefuse(input, output, intent),
                "mark hung");
        assertThat(sha256(input)).as("the input is never modified").isEqualTo(hash);
        try (Stream<Path> left = Files.list(inDir)) {
            assertThat(left).as("nothing written beside the input").containsExactly(input);
        }
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left).as("no temporary file left; output only on success")
                    .containsExactlyElementsOf(refusal.isPresent() ? List.of() : List.of(output));
        }
        if (refusal.isEmpty()) {
            VerificationReport remarked = assertTimeoutPreemptively(PER_FILE, () -> lenientVerifier.verify(output));
            assertThat(ourLabel(remarked)).as("a marked mutant verifies: %s", ReportJson.toJson(remarked)).isTrue();
        }
    }

    /** Empty when marking succeeded; the refusal's message otherwise. */
    Optional<String> markOrRefuse(Path input, Path output, MarkIntent intent) {
        try {
            marker.mark(input, output, intent);
            return Optional.empty();
        } catch (UnreadableInputException | MarkRefusedException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return Optional.of(e.getMessage());
        } catch (Throwable e) {
            throw new AssertionError("mark threw " + e, e);
        }
    }

    /**
     * The Verifier turns any scan exception into an "unreadable" report so a batch goes on; that hides parser
     * bugs. Calling the detected handler directly shows them.
     */
    @SuppressWarnings("try") // the scope is held, not used: it unbinds the budget on close
    void scanFailsOnlyAsUnreadable(Path input) throws IOException {
        try (MediaInput in = MediaInput.of(input);
             FileBudget.Scope ignored = FileBudget.forVerify(context.limits(), in.size()).bind()) {
            Optional<FormatHandler> handler = Formats.detect(context, in);
            if (handler.isEmpty()) {
                return;
            }
            try {
                handler.get().scan(in, context);
            } catch (UnreadableInputException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (IOException | RuntimeException e) {
                fail(handler.get().id() + " scan threw " + e, e);
            }
        }
    }

    static boolean ourLabel(VerificationReport report) {
        for (MarkFinding f : report.findings(ImplicitLabel.class)) {
            ImplicitLabel label = (ImplicitLabel) f.mark();
            if (label.label().produceId().equals(PRODUCE_ID)
                    && (f.state() == TrustState.VALID || f.state() == TrustState.TRUSTED)) {
                return true;
            }
        }
        return false;
    }

    static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
