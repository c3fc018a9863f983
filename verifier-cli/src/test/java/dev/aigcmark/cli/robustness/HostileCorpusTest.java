package dev.aigcmark.cli.robustness;

import dev.aigcmark.cli.AigcCommand;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The hostile corpus: files that once hung or crashed a verifier ({@code src/test/resources/hostile/}, listed
 * in {@code corpus.txt} with their deadlines and allowed exit codes), every file of
 * {@code ../shared/vectors/hostile/} (skipped when absent), and the bombs of {@link Bombs} (pixel, zip, entity
 * expansion, nesting, decompression), each verified by the CLI as a platform would. Every one must end with one
 * of its allowed exits, never an internal error (70), and within its deadline, which the Verifier itself
 * enforces (the file's budget: {@code --cpu-timeout} of work, {@code --wall-timeout} of wall clock).
 *
 * <p>"Within its deadline" is checked on the CPU time the verifying thread spent, which the machine's load does
 * not change: at most the deadline plus {@link #CPU_SLACK} (start-up, the report). The wall clock is only a hang
 * guard (the wall limit plus a minute), so a loaded machine cannot fail the test; peak memory and wall times
 * are measured by {@code scripts/bomb-rss.sh}.
 *
 * <p>The verdict must follow from the file alone. Each bomb is refused by a size, count or depth limit (or as
 * damage), long before its deadline, and its report must name that code, exit 4; and the wall-clock limit given
 * here ({@link #WALL_LIMIT}) is far above what any file needs, so a loaded machine cannot turn a file's own verdict
 * into {@code asset.timeout} (the PDF flate bomb's did: NONE or timeout by the machine's speed, before PDF streams
 * were measured).
 */
@Tag("robustness") // its own surefire execution (pom.xml): a -Dtest selection runs it there only
class HostileCorpusTest {
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /**
     * The wall-clock limit given to each verify: ten times the default, so that only the CPU-time deadline (which
     * load does not change) can end a file here; the files need seconds.
     */
    static final Duration WALL_LIMIT = Duration.ofSeconds(600);
    static final Duration HANG_GUARD = Duration.ofSeconds(60);
    /** CPU time beyond the deadline a verify may spend outside the file's budget: options, identity, report. */
    static final Duration CPU_SLACK = Duration.ofSeconds(5);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Bombs inflate to this here (the script uses 1.5 GB): over the 128 MB budget, quick to make. */
    static final long TEST_BOMB_BYTES = 384L << 20;

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> committedCorpus() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : resource("hostile/corpus.txt").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            Path file = dir.resolve(f[0]);
            try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/hostile/" + f[0])) {
                assertThat(in).as("corpus file %s", f[0]).isNotNull();
                Files.copy(in, file);
            }
            Duration deadline = Duration.ofSeconds(Long.parseLong(f[1]));
            tests.add(DynamicTest.dynamicTest(f[0], () -> endsCleanly(file, deadline, exits(f[2]), null)));
            tests.add(DynamicTest.dynamicTest(f[0] + " (mark --c2pa)", () -> marksCleanly(file, exits(f[3]))));
        }
        assertThat(tests).as("the corpus lists files").isNotEmpty();
        return tests.stream();
    }

    /**
     * Every file of {@code ../shared/vectors/hostile/} (the README aside). Their verdict may be VALID (0) where
     * the damage spares the label (the MOV's XMP is intact), NONE (3) or UNREADABLE (4); never anything else.
     */
    @TestFactory
    Stream<DynamicTest> sharedHostileVectors() throws IOException {
        SharedFiles.assumePresent();
        Path hostile = SharedFiles.vectors("hostile");
        Assumptions.assumeTrue(Files.isDirectory(hostile), hostile + " is absent");
        List<Path> files;
        try (Stream<Path> all = Files.list(hostile)) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        assertThat(files).as("files in %s", hostile).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> endsCleanly(f, DEFAULT_DEADLINE, List.of(0, 3, 4), null)));
    }

    @TestFactory
    Stream<DynamicTest> bombs() throws IOException {
        Path bombs = Files.createDirectories(dir.resolve("bombs"));
        Map<String, String> expected = Bombs.writeAll(bombs, TEST_BOMB_BYTES);
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> endsCleanly(bombs.resolve(e.getKey()), DEFAULT_DEADLINE, List.of(4),
                        Objects.requireNonNull(e.getValue(), "each bomb's code"))));
    }

    /**
     * One of the allowed exits (never 70), no internal error, within the deadline of CPU time, and the status code
     * naming the limit if expected.
     */
    static void endsCleanly(Path file, Duration deadline, List<Integer> exits, String expectedCode) {
        String[] result = assertTimeoutPreemptively(WALL_LIMIT.plus(HANG_GUARD), () -> verify(file, deadline),
                "verify did not end: the file's budget failed to stop it");
        int exit = Integer.parseInt(result[0]);
        Duration cpu = Duration.ofNanos(Long.parseLong(result[3]));
        String report = "exit " + exit + ", " + cpu.toMillis() + " ms of CPU time\n--- stdout\n" + result[1]
                + "\n--- stderr\n" + result[2];
        assertThat(exit).as(report).isIn(exits).isNotEqualTo(70);
        assertThat(result[2]).as(report).doesNotContain("internal error");
        assertThat(cpu).as("CPU time within the deadline: " + report).isLessThanOrEqualTo(deadline.plus(CPU_SLACK));
        if (expectedCode != null) {
            assertThat(result[1]).as(report).contains("\"" + expectedCode + "\"");
        }
    }

    private static List<Integer> exits(String list) {
        return Stream.of(list.split(",")).map(Integer::valueOf).toList();
    }

    /**
     * {@code aigc mark --c2pa} of a corpus file: one of its allowed exits (marked, refused or unreadable), never an
     * internal error, and the input unchanged. A hostile file's text is quoted into what marking writes (the parent
     * ingredient of a C2PA manifest), so the writers face the file too.
     */
    static void marksCleanly(Path file, List<Integer> exits) throws IOException {
        byte[] before = Files.readAllBytes(file);
        Path out = dir.resolve("marked-" + file.getFileName());
        Files.deleteIfExists(out);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = assertTimeoutPreemptively(WALL_LIMIT.plus(HANG_GUARD), () -> AigcCommand.run(
                new PrintWriter(stdout, true), new PrintWriter(stderr, true), "mark", "--c2pa", file.toString(),
                "-o", out.toString(), "--home", dir.resolve("home").toString()), "mark did not end");
        String report = "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        assertThat(exit).as(report).isIn(exits).isNotEqualTo(70);
        assertThat(stderr.toString()).as(report).doesNotContain("internal error");
        assertThat(Files.readAllBytes(file)).as("the input is never changed").isEqualTo(before);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Exit code, stdout, stderr, and the CPU time (ns) this thread spent on the verify. */
    private static String[] verify(Path file, Duration deadline) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        int code = AigcCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "verify", "--json",
                "--cpu-timeout", Long.toString(deadline.toSeconds()), "--wall-timeout",
                Long.toString(WALL_LIMIT.toSeconds()), file.toString());
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new String[]{Integer.toString(code), out.toString(), err.toString(), Long.toString(cpu)};
    }

}
