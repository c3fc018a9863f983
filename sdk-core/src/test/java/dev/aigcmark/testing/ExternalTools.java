package dev.aigcmark.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real tools tests check our output with (ffmpeg, ffprobe, exiftool, node). Locally a missing tool
 * skips the test with a message; under CI ({@code CI=true}) a missing tool fails it, because .ci/run installs them.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The result of one run: exit code and both streams. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command failed with " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    /** Skips (locally) or fails (CI) unless {@code tool} is on the PATH. */
    public static void assumeTool(String tool) {
        boolean present = onPath(tool);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(tool + " is required in CI (.ci/run installs it) but is not on the PATH");
        }
        Assumptions.assumeTrue(present, tool + " is not installed; this test needs it (apt-get install it, as .ci/run does)");
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static Result run(List<String> command) {
        return run(command, null, 300);
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    /** Runs {@code command} in {@code dir} (or the current directory), killing it after {@code timeoutSeconds}. */
    public static Result run(List<String> command, Path dir, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t1 = pump(p.getInputStream(), out);
            Thread t2 = pump(p.getErrorStream(), err);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
            }
            t1.join();
            t2.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
