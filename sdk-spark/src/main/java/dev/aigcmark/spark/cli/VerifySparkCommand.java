package dev.aigcmark.spark.cli;

import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.spark.FileListener;
import dev.aigcmark.spark.TableFormat;
import dev.aigcmark.spark.VerifyJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code aigc-spark verify}: one row per file, as Parquet or as {@code aigc verify --jsonl}'s lines. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies every mark in every file and writes one row per file (Parquet, or the JSON Lines "
                + "'aigc verify --jsonl' prints),", "in path order; prints the summary line and writes it beside the table."})
final class VerifySparkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    TrustFileOptions trust;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TABLE", description = "Folder of the table to write.")
    String output;

    @Option(names = "--output-format", paramLabel = "parquet|jsonl", description = "Table format (default: parquet).")
    String format = "parquet";

    @Option(names = "--overwrite", description = "Replace an existing table (default: refuse).")
    boolean overwrite;

    @Option(names = "--exit-code", description = "Exit with the worst file's code, as 'aigc verify' does "
            + "(default: 0 whenever the job completed, the verdicts being in the table).")
    boolean exitCode;

    @Override
    public Integer call() throws IOException {
        TableFormat table = Formats.table(format);
        SparkSession spark = AigcSparkCommand.session("verify");
        VerifyJob.Result result = VerifyJob.run(spark, input.inputs(), output, table, overwrite,
                trust.settings(spark.sparkContext().hadoopConfiguration(),
                        LimitOptions.read(spec, false)), FileListener.NONE);
        spec.commandLine().getOut().println(result.summaryLine());
        return exitCode ? result.summary().exitCode() : ExitCodes.VALID;
    }
}
