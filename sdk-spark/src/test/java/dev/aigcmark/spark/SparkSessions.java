package dev.aigcmark.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The local-mode session every test class of the module shares (starting Spark costs seconds; one session per JVM
 * is what Spark expects anyway). Not stopped by the tests: Spark's own shutdown hook stops it when the fork exits.
 */
final class SparkSessions {
    private SparkSessions() {
    }

    static synchronized SparkSession local() {
        return SparkSession.builder().appName("aigc-spark tests")
                // local[2] with up to 3 attempts per task: plain local mode never retries a failed task.
                .master("local[2,3]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
