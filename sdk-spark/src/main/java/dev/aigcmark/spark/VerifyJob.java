package dev.aigcmark.spark;

import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.ReportJson;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code aigc-spark verify} as a library call: list the inputs, verify every file in the executors, write one row per
 * file ({@link VerifyRows}) as Parquet or as the JSON Lines {@code aigc verify --jsonl} prints, and put the summary
 * line {@code aigc verify --jsonl} ends with beside the table ({@value #SUMMARY_FILE}).
 */
public final class VerifyJob {

    /** The summary line's file in the output folder (a leading underscore: Spark's readers skip it). */
    public static final String SUMMARY_FILE = "_aigc_summary.json";

    private VerifyJob() {
    }

    /** What a run found: how many files, over how many tasks, their summary and its JSON line. */
    public record Result(long files, int partitions, BatchSummary summary, String summaryLine) {
    }

    public static Result run(SparkSession spark, Inputs inputs, String output, TableFormat format, boolean overwrite,
                             VerifySettings settings, FileListener listener) throws IOException {
        if (!overwrite) {
            refuseExisting(spark, output);
        }
        try (Inputs.Listed listed = inputs.list(spark)) {
            SparkVerifier.Verification v = new SparkVerifier(spark, settings, listener).verify(listed.files());
            format.write(v.rows(), output, overwrite, VerifyRows.REPORT);
            BatchSummary summary = v.summary();
            String line = ReportJson.toJsonLine(ReportJson.batchSummaryRecord(summary, summary.exitCode()));
            Path file = new Path(output, SUMMARY_FILE);
            try (FSDataOutputStream out = file.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(file, true)) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new Result(listed.count(), listed.partitions(), summary, line);
        }
    }

    /** Fails before any work when the table is there already (Spark itself would refuse only when writing). */
    static void refuseExisting(SparkSession spark, String table) throws IOException {
        Path path = new Path(table);
        if (path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
            throw new IllegalArgumentException(table + " exists: replace it (--overwrite) or write elsewhere");
        }
    }
}
