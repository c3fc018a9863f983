package dev.aigcmark.spark.cli;

import dev.aigcmark.spark.MarkSettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code aigc-spark propagate}: what {@code aigc propagate} does to one upload, to every file. */
@Command(name = "propagate", mixinStandardHelpOptions = true,
        description = {"Re-publishes every file as this platform (Measures Art. 6): decides each Label from the file's",
                "marks, keeps the producer's fields, writes this platform's propagation fields into copies under the",
                "output prefix. Files with no sign of AI generation are not copied (NOTHING_TO_WRITE)."})
final class PropagateSparkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CopyOptions copy;

    @Mixin
    TrustFileOptions trust;

    @Option(names = "--declared-ai", description = "The uploaders declared every file AI-generated.")
    boolean declaredAi;

    @Option(names = "--visible-prompt", description = "Also draw the prompt into the content as its visible label.")
    boolean visiblePrompt;

    @Option(names = "--watermark", description = "Also add this platform's watermark (its payload links to the PropagateID).")
    boolean watermark;

    @Override
    public Integer call() throws IOException {
        MarkSettings settings = MarkSettings.propagate().declaredAi(declaredAi).visiblePrompt(visiblePrompt)
                .watermark(watermark).build();
        SparkSession spark = AigcSparkCommand.session("propagate");
        return copy.run("propagate", settings, trust.settings(spark.sparkContext().hadoopConfiguration(),
                        LimitOptions.read(spec, true)),
                spec.commandLine().getOut());
    }
}
