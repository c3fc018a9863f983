package dev.aigcmark.cli;

import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.PropagationRequest;
import dev.aigcmark.core.PropagationResult;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.Propagator;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.PlatformVerdict;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.ReportText;
import dev.aigcmark.core.report.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code aigc propagate}: what an upload pipeline does with a file it is about to spread (Measures Art. 6). Reads
 * the marks, decides the Label from them and the uploader's declaration, keeps the producer's fields and
 * signature, writes this platform's propagation fields (signed) and prints the verdict with the prompt to display.
 */
@Command(name = "propagate", mixinStandardHelpOptions = true,
        description = {"Re-publishes a file as this platform (Measures Art. 6): decides the Label from its marks and the",
                "uploader's declaration, keeps the producer's fields and signature, writes ContentPropagator,",
                "PropagateID and a signed ReservedCode2, and prints the verdict and the prompt to display.",
                "Exit 0 written, 1 written but the received marks failed verification, 3 nothing points to AI",
                "(nothing written), 4 unreadable."})
final class PropagateCommand implements Callable<Integer>, OptionGroup.Carrier {

    @Spec
    CommandSpec spec;

    final HomeOption home = new HomeOption();

    @Mixin
    SigningOptions signing;

    final TrustOptions trustOptions = new TrustOptions();

    /** Propagating may re-encode (a visible prompt or watermark on a video): marking's time limits apply. */
    final LimitOptions limitOptions = new LimitOptions();

    @Parameters(index = "0", paramLabel = "IN", description = "The uploaded file.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the propagated file.")
    Path output;

    @Option(names = "--declared-ai", description = "The uploader declared the content AI-generated.")
    boolean declaredAi;

    @Option(names = "--propagate-id", paramLabel = "ID", description = "This platform's id for the content (default: a new random id).")
    String propagateId;

    @Option(names = "--propagator", paramLabel = "CODE",
            description = "Provider code written as ContentPropagator (default: the identity's).")
    String propagatorCode;

    @Option(names = "--visible-prompt", description = "Also draw the prompt into the content as its visible label.")
    boolean visiblePrompt;

    @Option(names = "--watermark", description = "Also add this platform's watermark (its payload links to the PropagateID).")
    boolean watermark;

    @Option(names = "--json", description = "Print JSON: the verdict, what was written and the report of the output.")
    boolean json;

    @Override
    public List<OptionGroup> optionGroups() {
        return List.of(home, trustOptions, limitOptions);
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw CliException.unreadable(input + (Files.exists(input) ? ": not a regular file" : ": no such file"), null);
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw CliException.usage("OUT is the input file: give another -o");
        }
        PropagationRequest request;
        try {
            request = new PropagationRequest(declaredAi, propagateId == null ? null : PropagateId.of(propagateId),
                    visiblePrompt, watermark);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        Workspace workspace = new Workspace(home.resolve(), spec.commandLine().getErr());
        SdkContext verifying = trustOptions.verificationContext(workspace);
        SdkContext context = verifying.toBuilder().identity(signing.identity(workspace, propagatorCode))
                .limits(limitOptions.apply(verifying.limits(), true)).build();
        PropagationResult result;
        try {
            result = new Propagator(context).propagate(input, output, request);
        } catch (UnreadableInputException e) {
            throw CliException.unreadable(e.getMessage(), e);
        } catch (MarkRefusedException e) {
            throw new CliException(ExitCodes.FAILED, "not propagated: " + e.getMessage(), e);
        }
        int exit = result.exitCode();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(toJson(result, output, exit)));
        } else {
            print(out, result);
        }
        return exit;
    }

    private void print(PrintWriter out, PropagationResult r) {
        if (r.verdict().isEmpty()) {
            out.println(input + ": nothing points to AI generation and nothing was declared; nothing written");
            out.print(ReportText.format(r.received()));
            return;
        }
        PlatformVerdict v = r.verdict().get();
        out.println("verdict: Label " + v.label().code() + " = " + v.label().description() + " (" + v.basis() + ")");
        out.println("display: " + v.prompt().zh() + " / " + v.prompt().en());
        AigcLabel l = r.marked().orElseThrow().label();
        out.println("wrote " + output + " (" + r.marked().get().format() + ")");
        out.println("  Label " + l.label() + ", ContentProducer " + l.contentProducer() + ", ProduceID " + l.produceId());
        out.println("  ContentPropagator " + l.contentPropagator() + ", PropagateID " + l.propagateId());
        r.marked().get().sentences().forEach(s -> out.println("  " + s));
        out.print(ReportText.format(r.result().orElseThrow()));
    }

    private static Map<String, Object> toJson(PropagationResult r, Path output, int exit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("exitCode", exit);
        m.put("verdict", r.verdict().map(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("label", v.label().code());
            vm.putAll(ReportJson.prompt(v));
            return vm;
        }).orElse(null));
        m.put("written", r.written());
        m.put("output", r.written() ? output.toString() : null);
        m.put("steps", r.marked().map(MarkResult::sentences).orElse(List.of()));
        m.put("received", ReportJson.toMap(r.received()));
        m.put("report", r.result().map(ReportJson::toMap).orElse(null));
        return m;
    }
}
