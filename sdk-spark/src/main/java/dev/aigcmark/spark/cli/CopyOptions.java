package dev.aigcmark.spark.cli;

import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.spark.FileListener;
import dev.aigcmark.spark.MarkJob;
import dev.aigcmark.spark.MarkSettings;
import dev.aigcmark.spark.VerifySettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What mark and propagate share: inputs, where the copies go, the identity, the report table. */
final class CopyOptions {

    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PREFIX",
            description = "Where the marked copies go: each input BASE/REL is written to PREFIX/REL. Never the input "
                    + "folder, nor inside it.")
    String output;

    @Option(names = "--base", paramLabel = "DIR", description = "The folder the inputs' relative paths start from "
            + "(default: the single --input folder; needed with several inputs, globs or --files-from).")
    String base;

    @Option(names = "--identity", required = true, paramLabel = "DIR",
            description = "The platform identity: a folder as 'aigc keys' keeps it (identity.json and its key files), "
                    + "shipped to the executors. Readable by the driver (local in client mode, HDFS/S3 in cluster mode).")
    String identity;

    @Option(names = "--report", paramLabel = "TABLE", description = "Also write one row per input to this table.")
    String report;

    @Option(names = "--report-format", paramLabel = "parquet|jsonl", description = "Report table format (default: parquet).")
    String reportFormat = "parquet";

    @Option(names = "--overwrite-report", description = "Replace an existing report table (default: refuse).")
    boolean overwriteReport;

    /** Runs the job and prints its counts as one JSON line. */
    int run(String command, MarkSettings settings, VerifySettings trust, PrintWriter out) throws IOException {
        SparkSession spark = AigcSparkCommand.session(command);
        MarkJob.Report table = report == null ? null
                : new MarkJob.Report(report, Formats.table(reportFormat), overwriteReport);
        MarkJob.Result result = MarkJob.run(spark, input.inputs(), base, output, identity, settings, trust, table,
                FileListener.NONE);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("files", result.files());
        line.put("output", output);
        line.putAll(result.counts());
        out.println(ReportJson.toJsonLine(line));
        return ExitCodes.VALID;
    }
}
