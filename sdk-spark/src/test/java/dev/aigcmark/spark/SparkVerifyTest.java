package dev.aigcmark.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.apache.spark.TaskContext;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc-spark verify} in local mode over a generated archive of a few thousand mixed files, every row compared
 * with what {@code aigc verify --jsonl} prints for the same file (run in-process, same trust). Only timing differs
 * ({@code durationMs}, which the CLI's lines do not have), and the {@code file} of a folder listing, which Spark names
 * by URI ({@code file:/...}): it is mapped back to the path the CLI was given.
 */
class SparkVerifyTest {
    static final int FILES = 1500;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestArchive archive;
    static SparkSession spark;
    static VerifySettings settings;
    /** The CLI's report line per file, and its summary line. */
    static Map<String, String> cliLines;
    static String cliSummary;

    @BeforeAll
    static void archiveAndTheCliReports() throws IOException {
        archive = TestArchive.create(dir, FILES, "verify");
        Path list = archive.listFile(dir.resolve("all.txt"), archive.files);
        String out = TestArchive.cli("verify", "--jsonl", "--home", archive.verifierHome.toString(),
                "--files-from", list.toString());
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(FILES + 1);
        cliLines = new LinkedHashMap<>();
        for (String line : lines.subList(0, FILES)) {
            cliLines.put(JSON.readTree(line).get("file").asText(), line);
        }
        cliSummary = lines.get(FILES);
        settings = VerifySettings.builder().trust(TrustRegistryJson.read(archive.registry))
                .limits(TestContexts.LIMITS).build();
        spark = SparkSessions.local();
    }

    @Test
    void everyRowOfAFolderListingEqualsTheCliReport() throws Exception {
        Path out = dir.resolve("table.parquet");
        VerifyJob.Result result = VerifyJob.run(spark, Inputs.of(List.of(archive.root.toString()), List.of()),
                out.toString(), TableFormat.PARQUET, false, settings, FileListener.NONE);

        assertThat(result.files()).isEqualTo(FILES);
        assertThat(result.summaryLine()).as("the summary line").isEqualTo(cliSummary);
        assertThat(Files.readString(out.resolve(VerifyJob.SUMMARY_FILE)).strip()).isEqualTo(cliSummary);

        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        assertThat(rows).hasSize(FILES);
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            String uri = row.getAs("file");
            String path = Path.of(URI.create(uri)).toString();
            assertThat(seen.add(path)).as("one row per file: " + path).isTrue();
            ObjectNode report = (ObjectNode) JSON.readTree((String) row.getAs("report"));
            assertThat(report.get("file").asText()).isEqualTo(uri);
            report.put("file", path);
            assertThat(report).as(path).isEqualTo(JSON.readTree(cliLines.get(path)));
            assertColumnsAgreeWithReport(row, report);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(cliLines.keySet());
        assertThat(rows.stream().map(r -> (String) r.getAs("outcome")).distinct())
                .as("the archive has every outcome, so agreeing means something")
                .contains("NONE", "VALID", "TRUSTED", "INVALID", "UNREADABLE");
    }

    @Test
    void jsonLinesFromAFileListAreTheCliLinesInPathOrder() throws Exception {
        Path list = archive.listFile(dir.resolve("shuffled.txt"), shuffled(archive.files));
        Path out = dir.resolve("table.jsonl");
        VerifyJob.Result result = VerifyJob.run(spark, new Inputs(List.of(), List.of(list.toString()), 7, 1000),
                out.toString(), TableFormat.JSONL, false, settings, FileListener.NONE);
        assertThat(result.partitions()).isEqualTo(7);
        assertThat(result.summaryLine()).isEqualTo(cliSummary);

        List<String> lines = partLines(out);
        assertThat(lines).hasSize(FILES);
        List<String> files = new ArrayList<>();
        for (String line : lines) {
            String file = JSON.readTree(line).get("file").asText();
            files.add(file);
            assertThat(line).as("byte for byte the line aigc verify --jsonl prints").isEqualTo(cliLines.get(file));
        }
        assertThat(files).as("part files in path order, rows sorted inside").isSorted().doesNotHaveDuplicates();
        ReportSchema.assertValid(lines);
    }

    @Test
    void streamingThroughHadoopGivesTheSameRows() throws Exception {
        List<Path> some = archive.files.subList(0, 200);
        Path list = archive.listFile(dir.resolve("some.txt"), some);
        VerifySettings viaHadoop = VerifySettings.builder().trust(TrustRegistryJson.read(archive.registry))
                .limits(TestContexts.LIMITS).localFilesDirect(false).build();
        Path out = dir.resolve("hadoop.jsonl");
        VerifyJob.run(spark, Inputs.of(List.of(), List.of(list.toString())), out.toString(), TableFormat.JSONL, false,
                viaHadoop, FileListener.NONE);
        List<String> lines = partLines(out);
        assertThat(lines).hasSize(some.size());
        for (String line : lines) {
            assertThat(line).isEqualTo(cliLines.get(JSON.readTree(line).get("file").asText()));
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithoutDuplicateRowsOrCounts() throws Exception {
        List<Path> some = archive.files.subList(600, 900);
        Path list = archive.listFile(dir.resolve("retried.txt"), some);
        String victim = some.get(137).toString();
        Path out = dir.resolve("retried.jsonl");
        VerifyJob.Result result = VerifyJob.run(spark, new Inputs(List.of(), List.of(list.toString()), 3, 1000),
                out.toString(), TableFormat.JSONL, false, settings, new FailFirstAttempt(victim));

        List<String> lines = partLines(out);
        assertThat(lines).hasSize(some.size()).doesNotHaveDuplicates();
        Map<String, String> expected = new TreeMap<>();
        some.forEach(p -> expected.put(p.toString(), cliLines.get(p.toString())));
        assertThat(lines).containsExactlyElementsOf(expected.values());
        assertThat(result.summary().files()).as("the failed attempt's files are not counted").isEqualTo(some.size());
        assertThat(FailFirstAttempt.failures(victim)).as("the task did fail once").isEqualTo(1);
    }

    @Test
    void theCommandPrintsTheSummaryAndExitsWithTheWorstCodeWhenAsked() throws Exception {
        Path out = dir.resolve("command.parquet");
        String[] args = {"verify", "--input", archive.root.resolve("d03").toString(), "--output", out.toString(),
                "--trust", archive.registry.toString()};
        CommandRun run = CommandRun.of(args);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).startsWith("{\"schemaVersion\":1,\"exitCode\":1,\"summary\":{");

        CommandRun again = CommandRun.of(args);
        assertThat(again.code()).as("an existing table is refused").isEqualTo(2);
        assertThat(again.err()).contains(out.toString());

        String[] worst = Stream.concat(Arrays.stream(args), Stream.of("--overwrite", "--exit-code")).toArray(String[]::new);
        assertThat(CommandRun.of(worst).code()).as("INVALID files in d03").isEqualTo(1);
        assertThat(CommandRun.of("verify", "--output", out.toString()).code()).as("no input").isEqualTo(2);
    }

    /** The budget options of {@code aigc verify} bound every executor's files, and only the files over them. */
    @Test
    void theCommandsLimitOptionsBoundEveryFile() throws Exception {
        Path out = dir.resolve("limited.jsonl");
        CommandRun run = CommandRun.of("verify", "--input", archive.root.resolve("d03").toString(), "--output",
                out.toString(), "--output-format", "jsonl", "--trust", archive.registry.toString(), "--max-pixels", "1000");
        assertThat(run.code()).as(run.err()).isZero();

        int refused = 0;
        for (String line : partLines(out)) {
            ObjectNode report = (ObjectNode) JSON.readTree(line);
            String path = Path.of(URI.create(report.get("file").asText())).toString();
            report.put("file", path);
            JsonNode unlimited = JSON.readTree(cliLines.get(path));
            boolean picture = TestArchive.PICTURES.matcher(path).find();
            // a damaged picture ("-dmg") may be read for its label without its pixels ever being decoded
            boolean decodable = picture && !path.contains("-dmg.");
            if (decodable && unlimited.get("exitCode").asInt() != 4) {
                assertThat(report.get("exitCode").asInt()).as(path + ": every picture is over 1000 pixels").isEqualTo(4);
                assertThat(report.toString()).as(path).contains("\"asset.tooLarge\"");
                refused++;
            } else if (!picture && !path.endsWith(".mp4")) {
                // a movie's frames are pixels too (a damaged one reports its undecodable frames differently)
                assertThat(report).as(path + ": no pixels, nothing over the limit").isEqualTo(unlimited);
            }
        }
        assertThat(refused).as("d03 holds readable pictures").isPositive();

        CommandRun typo = CommandRun.of("verify", "--input", archive.root.resolve("d03").toString(), "--output",
                dir.resolve("typo.jsonl").toString(), "--cpu-timeout", "ten");
        assertThat(typo.code()).as("a malformed limit is a usage error").isEqualTo(2);
        assertThat(typo.err()).contains("--cpu-timeout").contains("not a duration");
        CommandRun mark = CommandRun.of("mark", "--input", archive.root.resolve("d03").toString(), "--output",
                dir.resolve("never").toString(), "--identity", dir.toString(), "--max-depth", "0");
        assertThat(mark.code()).as("marking takes the same options").isEqualTo(2);
        assertThat(mark.err()).contains("--max-depth").contains("not a positive count");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    private static void assertColumnsAgreeWithReport(Row row, JsonNode report) {
        assertThat((String) row.getAs("state")).isEqualTo(report.get("state").asText());
        assertThat((Integer) row.getAs("exitCode")).isEqualTo(report.get("exitCode").asInt());
        assertThat((String) row.getAs("format")).isEqualTo(report.get("format").isNull() ? null : report.get("format").asText());
        assertThat((String) row.getAs("effectiveLabel"))
                .isEqualTo(report.get("effectiveLabel").isNull() ? null : report.get("effectiveLabel").asText());
        assertThat((String) row.getAs("outcome"))
                .isEqualTo(report.get("exitCode").asInt() == 4 ? "UNREADABLE" : report.get("state").asText());
        List<Row> marks = row.getList(row.fieldIndex("marks"));
        assertThat(marks).hasSize(report.get("marks").size());
        for (int i = 0; i < marks.size(); i++) {
            assertThat(marks.get(i).getString(0)).isEqualTo(report.get("marks").get(i).get("kind").asText());
            assertThat(marks.get(i).getString(2)).isEqualTo(report.get("marks").get(i).get("state").asText());
        }
        Set<String> codes = new HashSet<>();
        report.get("marks").forEach(m -> m.get("status").forEach(s -> codes.add(s.get("code").asText())));
        report.get("crossChecks").forEach(s -> codes.add(s.get("code").asText()));
        report.get("diagnostics").forEach(s -> codes.add(s.get("code").asText()));
        assertThat(row.<String>getList(row.fieldIndex("codes"))).containsExactlyInAnyOrderElementsOf(codes);
        assertThat((String) row.getAs("error")).isEqualTo(report.has("error") ? report.get("error").asText() : null);
        assertThat((Long) row.getAs("durationMs")).isNotNegative();
    }

    /** The lines of a JSON Lines table, part files in name order. */
    static List<String> partLines(Path table) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(table)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static List<Path> shuffled(List<Path> files) {
        List<Path> copy = new ArrayList<>(files);
        Collections.shuffle(copy, TestSeed.random("SparkVerifyTest.list"));
        return copy;
    }

    /** Fails the task holding {@code file} on its first attempt only (a lost executor, as a task sees it). */
    static final class FailFirstAttempt implements FileListener {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Integer> FAILURES = new ConcurrentHashMap<>();
        private final String file;

        FailFirstAttempt(String file) {
            this.file = file;
        }

        static int failures(String file) {
            return FAILURES.getOrDefault(file, 0);
        }

        @Override
        public void starting(String f) {
            if (f.equals(file) && TaskContext.get().attemptNumber() == 0) {
                FAILURES.merge(file, 1, Integer::sum);
                throw new IllegalStateException("test: the executor running " + f + " is lost");
            }
        }
    }
}
