package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestContexts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference verdicts stored beside the shared C2PA vectors ({@code vectors/c2pa}: c2pa-rs with the test
 * root as anchor; {@code vectors/c2pa-conformance}: c2pa-rs without anchors), and checks that our validator
 * and our full verifier (real handlers, the C2PA codec) reach the same state and the same failure codes, the
 * active manifest's and each ingredient delta's. Used by the format modules.
 */
public final class ReferenceVerdicts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two folders of vectors and how their verdicts were made. */
    public enum Folder {
        C2PA("c2pa", ".c2pa-rs.test-anchors.json", true),
        CONFORMANCE("c2pa-conformance", ".c2pa-rs.json", false);

        final String dir;
        final String suffix;
        final boolean testAnchors;

        Folder(String dir, String suffix, boolean testAnchors) {
            this.dir = dir;
            this.suffix = suffix;
            this.testAnchors = testAnchors;
        }

        public Path path() {
            return SharedFiles.vectors(dir);
        }

        static Folder of(Path vector) {
            return vector.getParent().getFileName().toString().equals(CONFORMANCE.dir) ? CONFORMANCE : C2PA;
        }
    }

    /**
     * The reference's verdict on one vector.
     *
     * @param error          the reference refused the file outright (no state)
     * @param state          INVALID, VALID or TRUSTED
     * @param activeFailures the active manifest's failure codes, in order
     * @param deltaFailures  each ingredient delta's failure codes, by ingredient assertion URI
     * @param results        the reference's {@code validation_results} as written
     */
    public record Expected(boolean error, String state, List<String> activeFailures,
                           Map<String, List<String>> deltaFailures, JsonNode results) {
        public List<String> allDeltaFailures() {
            return deltaFailures.values().stream().flatMap(List::stream).toList();
        }
    }

    private ReferenceVerdicts() {
    }

    /** The C2PA vectors ({@code vectors/c2pa}) whose names end with one of {@code suffixes}. */
    public static Stream<Path> vectors(String... suffixes) throws IOException {
        return vectors(Folder.C2PA, suffixes);
    }

    /** The vectors of {@code folder} whose names end with one of {@code suffixes}; skips without ../shared. */
    public static Stream<Path> vectors(Folder folder, String... suffixes) throws IOException {
        SharedFiles.assumePresent();
        try (Stream<Path> s = Files.list(folder.path())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(x -> p.toString().endsWith(x))).sorted().toList().stream();
        }
    }

    public static Expected expected(Path vector) {
        Folder folder = Folder.of(vector);
        try {
            JsonNode n = JSON.readTree(folder.path().resolve("expected").resolve(vector.getFileName() + folder.suffix).toFile());
            if (n.has("error")) {
                return new Expected(true, "", List.of(), Map.of(), n);
            }
            JsonNode results = n.path("validation_results");
            Map<String, List<String>> deltas = new LinkedHashMap<>();
            results.path("ingredientDeltas").forEach(d -> deltas.put(d.path("ingredientAssertionURI").asText(),
                    codes(d.path("validationDeltas").path("failure"))));
            return new Expected(false, n.path("validation_state").asText().toUpperCase(Locale.ROOT),
                    codes(results.path("activeManifest").path("failure")), deltas, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Handlers and codecs from the class path, validation time pinned; the test root as anchor where the verdict used
     * it. The wall-clock deadline is lifted ({@link TestContexts}; the CPU-time one stays): these tests compare verdicts, not deadlines,
     * and on a starved machine (CI at nice 19 beside six builds, load 30) the 60 s wall deadline ended the
     * verification of C.jpg, whose report then had no C2PA finding.
     */
    public static SdkContext context(Path vector) throws IOException {
        SdkContext.Builder b = TestContexts.builder().clock(ReferenceVectorsTest.PINNED);
        if (Folder.of(vector).testAnchors) {
            b.trustAnchors(TestKeys.testAnchors());
        }
        return b.build();
    }

    /** The C2PA vectors' context (test root as anchor), for callers that have no vector at hand. */
    public static SdkContext context() throws IOException {
        return TestContexts.builder().clock(ReferenceVectorsTest.PINNED).trustAnchors(TestKeys.testAnchors()).build();
    }

    /** Our validator's results against the reference's: state, active failures, each delta's failures. */
    public static void assertAgrees(C2paValidation v, Expected e) {
        if (e.error()) {
            assertThat(e.results().path("error").asText()).contains("UnknownAlgorithm");
            assertThat(v.activeFailureCodes()).contains(StatusCodes.ALGORITHM_UNSUPPORTED);
            return;
        }
        assertThat(v.state().name()).as("state; ours: %s", v.results()).isEqualTo(e.state());
        assertThat(v.activeFailureCodes().stream().map(StatusCode::id)).as("active failures; ours: %s", v.active())
                .containsExactlyInAnyOrderElementsOf(e.activeFailures());
        Map<String, List<String>> ours = new LinkedHashMap<>();
        v.results().ingredientDeltas().forEach(d -> ours.put(d.ingredientAssertionUri(),
                d.validationDeltas().failure().stream().map(s -> s.code().id()).toList()));
        assertThat(ours.keySet()).as("ingredient deltas").containsExactlyInAnyOrderElementsOf(e.deltaFailures().keySet());
        e.deltaFailures().forEach((uri, codes) -> assertThat(ours.get(uri)).as("failures of delta %s", uri)
                .containsExactlyInAnyOrderElementsOf(codes));
    }

    /** Verifies {@code vector} with the full verifier and compares with the stored verdict. */
    public static void assertAgrees(Path vector) throws IOException {
        assertThat(disagreement(vector)).as("our verdict on %s against the reference's", vector).isEmpty();
    }

    /**
     * How our full verifier's verdict on {@code vector} differs from the reference's, empty when it agrees. The
     * measure issue 21 states: the same state and the same failure codes (as multisets), the active manifest's
     * and the ingredient deltas' apart. A file the reference refuses outright ("UnknownAlgorithm") agrees when
     * we report {@code algorithm.unsupported}.
     */
    public static Optional<String> disagreement(Path vector) throws IOException {
        Expected expected = expected(vector);
        List<MarkFinding> findings = new Verifier(context(vector)).verify(vector).findings(C2paManifest.class);
        if (findings.size() != 1) {
            return Optional.of(findings.size() + " C2PA findings, expected 1");
        }
        MarkFinding f = findings.get(0);
        List<String> active = sorted(failures(f, false));
        if (expected.error()) {
            return active.contains(StatusCodes.ALGORITHM_UNSUPPORTED.id()) ? Optional.empty()
                    : Optional.of("the reference refuses the file (" + expected.results().path("error").asText()
                    + "); our active failures " + active);
        }
        List<String> differences = new ArrayList<>();
        if (!f.state().name().equals(expected.state())) {
            differences.add("state " + f.state() + ", reference " + expected.state());
        }
        differ("active failures", active, sorted(expected.activeFailures()), differences);
        differ("ingredient failures", sorted(failures(f, true)), sorted(expected.allDeltaFailures()), differences);
        return differences.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", differences) + " (our statuses: " + f.statuses() + ")");
    }

    /**
     * Verifies {@code file} with our full verifier and with the reference reader (the c2pa-rs test root as anchor,
     * as {@code ctx} should have it) and checks both reach the same state and failure codes; returns our finding.
     */
    public static MarkFinding assertSameAsReference(SdkContext ctx, Path file) throws IOException {
        JsonNode reference = C2paPeer.read(file, Folder.C2PA.path().resolve("test_cert_root_bundle.pem"));
        List<MarkFinding> findings = new Verifier(ctx).verify(file).findings(C2paManifest.class);
        assertThat(findings).as("C2PA findings in %s", file).hasSize(1);
        MarkFinding ours = findings.get(0);
        assertThat(ours.state().name()).as("state; ours %s, reference %s", ours.statuses(), reference)
                .isEqualTo(reference.path("validation_state").asText().toUpperCase(Locale.ROOT));
        assertThat(ours.statuses().stream().filter(Status::isFailure).map(s -> s.code().id()).toList()).as("failure codes")
                .containsExactlyInAnyOrderElementsOf(C2paPeer.allFailures(reference));
        return ours;
    }

    private static void differ(String what, List<String> ours, List<String> reference, List<String> out) {
        if (!ours.equals(reference)) {
            out.add(what + " " + ours + ", reference " + reference);
        }
    }

    private static List<String> sorted(List<String> codes) {
        return codes.stream().sorted().toList();
    }

    private static List<String> failures(MarkFinding f, boolean ingredient) {
        return f.statuses().stream().filter(Status::isFailure)
                .filter(s -> s.aboutIngredient() == ingredient).map(s -> s.code().id()).toList();
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path("code").asText()));
        return out;
    }
}
