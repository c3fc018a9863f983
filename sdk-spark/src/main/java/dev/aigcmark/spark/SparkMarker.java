package dev.aigcmark.spark;

import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.PropagationResult;
import dev.aigcmark.core.Propagator;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Marking (or propagating) as a Spark transformation: each input {@code <base>/<rel>} gets a marked copy at
 * {@code <output>/<rel>}, one {@link CopyRows} row per input. Never over the input (the trees must be apart, and a
 * copy is written only where nothing is), idempotent (a copy already there is left alone and reported EXISTING, so
 * a re-run after a failure does only what is missing), and whole or not at all ({@link Publisher}). The platform
 * identity is a folder (as {@code aigc keys} keeps it: identity.json and its key files) shipped to the executors
 * with {@code SparkContext.addFile} under a name of the run's own ({@link ShippedIdentity}); each executor loads it
 * once.
 *
 * <p>The SDK's writers rewrite containers with random access, so each input is spooled to the executor's local
 * disk (a local input is used in place), marked there, and the finished copy published to the target file system.
 */
public final class SparkMarker {
    private final SparkSession spark;
    private final MarkSettings settings;
    private final VerifySettings trust;
    private final String identityDir;
    private final FileListener listener;

    public SparkMarker(SparkSession spark, MarkSettings settings, VerifySettings trust, String identityDir,
                       FileListener listener) {
        this.spark = spark;
        this.settings = settings;
        this.trust = trust;
        this.identityDir = identityDir;
        this.listener = listener;
    }

    /**
     * The rows (lazily: nothing is written before an action runs them) for {@code files}: columns {@code file},
     * {@code size}, and optionally a boolean {@code declaredAi} (that upload's declaration, for propagation) and the
     * platform's own id for the upload, {@code produceId} when marking or {@code propagateId} when propagating
     * ({@link InputColumns}; a row whose id breaks the label's rules is REFUSED, the others go on).
     * Close the result when done, to remove the run's staging folder.
     */
    public Marking mark(Dataset<Row> files, String base, String output) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String runId = UUID.randomUUID().toString();
        OutputTree tree = OutputTree.of(jsc.hadoopConfiguration(), base, output, runId);
        ShippedIdentity identity = ShippedIdentity.ship(spark.sparkContext(), identityDir, runId, jsc.hadoopConfiguration());
        Job job = new Job(runId, settings, trust, identity.name(), tree, listener);
        Broadcast<Job> shipped = jsc.broadcast(job);
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        CountAccumulator counts = new CountAccumulator();
        spark.sparkContext().register(counts, "aigc " + settings.mode().name().toLowerCase(Locale.ROOT));
        InputColumns columns = InputColumns.of(Arrays.asList(files.columns()), settings.mode());
        Dataset<Row> input = files.selectExpr(columns.names().toArray(String[]::new));
        Dataset<Row> rows = input.mapPartitions(new CopyPartition(shipped, conf, counts, columns),
                Encoders.row(CopyRows.SCHEMA));
        return new Marking(rows, counts, tree, identity, jsc.hadoopConfiguration());
    }

    /** The rows of one run, the counts per {@link CopyStatus} once they were computed, and the run's cleanup. */
    public static final class Marking implements AutoCloseable {
        private final Dataset<Row> rows;
        private final CountAccumulator counts;
        private final OutputTree tree;
        private final ShippedIdentity identity;
        private final Configuration conf;

        Marking(Dataset<Row> rows, CountAccumulator counts, OutputTree tree, ShippedIdentity identity,
                Configuration conf) {
            this.rows = rows;
            this.counts = counts;
            this.tree = tree;
            this.identity = identity;
            this.conf = conf;
        }

        public Dataset<Row> rows() {
            return rows;
        }

        /** Files per status, over every successful task so far. */
        public Map<String, Long> counts() {
            return Map.copyOf(counts.value());
        }

        /**
         * Removes the run's staging folder (what attempts that died before publishing left behind) and the driver's
         * copy of the shipped identity.
         */
        @Override
        public void close() throws IOException {
            identity.close();
            Path staging = tree.stagingDir();
            staging.getFileSystem(conf).delete(staging, true);
            Path parent = staging.getParent();
            FileSystem fs = parent.getFileSystem(conf);
            if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
                fs.delete(parent, false);
            }
        }
    }

    /** Everything the executors need, shipped once per run. */
    private record Job(String runId, MarkSettings settings, VerifySettings trust, String identityName, OutputTree tree,
                       FileListener listener) implements Serializable {

        /** The executor's context for this run: the trust settings plus the shipped identity. */
        SdkContext context() {
            try {
                return trust.toContext().toBuilder()
                        .identity(IdentityStore.load(java.nio.file.Path.of(SparkFiles.get(identityName)))).build();
            } catch (IOException e) {
                throw new UncheckedIOException("the identity shipped as " + identityName + " does not load: "
                        + e.getMessage(), e);
            }
        }
    }

    /** What runs in the executors: one partition of inputs to rows. */
    private static final class CopyPartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        private final Broadcast<Job> job;
        private final Broadcast<SerializableConfiguration> conf;
        private final CountAccumulator counts;
        private final InputColumns columns;

        CopyPartition(Broadcast<Job> job, Broadcast<SerializableConfiguration> conf, CountAccumulator counts,
                      InputColumns columns) {
            this.job = job;
            this.conf = conf;
            this.counts = counts;
            this.columns = columns;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> files) throws IOException {
            Job j = job.value();
            SdkContext context = ExecutorContexts.get("mark:" + j.runId(), j::context);
            // In Spark's own folder for this application (spark.local.dir), removed when the task ends, failed or not.
            WorkFolder work = WorkFolder.in(java.nio.file.Path.of(SparkFiles.getRootDirectory()), "spark");
            TaskContext task = TaskContext.get();
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> work.close());
            FileCopier copier = new FileCopier(j, context, conf.value().value(), work.path(), task.taskAttemptId());
            return new MappedIterator<>(files, row -> {
                Row result = copier.copy(row.getString(0), row.isNullAt(1) ? null : row.getLong(1),
                        columns.declaredAi(row), columns.contentId(row));
                counts.add(result.getString(3));
                return result;
            });
        }
    }

    /** One task's copier: marks each file in the task's local folder and publishes it. */
    private static final class FileCopier {
        private final Job job;
        private final SdkContext context;
        private final Configuration conf;
        private final java.nio.file.Path work;
        private final long attempt;
        private long seq;

        FileCopier(Job job, SdkContext context, Configuration conf, java.nio.file.Path work, long attempt) {
            this.job = job;
            this.context = context;
            this.conf = conf;
            this.work = work;
            this.attempt = attempt;
        }

        Row copy(String file, Long size, Boolean declaredAi, String contentId) throws IOException {
            CopyRows.Builder row = new CopyRows.Builder(file, size);
            job.listener().starting(file);
            Path source;
            try {
                source = OutputTree.qualify(HadoopFiles.path(file), conf);
            } catch (UnreadableInputException e) {
                return row.status(CopyStatus.UNREADABLE, e.getMessage());
            }
            Path target = job.tree().target(source);
            if (target == null) {
                return row.status(CopyStatus.REFUSED, file + " is not under the input folder " + job.tree().base());
            }
            row.output(target.toString());
            if (target.getFileSystem(conf).exists(target)) {
                return row.status(CopyStatus.EXISTING, null);
            }
            long n = seq++;
            java.nio.file.Path local;
            try {
                local = HadoopFiles.local(file, conf, work);
                row.size(Files.size(local));
            } catch (IOException e) {
                return row.status(CopyStatus.UNREADABLE, SparkVerifier.message(e));
            }
            java.nio.file.Path out = work.resolve("out-" + n + "-" + source.getName());
            try {
                CopyStatus unwritten;
                try {
                    unwritten = write(local, out, row, declaredAi, contentId, file, target);
                } catch (MarkRefusedException e) {
                    return row.status(CopyStatus.REFUSED, SparkVerifier.message(e));
                } catch (IOException e) {
                    return row.status(CopyStatus.UNREADABLE, SparkVerifier.message(e));
                } catch (RuntimeException e) {
                    return row.status(CopyStatus.FAILED, "internal error: " + e);
                }
                if (unwritten != null) {
                    return row.status(unwritten, "nothing points to AI generation and nothing was declared");
                }
                Path staging = job.tree().stagingFile(attempt, n, source.getName());
                boolean published = Publisher.publish(out, target, staging, conf,
                        () -> job.listener().staged(file, staging.toString()));
                return row.status(published ? CopyStatus.WRITTEN : CopyStatus.EXISTING, null);
            } finally {
                Files.deleteIfExists(out);
                if (local.startsWith(work)) {
                    Files.deleteIfExists(local);
                }
            }
        }

        /** Writes the marked copy to {@code out}; returns the status instead when nothing is to be written. */
        private CopyStatus write(java.nio.file.Path in, java.nio.file.Path out, CopyRows.Builder row, Boolean declaredAi,
                                 String contentId, String file, Path target) throws IOException {
            if (job.settings().mode() == MarkSettings.Mode.MARK) {
                MarkResult r = new Marker(context).mark(in, out, job.settings().intent(contentId));
                AigcLabel l = r.label();
                row.written(r.format(), l.label(), l.produceId(), null, r.sentences());
                return null;
            }
            PropagationResult r = new Propagator(context).propagate(in, out, job.settings().request(declaredAi, contentId));
            row.received(r.received(), file);
            if (!r.written()) {
                return CopyStatus.NOTHING_TO_WRITE;
            }
            MarkResult m = r.marked().orElseThrow();
            AigcLabel l = m.label();
            row.written(m.format(), l.label(), l.produceId(), l.propagateId(), m.sentences());
            r.result().ifPresent(report -> row.result(report, target.toString()));
            return null;
        }
    }
}
