package dev.aigcmark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code aigc-spark mark} and {@code propagate} as a library call: list the inputs, write each one's marked copy
 * under the output prefix ({@link SparkMarker}), optionally keep one row per input as a table, and count the files
 * per {@link CopyStatus}. Running it again after a failure writes only what is missing.
 */
public final class MarkJob {

    private MarkJob() {
    }

    /** The rows' table, if one is wanted: where, in which format, replacing an existing one or not. */
    public record Report(String path, TableFormat format, boolean overwrite) {
    }

    /** What a run did: files per status (every status present, in {@link CopyStatus} order), over how many tasks. */
    public record Result(long files, int partitions, Map<String, Long> counts) {
    }

    /**
     * Runs the job. {@code base} is the folder the inputs' relative paths start from; null takes the single input
     * folder (or a single file's folder), and must be given for several inputs, globs or file lists.
     */
    public static Result run(SparkSession spark, Inputs inputs, String base, String output, String identityDir,
                             MarkSettings settings, VerifySettings trust, Report report, FileListener listener)
            throws IOException {
        return run(spark, inputs, base, output, identityDir, settings, trust, report, listener, UnaryOperator.identity());
    }

    /**
     * {@link #run} with per-file columns ({@link InputColumns}: a {@code produceId}, {@code declaredAi}, ...) added
     * to the listed files ({@code file}, {@code size}) by {@code columns} before they are marked; the tests give every
     * file a ProduceID derived from their seed this way, so no id is drawn at random.
     */
    static Result run(SparkSession spark, Inputs inputs, String base, String output, String identityDir,
                      MarkSettings settings, VerifySettings trust, Report report, FileListener listener,
                      UnaryOperator<Dataset<Row>> columns) throws IOException {
        String from = base != null ? base : impliedBase(inputs, spark.sparkContext().hadoopConfiguration());
        if (report != null && !report.overwrite()) {
            VerifyJob.refuseExisting(spark, report.path());
        }
        SparkMarker marker = new SparkMarker(spark, settings, trust, identityDir, listener);
        try (Inputs.Listed listed = inputs.list(spark);
             SparkMarker.Marking marking = marker.mark(columns.apply(listed.files()), from, output)) {
            if (report != null) {
                report.format().write(marking.rows(), report.path(), report.overwrite(), null);
            } else {
                marking.rows().write().format("noop").mode("overwrite").save(); // runs the job, keeps no rows
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (CopyStatus s : CopyStatus.values()) {
                counts.put(s.name(), marking.counts().getOrDefault(s.name(), 0L));
            }
            return new Result(listed.count(), listed.partitions(), counts);
        }
    }

    private static String impliedBase(Inputs inputs, Configuration conf) throws IOException {
        if (inputs.paths().size() != 1 || !inputs.lists().isEmpty()) {
            throw new IllegalArgumentException("several inputs or file lists: give the folder their paths are relative "
                    + "to (--base); each copy goes to the same relative path under the output");
        }
        Path path = new Path(inputs.paths().get(0));
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(path + " does not exist (a glob needs --base)", e);
        }
        return status.isDirectory() ? path.toString() : path.getParent().toString();
    }
}
