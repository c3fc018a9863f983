package dev.aigcmark.spark;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.VerificationReport;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.util.Iterator;

/**
 * Verification as a Spark transformation: files in (a Dataset with {@code file} and {@code size}, e.g. from
 * {@link FileListing}), one {@link VerifyRows} row out per file, in each partition's order. Every executor verifies
 * with one SdkContext per JVM, built from the settings broadcast once per job. A file is streamed from its file
 * system (never loaded whole beyond what the SDK's limits allow) and always gives a row: a file that cannot be read
 * is an UNREADABLE row, never a failed task.
 *
 * <pre>{@code
 * SparkVerifier verifier = new SparkVerifier(spark, VerifySettings.builder().trust(registry).build());
 * SparkVerifier.Verification v = verifier.verify(FileListing.ordered(FileListing.list(spark, paths, lists), 400));
 * v.rows().write().parquet("hdfs:///audits/2026-12-05");
 * BatchSummary summary = v.summary();   // once the rows were computed
 * }</pre>
 */
public final class SparkVerifier {
    private final SparkSession spark;
    private final VerifySettings settings;
    private final FileListener listener;

    public SparkVerifier(SparkSession spark, VerifySettings settings) {
        this(spark, settings, FileListener.NONE);
    }

    public SparkVerifier(SparkSession spark, VerifySettings settings, FileListener listener) {
        this.spark = spark;
        this.settings = settings;
        this.listener = listener;
    }

    /** The rows (lazily: nothing runs before an action) and the summary they add up to. */
    public Verification verify(Dataset<Row> files) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<VerifySettings> shipped = jsc.broadcast(settings);
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        SummaryAccumulator summary = new SummaryAccumulator();
        spark.sparkContext().register(summary, "aigc verify summary");
        Dataset<Row> rows = files.select("file", "size")
                .mapPartitions(new VerifyPartition(shipped, conf, summary, listener), Encoders.row(VerifyRows.SCHEMA));
        return new Verification(rows, summary);
    }

    /** The rows of one verification and, once an action has computed them, their summary. */
    public static final class Verification {
        private final Dataset<Row> rows;
        private final SummaryAccumulator summary;

        Verification(Dataset<Row> rows, SummaryAccumulator summary) {
            this.rows = rows;
            this.summary = summary;
        }

        public Dataset<Row> rows() {
            return rows;
        }

        /** The counts of {@code aigc verify}'s summary over the rows computed so far (each successful task once). */
        public BatchSummary summary() {
            return summary.value();
        }
    }

    /** What runs in the executors: one partition of files to rows. */
    private static final class VerifyPartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        private final Broadcast<VerifySettings> settings;
        private final Broadcast<SerializableConfiguration> conf;
        private final SummaryAccumulator summary;
        private final FileListener listener;

        VerifyPartition(Broadcast<VerifySettings> settings, Broadcast<SerializableConfiguration> conf,
                        SummaryAccumulator summary, FileListener listener) {
            this.settings = settings;
            this.conf = conf;
            this.summary = summary;
            this.listener = listener;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> files) {
            VerifySettings s = settings.value();
            Verifier verifier = new Verifier(ExecutorContexts.get("verify:" + s.id(), s::toContext));
            Configuration hadoop = conf.value().value();
            return new MappedIterator<>(files, row -> {
                String file = row.getString(0);
                Long listedSize = row.isNullAt(1) ? null : row.getLong(1);
                listener.starting(file);
                long start = System.nanoTime();
                Long size = listedSize;
                VerificationReport report;
                try (MediaInput input = HadoopFiles.open(file, hadoop, s.localFilesDirect())) {
                    size = input.size();
                    report = verifier.verify(input);
                } catch (IOException e) {
                    report = VerificationReport.unreadable(file, null, message(e));
                } catch (RuntimeException e) {
                    // The Verifier reports what it can read; anything escaping it is a bug on this file, and one
                    // file must not fail the task (and, four retries later, a night's job).
                    report = VerificationReport.unreadable(file, null, "internal error: " + e);
                }
                summary.add(report);
                return VerifyRows.row(file, size, report, (System.nanoTime() - start) / 1_000_000);
            });
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
