package dev.aigcmark.spark.cli;

import dev.aigcmark.core.label.ExplicitLabelWording;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.spark.MarkSettings;
import dev.aigcmark.spark.VerifySettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code aigc-spark mark}: a marked copy of every file, as {@code aigc mark} makes one. */
@Command(name = "mark", mixinStandardHelpOptions = true,
        description = {"Marks every file as AI-generated (signed GB 45438 label, visible label, watermark, C2PA) into",
                "copies under the output prefix; copies already there are kept, so a re-run does only what is missing."})
final class MarkSparkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CopyOptions copy;

    @Option(names = "--label", paramLabel = "1|2|3", description = "Label value: 1 AI-generated (default), 2 possibly, 3 suspected.")
    String label = "1";

    @Option(names = "--producer", paramLabel = "CODE", description = "Provider code to write (default: the identity's).")
    String producer;

    @ArgGroup(exclusive = true)
    Explicit explicit = new Explicit();

    static final class Explicit {
        @Option(names = "--explicit", paramLabel = "TEXT", description = "Visible label wording (default: AI生成).")
        String text;

        @Option(names = "--no-explicit", description = "No visible label.")
        boolean none;
    }

    @Option(names = "--placement", paramLabel = "WHERE", description = "Where the visible label goes (format-specific).")
    String placement;

    @Option(names = "--watermark", negatable = true, description = "Embed the invisible watermark (default: on).")
    boolean watermark = true;

    @Option(names = "--c2pa", description = "Also embed a signed C2PA manifest.")
    boolean c2pa;

    @Option(names = "--relabel", description = "Replace a label another producer wrote (only when entitled to).")
    boolean relabel;

    @Option(names = "--digital-source-type", paramLabel = "URI", description = "IPTC digital source type written beside the label.")
    String digitalSourceType;

    @Override
    public Integer call() throws IOException {
        MarkSettings.Builder b = MarkSettings.mark()
                .label(LabelValue.fromCode(label.trim()).orElseThrow(() ->
                        new IllegalArgumentException("--label " + label + ": 1, 2 or 3")))
                .providerCode(producer).placement(placement).watermark(watermark).c2pa(c2pa).relabel(relabel)
                .explicitLabel(explicit.none ? null : explicit.text != null ? explicit.text : ExplicitLabelWording.DEFAULT);
        if (digitalSourceType != null) {
            b.digitalSourceType(digitalSourceType);
        }
        return copy.run("mark", b.build(), VerifySettings.builder().limits(LimitOptions.read(spec, true)).build(), spec.commandLine().getOut());
    }
}
