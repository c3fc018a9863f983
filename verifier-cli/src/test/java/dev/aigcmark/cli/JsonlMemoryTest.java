package dev.aigcmark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --jsonl} streams: 12,000 reports of a signed Markdown file (about 3 KB of JSON each, over 32 MB
 * in all) go through a JVM capped at 32 MB of heap, read from a file list, one line each and a summary line. The
 * same batch as one {@code --json} document, which holds every report, cannot finish under the same cap: the cap
 * is what makes the first half mean something. (A million files: benchmarks/jsonl-memory.sh.)
 */
class JsonlMemoryTest {
    static final int FILES = 12_000;

    @TempDir
    Path dir;

    @Test
    void twelveThousandReportsStreamThroughA32MegabyteHeap() throws Exception {
        Path home = dir.resolve("home");
        Path source = dir.resolve("note.md");
        Files.writeString(source, "# Tides\n\nThe moon pulls the oceans toward it.\n", StandardCharsets.UTF_8);
        Path marked = dir.resolve("marked.md");
        assertThat(CliRun.run("mark", source.toString(), "-o", marked.toString(), "--home", home.toString()).exitCode())
                .isZero();
        Path list = dir.resolve("list.txt");
        List<String> lines = new ArrayList<>(FILES);
        for (int i = 0; i < FILES; i++) {
            lines.add(marked.toString());
        }
        Files.write(list, lines, StandardCharsets.UTF_8);

        Path out = dir.resolve("out.jsonl");
        int exit = fork(out, "verify", "--jsonl", "--home", home.toString(), "--files-from", list.toString());
        assertThat(exit).as(Files.readString(dir.resolve("err.txt"))).isZero();
        long count;
        String last;
        try (var s = Files.lines(out, StandardCharsets.UTF_8)) {
            count = s.count();
        }
        try (var s = Files.lines(out, StandardCharsets.UTF_8)) {
            last = s.skip(FILES).findFirst().orElseThrow();
        }
        assertThat(count).isEqualTo(FILES + 1L);
        assertThat(Files.size(out)).as("the output is larger than the heap").isGreaterThan(32L << 20);
        assertThat(last).contains("\"files\":" + FILES).contains("\"VALID\":" + FILES);

        int document = fork(dir.resolve("out.json"), "verify", "--json", "--home", home.toString(),
                "--files-from", list.toString());
        assertThat(document).as("holding every report does not fit the same heap").isNotZero();
    }

    /** Runs aigc in a JVM with a 32 MB heap, stdout to {@code out}, stderr to err.txt; returns the exit code. */
    private int fork(Path out, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                AigcCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("aigc " + String.join(" ", args) + " did not end in 10 minutes");
        }
        return p.exitValue();
    }
}
