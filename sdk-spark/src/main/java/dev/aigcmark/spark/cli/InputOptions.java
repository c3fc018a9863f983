package dev.aigcmark.spark.cli;

import dev.aigcmark.spark.FileListing;
import dev.aigcmark.spark.Inputs;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The files a job works through and how they are split into tasks. */
final class InputOptions {

    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "A folder (read recursively), a glob or a file, on any Hadoop file system "
                    + "(hdfs://, s3a://, file:/...). Repeatable.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "LIST",
            description = "A text file naming one path or URI per line (blank lines skipped): the way to give tens of "
                    + "millions of files, since listing folders keeps every file's status in the driver. Repeatable.")
    List<String> lists = new ArrayList<>();

    @Option(names = "--partitions", paramLabel = "N", description = "Tasks to split the files into (default: one per "
            + "--files-per-partition files, at least two per core).")
    int partitions;

    @Option(names = "--files-per-partition", paramLabel = "N",
            description = "Files per task when --partitions is not given (default: ${DEFAULT-VALUE}).")
    int filesPerPartition = FileListing.DEFAULT_FILES_PER_PARTITION;

    Inputs inputs() {
        return new Inputs(paths, lists, partitions, filesPerPartition);
    }
}
