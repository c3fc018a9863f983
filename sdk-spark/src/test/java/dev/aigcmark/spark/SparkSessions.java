package dev.aigcmark.spark;

import org.apache.spark.sql.SparkSession;

/** The local-mode session of a test class: two worker threads, a failed task retried up to twice. */
final class SparkSessions {
    private SparkSessions() {
    }

    static SparkSession local(String name) {
        return SparkSession.builder().appName(name)
                // local[2] with up to 3 attempts per task: plain local mode never retries a failed task.
                .master("local[2,3]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
