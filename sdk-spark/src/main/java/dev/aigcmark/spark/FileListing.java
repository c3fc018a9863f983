package dev.aigcmark.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

/**
 * The files a job works through, as a Dataset of {@code (file, size)}:
 * <ul>
 * <li>folders, globs and single files, listed by the driver through Hadoop's file system API (recursively; one
 * paged listing per folder tree on object stores), without reading any file. Not Spark's binary file source: its
 * scan drops empty files, and an empty upload must still get its UNREADABLE row. As with every Spark file source,
 * names starting with {@code _} or {@code .} below the given folder are skipped (a table's {@code _SUCCESS}, a
 * staging folder). The listing is held by the driver: fine for a million files, not for a hundred million;</li>
 * <li>file lists (one path or URI per line, blank lines skipped, as {@code aigc verify --files-from} reads them),
 * read as text and never held by the driver: the way to name tens of millions of files (an S3 inventory, an
 * {@code hdfs dfs -ls -R} listing). Their sizes are taken when each file is opened.</li>
 * </ul>
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
            files = spark.createDataFrame(listed(spark.sparkContext().hadoopConfiguration(), paths), SCHEMA);
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

    /** Every file under {@code paths} (folders, globs, files), qualified, with its size. */
    static List<Row> listed(Configuration conf, List<String> paths) {
        List<Row> rows = new ArrayList<>();
        for (String p : paths) {
            Path path = new Path(p);
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new IllegalArgumentException(p + ": no such file or folder");
                }
                for (FileStatus match : matches) {
                    if (match.isFile()) {
                        rows.add(RowFactory.create(match.getPath().toString(), match.getLen()));
                        continue;
                    }
                    int depth = match.getPath().depth();
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (!hiddenBelow(f.getPath(), depth)) {
                            rows.add(RowFactory.create(f.getPath().toString(), f.getLen()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Whether a name below the listed folder (at {@code depth}) starts with {@code _} or {@code .}. */
    private static boolean hiddenBelow(Path file, int depth) {
        for (Path p = file; p != null && p.depth() > depth; p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
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
