package dev.aigcmark.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code aigc-spark mark} in local mode over a generated archive: each file's outcome is the one {@code aigc mark}
 * has on the same file (written, refused, unreadable), every copy verifies with {@code aigc verify} as the CLI's copy of the same file does, no input
 * changes, a re-run writes nothing, and a task that dies between staging and publishing leaves exactly one copy.
 */
class SparkMarkTest {
    static final int FILES = 240;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID_SALT = Long.toHexString(TestSeed.derive("SparkMarkTest.produceIds")) + ":";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static SparkSession spark;
    static VerifySettings trust;
    static Map<Path, String> inputHashes;

    @BeforeAll
    static void archive() throws IOException {
        archive = TestArchive.create(dir, FILES, "mark");
        inputHashes = hashes(archive.files);
        trust = VerifySettings.builder().trust(TrustRegistryJson.read(archive.registry))
                .limits(TestContexts.LIMITS).build();
        spark = SparkSessions.local();
    }

    @Test
    void eachFileEndsAsAigcMarkEndsItAndTheCopiesVerifyTrusted() throws Exception {
        Path out = dir.resolve("marked");
        Path report = dir.resolve("mark-report.jsonl");
        MarkJob.Result result = run(Inputs.of(List.of(archive.root.toString()), List.of()), null, out, report,
                FileListener.NONE);
        assertThat(result.files()).isEqualTo(FILES);

        Map<Path, JsonNode> rows = rows(report);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(archive.files);
        List<Path> written = new ArrayList<>();
        Path cliOut = Files.createDirectories(dir.resolve("cli-marked"));
        for (Path file : archive.files) {
            JsonNode row = rows.get(file);
            Path target = out.resolve(archive.root.relativize(file));
            // The CLI copy gets the ProduceID the Spark copy got, so both carry the same watermark payload: the
            // two copies must then agree exactly, not only where the payload does not matter.
            String produceId = row.path("produceId").asText("");
            List<String> cliArgs = new ArrayList<>(List.of("mark", "--home", archive.platformHome.toString(),
                    file.toString(), "-o", cliOut.resolve(file.getFileName()).toString()));
            if (!produceId.isEmpty()) {
                cliArgs.addAll(List.of("--produce-id", produceId));
            }
            int cli = TestArchive.cliExit(cliArgs.toArray(String[]::new));
            String expected = switch (cli) {
                case ExitCodes.VALID -> CopyStatus.WRITTEN.name();
                case ExitCodes.FAILED -> CopyStatus.REFUSED.name();
                case ExitCodes.UNREADABLE -> CopyStatus.UNREADABLE.name();
                default -> "aigc mark exit " + cli;
            };
            assertThat(row.get("status").asText()).as(file + ": " + row).isEqualTo(expected);
            assertThat(Path.of(URI.create(row.get("output").asText()))).isEqualTo(target);
            assertThat(Files.exists(target)).as("a copy exactly when written: " + target)
                    .isEqualTo(expected.equals("WRITTEN"));
            if (expected.equals("WRITTEN")) {
                written.add(target);
                assertThat(row.get("label").asText()).isNotEmpty();
                assertThat(row.get("produceId").asText()).as("the id the test gave " + file)
                        .isEqualTo(produceId(file.getFileName().toString()));
            } else {
                assertThat(row.get("error").asText()).isNotEmpty();
            }
        }
        assertThat(result.counts()).containsEntry("WRITTEN", (long) written.size())
                .containsEntry("EXISTING", 0L).containsEntry("FAILED", 0L);
        assertThat(result.counts().get("UNREADABLE")).as("the archive has damaged and foreign files").isPositive();
        assertThat(written.size()).as("most of the archive is markable").isGreaterThan(FILES / 2);

        Map<String, JsonNode> sparkCopies = verified(written);
        Map<String, JsonNode> cliCopies = verified(written.stream()
                .map(t -> cliOut.resolve(t.getFileName())).toList());
        long trusted = 0;
        long pictures = 0;
        for (Path target : written) {
            JsonNode spark = sparkCopies.get(target.toString());
            JsonNode cli = cliCopies.get(cliOut.resolve(target.getFileName()).toString());
            assertThat(spark.get("state")).as(target + " verifies as aigc mark's copy does").isEqualTo(cli.get("state"));
            assertThat(spark.get("effectiveLabel")).isEqualTo(cli.get("effectiveLabel"));
            assertThat(kindsAndStates(spark)).as("marks of %s, Spark copy against aigc mark's", target)
                    .isEqualTo(kindsAndStates(cli));
            Path input = archive.root.resolve(out.relativize(target));
            assertThat(spark.get("effectiveLabel").asText()).isEqualTo(rows.get(input).get("label").asText());
            trusted += spark.get("state").asText().equals("TRUSTED") ? 1 : 0;
            if (TestArchive.PICTURES.matcher(target.getFileName().toString()).find()) {
                // Every picture of the archive is below the watermark's smallest size: both copies say why it is
                // not there, whatever payload they drew (the verdict no longer depends on it)
                for (JsonNode copy : List.of(spark, cli)) {
                    assertThat(kindsAndStates(copy)).as("%s carries no watermark", target)
                            .noneMatch(k -> k.startsWith("watermark:"));
                    assertThat(codes(copy.get("diagnostics"))).as("%s says why", target).contains("wm.skipped.tooSmall");
                }
                pictures++;
            }
        }
        assertThat(pictures).as("the archive's pictures were marked").isPositive();
        assertThat(trusted).as("copies of unmarked files verify TRUSTED").isGreaterThan(written.size() / 2);
        assertThat(hashes(archive.files)).as("no input changed").isEqualTo(inputHashes);
        assertThat(out.resolve(OutputTree.STAGING)).as("the staging folder is gone").doesNotExist();

        Map<Path, String> copies = hashes(written);
        Path again = dir.resolve("mark-report-again.jsonl");
        MarkJob.Result rerun = run(Inputs.of(List.of(archive.root.toString()), List.of()), null, out, again,
                FileListener.NONE);
        assertThat(rerun.counts()).as("a re-run keeps every copy").containsEntry("WRITTEN", 0L)
                .containsEntry("EXISTING", (long) written.size());
        assertThat(hashes(written)).as("copies untouched by the re-run").isEqualTo(copies);
    }

    @Test
    void aTaskLostBetweenStagingAndPublishingLeavesOneWholeCopy() throws Exception {
        List<Path> some = archive.files.subList(0, 60);
        Path list = archive.listFile(dir.resolve("lost.txt"), some);
        Path out = dir.resolve("marked-retried");
        Path report = dir.resolve("retried-report.jsonl");
        FailAfterStaging listener = new FailAfterStaging();
        MarkJob.Result result = run(new Inputs(List.of(), List.of(list.toString()), 2, 1000), archive.root, out,
                report, listener);

        assertThat(FailAfterStaging.FAILED).as("a task died after staging a copy").hasSize(1);
        Map<Path, JsonNode> rows = rows(report);
        assertThat(rows).hasSize(some.size());
        long written = rows.values().stream().filter(r -> r.get("status").asText().equals("WRITTEN")).count();
        assertThat(result.counts()).as("counted once, over the successful attempts")
                .containsEntry("WRITTEN", written).containsEntry("EXISTING", 0L);
        try (Stream<Path> copies = Files.walk(out)) {
            assertThat(copies.filter(Files::isRegularFile).count()).as("one copy per written file, nothing else")
                    .isEqualTo(written);
        }
        // Each task's work folder (local copies of its inputs and outputs) is gone, the failed attempt's too.
        try (Stream<Path> left = Files.list(Path.of(SparkFiles.getRootDirectory()))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("aigc-spark-")).toList()).isEmpty();
        }
    }

    @Test
    void outputsInsideTheInputAreRefusedBeforeAnyWork() {
        Path inside = archive.root.resolve("d00").resolve("marked");
        assertThatThrownBy(() -> run(Inputs.of(List.of(archive.root.toString()), List.of()), null, inside, null,
                FileListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain");
        assertThat(inside).doesNotExist();
    }

    private static MarkJob.Result run(Inputs inputs, Path base, Path out, Path report, FileListener listener)
            throws IOException {
        return MarkJob.run(spark, inputs, base == null ? null : base.toString(), out.toString(),
                archive.platformHome.toString(), MarkSettings.mark().build(), trust,
                report == null ? null : new MarkJob.Report(report.toString(), TableFormat.JSONL, false), listener,
                SparkMarkTest::withProduceIds);
    }

    /**
     * Every file's ProduceID from the test seed and the file's name (32 hex digits, the form of a generated one),
     * so no id is drawn from the executors' random source: the watermark payloads, and so the copies, follow from
     * the seed printed in the log, whichever task marks which file.
     */
    static Dataset<Row> withProduceIds(Dataset<Row> files) {
        return files.withColumn(InputColumns.PRODUCE_ID,
                substring(sha2(concat(lit(ID_SALT), substring_index(col("file"), "/", -1)), 256), 1, 32));
    }

    /** {@link #withProduceIds}'s id for the file named {@code name}. */
    static String produceId(String name) {
        return HexFormat.of().formatHex(sha256().digest((ID_SALT + name).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    /** {@code aigc verify --jsonl} of the files, by file, trusting platform A. */
    private static Map<String, JsonNode> verified(List<Path> files) throws IOException {
        Path list = archive.listFile(Files.createTempFile(dir, "verify", ".txt"), files);
        List<String> lines = TestArchive.cli("verify", "--jsonl", "--home", archive.verifierHome.toString(),
                "--files-from", list.toString()).lines().toList();
        assertThat(lines).hasSize(files.size() + 1);
        Map<String, JsonNode> reports = new TreeMap<>();
        for (String line : lines.subList(0, files.size())) {
            JsonNode r = JSON.readTree(line);
            reports.put(r.get("file").asText(), r);
        }
        return reports;
    }

    private static List<String> kindsAndStates(JsonNode report) {
        List<String> marks = new ArrayList<>();
        report.get("marks").forEach(m -> marks.add(m.get("kind").asText() + ":" + m.get("state").asText()));
        return marks;
    }

    private static List<String> codes(JsonNode statuses) {
        List<String> codes = new ArrayList<>();
        statuses.forEach(st -> codes.add(st.get("code").asText()));
        return codes;
    }

    /** The report table's rows by input path. */
    private static Map<Path, JsonNode> rows(Path table) throws IOException {
        Map<Path, JsonNode> rows = new TreeMap<>();
        for (String line : SparkVerifyTest.partLines(table)) {
            JsonNode row = JSON.readTree(line);
            String name = row.get("file").asText();
            Path file = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
            assertThat(rows.put(file, row)).as("one row per input: " + file).isNull();
        }
        return rows;
    }

    static Map<Path, String> hashes(List<Path> files) throws IOException {
        Map<Path, String> hashes = new TreeMap<>();
        for (Path f : files) {
            hashes.put(f, HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(f))));
        }
        return hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails the first task attempt that stages a copy, once the copy is whole in staging (an executor lost there). */
    static final class FailAfterStaging implements FileListener {
        private static final long serialVersionUID = 1L;
        static final Map<String, Boolean> FAILED = new ConcurrentHashMap<>();

        @Override
        public void staged(String file, String staging) {
            if (TaskContext.get().attemptNumber() == 0 && FAILED.putIfAbsent("once", true) == null) {
                throw new IllegalStateException("test: the executor staging " + file + " is lost");
            }
        }
    }
}
