package dev.aigcmark.cli;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportText;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code aigc demo}: the whole job on sample content. Makes one sample per format a loaded handler can write,
 * marks each on defaults with this machine's identity (a development identity, created on first use),
 * verifies what was written and prints the reports. Exit 0 only when every marked sample verified.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Makes sample content (Markdown, and images, PDF, video... when their formats are loaded),",
                "marks it with the development identity, verifies it and prints the reports."})
final class DemoCommand implements Callable<Integer>, OptionGroup.Carrier {

    @Spec
    CommandSpec spec;

    final HomeOption home = new HomeOption();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder for the samples (default: a new temporary folder, kept for you to look at).")
    Path dir;

    @Override
    public List<OptionGroup> optionGroups() {
        return List.of(home);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = new Workspace(home.resolve(), err);
        PlatformIdentity identity = workspace.identity();
        SdkContext markContext = SdkContext.builder().identity(identity).build();
        SdkContext verifyContext = workspace.verificationContext(List.of(), List.of());

        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("aigc-demo-");
        Path originals = Files.createDirectories(base.resolve("original"));
        Path marked = Files.createDirectories(base.resolve("marked"));
        out.println("identity: " + identity.id() + " (" + identity.displayName() + "), provider code "
                + identity.providerCode() + (identity.development() ? ", development identity, not trusted" : "")
                + "; keys in " + workspace.home());
        out.println();

        List<Integer> codes = new ArrayList<>();
        for (DemoSamples sample : DemoSamples.all()) {
            Optional<FormatHandler> claimant = writableHandlerFor(markContext, sample);
            if (claimant.isEmpty() && sample != DemoSamples.MARKDOWN) {
                err.println("demo: skipping " + sample.fileName() + ": no loaded format handler writes ." + sample.extension());
                continue;
            }
            Path original = originals.resolve(sample.fileName());
            Path result = marked.resolve(sample.fileName());
            codes.add(markAndVerify(sample, original, result, markContext, verifyContext, out, err));
        }
        int exit = codes.stream().allMatch(c -> c == ExitCodes.VALID) ? ExitCodes.VALID
                : ExitCodes.worst(codes.stream().map(c -> c == ExitCodes.NO_MARKS ? ExitCodes.FAILED : c).toList());
        long ok = codes.stream().filter(c -> c == ExitCodes.VALID).count();
        out.println("demo: " + ok + " of " + codes.size() + " samples marked and verified"
                + (identity.development() ? " (development identity, not trusted)" : "")
                + "; files in " + base);
        return exit;
    }

    /** One sample: make it, mark it, verify the marked copy. A failure is reported and counted, never thrown. */
    private int markAndVerify(DemoSamples sample, Path original, Path result, SdkContext markContext,
                              SdkContext verifyContext, PrintWriter out, PrintWriter err) {
        try {
            sample.write(original);
            MarkResult r = new Marker(markContext).mark(original, result, MarkIntent.builder().build());
            out.println("marked " + result + " (" + r.format() + "): " + String.join("; ", r.sentences()));
        } catch (IOException | RuntimeException e) {
            out.println(original + ": NOT MARKED: " + e.getMessage());
            err.println("demo: marking " + sample.fileName() + " failed: " + e);
            return ExitCodes.FAILED;
        }
        VerificationReport report = new Verifier(verifyContext).verify(result);
        out.print(ReportText.format(report));
        out.println();
        return ExitCodes.forReport(report);
    }

    /**
     * The handler that would take this sample, if one claims its extension and can write it. Sniffing decides
     * for real after the file exists; this check only avoids making samples nobody can mark.
     */
    private static Optional<FormatHandler> writableHandlerFor(SdkContext context, DemoSamples sample) {
        return context.handlers().stream()
                .filter(h -> h.extensions().contains(sample.extension()))
                .filter(h -> h instanceof LabelWriter || h instanceof ContentMarker || h instanceof C2paEmbedding)
                .findFirst();
    }
}
