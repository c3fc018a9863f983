package dev.aigcmark.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where {@code ../shared} (docs, vectors, the C2PA reference reader and its test keys) is, for tests.
 *
 * <p>The build must work from the project alone: every way in ({@link #dir()}, {@link #vectors(String)},
 * {@link #assumePresent()}) skips the calling test with one clear message when {@code ../shared} is absent, and
 * fails it under CI ({@code CI=true}, where .ci/run runs beside it), as a missing tool does. Fixtures read from
 * here must be lazy (not in a static initialiser), or the skip turns into an {@code ExceptionInInitializerError}.
 */
public final class SharedFiles {
    static final String ABSENT = "../shared (vectors, reference verdicts, C2PA test keys) is not here: "
            + "this test needs it (or -Daigc.shared.dir)";

    private SharedFiles() {
    }

    /** Whether {@code ../shared} can be found. */
    public static boolean present() {
        return find().isPresent();
    }

    /** Skips the calling test (or test factory) when {@code ../shared} is absent; fails it under CI=true. */
    public static void assumePresent() {
        dir();
    }

    /** {@code ../shared/vectors/SUB}, or the calling test skipped (failed under CI) when it is absent. */
    public static Path assumeVectors(String sub) {
        Path dir = vectors(sub);
        require(Files.isDirectory(dir), "../shared/vectors/" + sub + " is absent: this test needs it");
        return dir;
    }

    /**
     * The shared folder: system property {@code aigc.shared.dir} (set by the build), else searched upwards; the
     * calling test skipped when there is none (failed under CI=true).
     */
    public static Path dir() {
        Optional<Path> dir = find();
        require(dir.isPresent(), ABSENT);
        return dir.orElseThrow();
    }

    /** {@code ../shared/vectors/SUB} (which may not exist); the calling test skipped without {@code ../shared}. */
    public static Path vectors(String sub) {
        return dir().resolve("vectors").resolve(sub);
    }

    /** Whether {@code CI=true}: there a missing prerequisite is a failure, not a skip. */
    static boolean underCi() {
        return "true".equals(System.getenv("CI"));
    }

    private static void require(boolean here, String message) {
        if (!here && underCi()) {
            throw new AssertionError(message + " (required under CI=true)");
        }
        Assumptions.assumeTrue(here, message);
    }

    private static Optional<Path> find() {
        String prop = System.getProperty("aigc.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("vectors"))) {
                return Optional.of(candidate);
            }
            p = p.getParent();
        }
        return Optional.empty();
    }
}
