package dev.aigcmark.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where {@code ../shared} (docs, vectors, the C2PA reference reader) is, for tests. */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** Whether {@code ../shared} can be found. */
    public static boolean present() {
        try {
            dir();
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /**
     * Skips the calling test (or test factory) with a clear message when {@code ../shared} is absent; under CI
     * ({@code CI=true}, where .ci/run runs beside it) its absence fails the test instead, as a missing tool does.
     */
    public static void assumePresent() {
        require(present(), "../shared (vectors, reference verdicts) is not here: this test needs it (or -Daigc.shared.dir)");
    }

    /** {@code ../shared/vectors/SUB}, or the calling test skipped (failed under CI) when it is absent. */
    public static Path assumeVectors(String sub) {
        assumePresent();
        Path dir = vectors(sub);
        require(Files.isDirectory(dir), "../shared/vectors/" + sub + " is absent: this test needs it");
        return dir;
    }

    private static void require(boolean here, String message) {
        if (!here && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " (required under CI=true)");
        }
        Assumptions.assumeTrue(here, message);
    }

    /** The shared folder: system property {@code aigc.shared.dir} (set by the build), else searched upwards. */
    public static Path dir() {
        String prop = System.getProperty("aigc.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("vectors"))) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new AssertionError("cannot find ../shared (set -Daigc.shared.dir)");
    }

    public static Path vectors(String sub) {
        return dir().resolve("vectors").resolve(sub);
    }
}
