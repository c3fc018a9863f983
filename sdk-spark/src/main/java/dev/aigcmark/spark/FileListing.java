package dev.aigcmark.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

/**
 * The files a job works through, as a Dataset of {@code (file, size)}:
 * <ul>
 * <li>folders, globs and single files through Spark's binary file source, recursively, selecting only the path
 * and the length: the source's {@code content} column (the whole file as one byte array, capped at 2 GB) is never
 * read, so listing costs no file reads at all, and the executors stream each file when they verify it;</li>
 * <li>file lists (one path or URI per line, blank lines skipped, as {@code aigc verify --files-from} reads them),
 * read as text and never held by the driver: the way to name tens of millions of files (an S3 inventory, an
 * {@code hdfs dfs -ls -R} listing), since the binary file source keeps every listed file's status in the driver's
 * memory. Their sizes are taken when each file is opened.</li>
 * </ul>
 * Like every Spark file source, folder listing skips names starting with {@code _} or {@code .} (name such files
 * in a list).
 */
public final class FileListing {

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("size", DataTypes.LongType, true)});

    /** Files per partition when none is given: a task of minutes, not hours, so a retry repeats little work. */
    public static final int DEFAULT_FILES_PER_PARTITION = 1000;

    private FileListing() {
    }

    /** The files under {@code paths} and those named in {@code lists}, unordered. */
    public static Dataset<Row> list(SparkSession spark, List<String> paths, List<String> lists) {
        Dataset<Row> files = null;
        if (!paths.isEmpty()) {
            files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                    .load(paths.toArray(new String[0]))
                    .select(col("path").as("file"), col("length").as("size"));
        }
        if (!lists.isEmpty()) {
            Column line = regexp_replace(col("value"), "^\\s+|\\s+$", "");
            Dataset<Row> named = spark.read().text(lists.toArray(new String[0]))
                    .select(line.as("file")).where(col("file").notEqual(""))
                    .select(col("file"), lit(null).cast(DataTypes.LongType).as("size"));
            files = files == null ? named : files.unionByName(named);
        }
        if (files == null) {
            throw new IllegalArgumentException("no input: give paths or file lists");
        }
        return files;
    }

    /**
     * The files in contiguous ranges of paths, one range per partition, each sorted: tasks then see files in path
     * order, and a table written from them has its part files in path order with sorted rows inside, the same on
     * every run. Only {@code (file, size)} rows are shuffled for this, before any file is read.
     */
    public static Dataset<Row> ordered(Dataset<Row> files, int partitions) {
        return files.repartitionByRange(partitions, col("file")).sortWithinPartitions(col("file"));
    }

    /**
     * How many partitions for {@code count} files: {@code filesPerPartition} each, and at least two per core so
     * the cluster stays busy while the slowest tasks finish.
     */
    public static int partitionsFor(long count, int defaultParallelism, int filesPerPartition) {
        long bySize = (count + filesPerPartition - 1) / Math.max(1, filesPerPartition);
        long partitions = Math.max(bySize, 2L * Math.max(1, defaultParallelism));
        return (int) Math.max(1, Math.min(Math.min(partitions, Math.max(1, count)), Integer.MAX_VALUE));
    }
}
