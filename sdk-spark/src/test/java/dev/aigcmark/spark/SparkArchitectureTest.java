package dev.aigcmark.spark;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.aigcmark.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printing and environment rules for the Spark module (verifier-cli's ArchitectureTest covers the others).
 * AigcSparkCommand is a command-line program: spark-submit runs its main, whose stdout is the job's result line
 * and whose exit code the scheduler reads, so it, and only it, may print and exit. The Spark jobs it starts run
 * inside executors, where printing would go to a worker's log and an exit would kill the executor.
 */
class SparkArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("dev.aigcmark.spark");
    private static final List<String> COMMAND_LINE = List.of("dev.aigcmark.spark.cli.AigcSparkCommand");

    @Test
    void onlyTheSparkSubmitEntryPointPrintsOrExits() {
        assertThat(CLASSES.contain("dev.aigcmark.spark.cli.AigcSparkCommand")).isTrue();
        assertThat(CLASSES.contain(SparkVerifier.class)).isTrue();
        ArchitectureRules.noPrintingOrExiting(List.of(), COMMAND_LINE).check(CLASSES);
    }

    @Test
    void nothingReadsTheEnvironment() {
        ArchitectureRules.noEnvironment(List.of(), List.of()).check(CLASSES);
    }
}
