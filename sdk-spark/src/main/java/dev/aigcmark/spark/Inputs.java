package dev.aigcmark.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.List;

/**
 * The files a job is given: folders, globs or files ({@code paths}) and file lists ({@code lists}), spread over
 * {@code partitions} tasks, or one task per {@code filesPerPartition} files when that is 0.
 */
public record Inputs(List<String> paths, List<String> lists, int partitions, int filesPerPartition) {

    public Inputs {
        paths = List.copyOf(paths);
        lists = List.copyOf(lists);
        if (paths.isEmpty() && lists.isEmpty()) {
            throw new IllegalArgumentException("give input paths or file lists");
        }
        if (partitions < 0 || filesPerPartition <= 0) {
            throw new IllegalArgumentException("partitions must be 0 (automatic) or more, files per partition 1 or more");
        }
    }

    public static Inputs of(List<String> paths, List<String> lists) {
        return new Inputs(paths, lists, 0, FileListing.DEFAULT_FILES_PER_PARTITION);
    }

    /**
     * Lists, counts and orders the files ({@link FileListing#ordered}). The listing is cached for the count, the
     * range sampling and the shuffle, so a folder is listed once; close the result to release it.
     */
    public Listed list(SparkSession spark) {
        Dataset<Row> listing = FileListing.list(spark, paths, lists).persist(StorageLevel.MEMORY_AND_DISK());
        long count = listing.count();
        int n = partitions > 0 ? partitions
                : FileListing.partitionsFor(count, spark.sparkContext().defaultParallelism(), filesPerPartition);
        return new Listed(FileListing.ordered(listing, n), count, n, listing);
    }

    /** The ordered files of a job, how many, and over how many partitions. */
    public record Listed(Dataset<Row> files, long count, int partitions, Dataset<Row> cached) implements AutoCloseable {
        @Override
        public void close() {
            cached.unpersist();
        }
    }
}
