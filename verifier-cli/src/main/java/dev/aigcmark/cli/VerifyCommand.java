package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.ReportText;
import dev.aigcmark.core.report.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code aigc verify}: one report per file, a summary, and the worst exit code. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies every mark in files and folders (recursively, in sorted order).",
                "Prints one report per file and a summary; the exit code is the worst over all files."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Mixin
    TrustOptions trustOptions;

    @Mixin
    LimitOptions limitOptions;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders to verify.")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON document (schemaVersion, exitCode, summary, reports).")
    boolean json;

    @Option(names = "--require", split = ",", paramLabel = "label|c2pa|watermark",
            description = "Fail (exit 1) a file that lacks an intact mark of this kind. Repeatable.")
    List<Requirement> require = new ArrayList<>();

    @Override
    public Integer call() {
        SdkContext base = trustOptions.verificationContext(new Workspace(home.resolve(), spec.commandLine().getErr()));
        SdkContext context = base.toBuilder().limits(limitOptions.apply(base.limits(), false)).build();
        List<Path> files = InputFiles.expand(paths);
        Set<Requirement> required = require.isEmpty() ? Set.of() : EnumSet.copyOf(require);
        List<Requirement.Outcome> outcomes = verifyAll(new Verifier(context), files, required, threads(context.limits()));

        List<VerificationReport> reports = outcomes.stream().map(Requirement.Outcome::report).toList();
        // An empty folder found nothing to vouch for: "no marks", not "valid".
        int exit = files.isEmpty() ? ExitCodes.NO_MARKS
                : ExitCodes.worst(outcomes.stream().map(Requirement.Outcome::exitCode).toList());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(jsonDocument(outcomes, exit)));
        } else {
            reports.forEach(r -> out.print(ReportText.format(r)));
            out.println(summary(reports, exit));
        }
        return exit;
    }

    /**
     * Verifies the files on a few threads ({@link Verifier} is thread-safe) and returns the outcomes in
     * input order, so output stays deterministic.
     */
    private List<Requirement.Outcome> verifyAll(Verifier verifier, List<Path> files, Set<Requirement> required,
                                                int threads) {
        Progress progress = new Progress(spec.commandLine().getErr(), "verified", files.size());
        return Parallel.map(files, threads, file -> {
            Requirement.Outcome o = Requirement.apply(verifier.verify(file), required);
            progress.step();
            return o;
        });
    }

    /**
     * Up to four files at once: enough to overlap reading with parsing. Fewer when the heap could not hold
     * that many inputs at the in-memory limit (a handler may load a whole image or document), so a batch of
     * large files slows down instead of running out of memory.
     */
    private static int threads(ReadLimits limits) {
        long perFile = Math.max(1, limits.maxInMemoryBytes());
        return (int) Math.max(1, Math.min(4, Runtime.getRuntime().maxMemory() / perFile));
    }

    /**
     * The JSON document: ReportJson's shape (schemaVersion, exitCode, summary, reports), with each report's
     * exitCode after --require, so a file's code and the batch's code never disagree.
     */
    private static Map<String, Object> jsonDocument(List<Requirement.Outcome> outcomes, int exit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        m.put("exitCode", exit);
        m.put("summary", counts(outcomes.stream().map(Requirement.Outcome::report).toList()));
        m.put("reports", outcomes.stream().map(o -> {
            Map<String, Object> r = ReportJson.toMap(o.report());
            r.put("exitCode", o.exitCode());
            return r;
        }).toList());
        return m;
    }

    static Map<String, Integer> counts(List<VerificationReport> reports) {
        return ReportJson.summary(reports);
    }

    static String summary(List<VerificationReport> reports, int exit) {
        StringBuilder sb = new StringBuilder("summary: ").append(reports.size())
                .append(reports.size() == 1 ? " file" : " files");
        counts(reports).forEach((k, v) -> {
            if (v > 0) {
                sb.append(", ").append(v).append(' ').append(k);
            }
        });
        return sb.append("; exit ").append(exit).toString();
    }
}
