package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paReader;
import dev.aigcmark.core.internal.c2pa.CrJsonWriter;
import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.ReportText;
import dev.aigcmark.core.report.Requirement;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code aigc verify}: one report per file, a summary, and the worst exit code. Files stream through in a fixed
 * order (arguments as given, folders sorted, lists line by line) on a few threads; text and JSON Lines output is
 * written as each report is ready, so memory stays flat over any number of files. A file that fails is a report
 * like any other: the batch goes on.
 * <p>
 * The model is built in code, not read from annotations: this is the command a platform starts once per file, and
 * annotation reflection (a proxy class generated per annotation type, every member scanned) was the largest part of
 * its start-up.
 */
final class VerifyCommand implements Callable<Integer> {

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private final HomeOption home = new HomeOption();

    private final TrustOptions trustOptions = new TrustOptions();

    private final LimitOptions limitOptions = new LimitOptions();

    private final VideoCodecOption codec = new VideoCodecOption();

    private final PositionalParamSpec paths = PositionalParamSpec.builder().arity("0..*").paramLabel("FILE|DIR|-")
            .type(List.class).auxiliaryTypes(Path.class)
            .description("Files or folders to verify; '-' reads a list of paths (one per line) from standard input.")
            .build();

    private final OptionSpec filesFrom = OptionSpec.builder("--files-from").paramLabel("LIST|-").type(Path.class)
            .description("Also verify the files listed in LIST, one path per line ('-': standard input).").build();

    private final OptionSpec format = OptionSpec.builder("--format").paramLabel("text|json|jsonl|crjson")
            .type(OutputFormat.class).description("Output: text (default), json (one document), jsonl (one report per "
                    + "line as it is ready, then a summary line), crjson (C2PA's crJSON report of each file, one per line).")
            .build();

    private final OptionSpec json = flag("--json", "Same as --format json.");

    private final OptionSpec jsonl = flag("--jsonl", "Same as --format jsonl.");

    private final OptionSpec fetchRemoteManifests = flag("--fetch-remote-manifests", "Fetch a C2PA manifest a file only "
            + "references (XMP dcterms:provenance) over http(s), bounded in time and size.", "Off by default: such a "
            + "manifest is reported manifest.inaccessible and nothing leaves this machine.");

    private final OptionSpec require = OptionSpec.builder("--require").splitRegex(",").paramLabel("label|c2pa|watermark")
            .type(List.class).auxiliaryTypes(Requirement.class)
            .description("Fail (exit 1) a file that lacks an intact mark of this kind. Repeatable.").build();

    VerifyCommand() {
        spec.name("verify").usageMessage().description(
                "Verifies every mark in files and folders (recursively, in sorted order) or in a list of files.",
                "Prints one report per file and a summary; the exit code is the worst over all files.");
        OptionGroup.addStandardHelpOptions(spec);
        for (OptionGroup group : List.of(home, trustOptions, limitOptions, codec)) {
            group.addTo(spec);
        }
        spec.addPositional(paths);
        for (OptionSpec o : List.of(filesFrom, format, json, jsonl, fetchRemoteManifests, require)) {
            spec.addOption(o);
        }
    }

    private static OptionSpec flag(String name, String... description) {
        return OptionSpec.builder(name).type(boolean.class).description(description).build();
    }

    /** The model picocli parses into: what {@link AigcCommand} adds as the {@code verify} subcommand. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        OutputFormat output = outputFormat();
        List<Path> paths = OptionGroup.values(this.paths);
        Path filesFrom = this.filesFrom.getValue();
        List<Requirement> require = OptionGroup.values(this.require);
        if (paths.isEmpty() && filesFrom == null) {
            throw CliException.usage("give files or folders to verify, '-' or --files-from LIST");
        }
        Workspace workspace = new Workspace(home.resolve(), spec.commandLine().getErr());
        SdkContext base = trustOptions.verificationContext(workspace);
        SdkContext context = codec.apply(base.toBuilder().limits(limitOptions.apply(base.limits(), false)).build(), null, null)
                .toBuilder().fetchRemoteManifests(isSet(fetchRemoteManifests)).build();
        Set<Requirement> required = require.isEmpty() ? Set.of() : EnumSet.copyOf(require);
        Verifier verifier = new Verifier(context);
        Iterator<Path> files = InputFiles.iterate(paths, filesFrom);
        PrintWriter out = spec.commandLine().getOut();
        BatchSummary summary = new BatchSummary();
        List<Integer> worst = new ArrayList<>(List.of(ExitCodes.VALID));
        List<Map<String, Object>> held = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getErr(), "verified");
        C2paReader c2pa = output == OutputFormat.CRJSON ? new C2paReader(context) : null; // Jackson only for crJSON
        Parallel.forEachOrdered(files, threads(context.limits()),
                file -> new Verified(Requirement.apply(verifier.verify(file), required),
                        output == OutputFormat.CRJSON ? crJson(c2pa, file) : null),
                verified -> {
                    Requirement.Outcome outcome = verified.outcome();
                    summary.add(outcome.report());
                    worst.set(0, ExitCodes.worst(List.of(worst.get(0), outcome.exitCode())));
                    switch (output) {
                        case TEXT -> out.print(ReportText.format(outcome.report()));
                        case JSON -> held.add(outcome.toMap());
                        case JSONL -> out.println(ReportJson.toJsonLine(outcome.toMap()));
                        case CRJSON -> out.println(verified.crJson().toString());
                    }
                    progress.step();
                });
        // An empty folder or list found nothing to vouch for: "no marks", not "valid".
        int exit = summary.files() == 0 ? ExitCodes.NO_MARKS : worst.get(0);
        Optional<CliException> identity = workspace.ownEntryFailure();
        if (identity.isPresent()) {
            spec.commandLine().getErr().println("aigc: " + identity.get().getMessage()
                    + " (marks that needed this platform's own trust entry could not be checked)");
            exit = ExitCodes.worst(List.of(exit, identity.get().exitCode()));
        }
        switch (output) {
            case TEXT -> out.println(summaryLine(summary, exit));
            case JSON -> out.println(ReportJson.toJson(ReportJson.batchDocument(held, summary, exit)));
            case JSONL -> out.println(ReportJson.toJsonLine(ReportJson.batchSummaryRecord(summary, exit)));
            case CRJSON -> {
                // crJSON has no batch form: the documents are the output, the exit code the verdict
            }
        }
        out.flush();
        return exit;
    }

    private static boolean isSet(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }

    private OutputFormat outputFormat() {
        OutputFormat format = this.format.getValue();
        boolean json = isSet(this.json);
        boolean jsonl = isSet(this.jsonl);
        int given = (format != null ? 1 : 0) + (json ? 1 : 0) + (jsonl ? 1 : 0);
        if (given > 1) {
            throw CliException.usage("give one output format: --format, --json or --jsonl");
        }
        return json ? OutputFormat.JSON : jsonl ? OutputFormat.JSONL : format != null ? format : OutputFormat.TEXT;
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

    /** One file verified, with its crJSON when that is the output. */
    private record Verified(Requirement.Outcome outcome, ObjectNode crJson) {
    }

    /**
     * The crJSON of {@code file}, naming the file in {@code extras:source}; a file that cannot be read gives a
     * document without manifests and the reason in {@code extras:error}.
     */
    static ObjectNode crJson(C2paReader reader, Path file) {
        ObjectNode doc;
        try {
            doc = reader.crJson(file);
        } catch (IOException | RuntimeException e) {
            doc = CrJsonWriter.write(List.of());
            doc.put("extras:error", String.valueOf(e.getMessage()));
        }
        doc.put("extras:source", file.toString());
        return doc;
    }

    static String summaryLine(BatchSummary summary, int exit) {
        StringBuilder sb = new StringBuilder("summary: ").append(summary.files())
                .append(summary.files() == 1 ? " file" : " files");
        for (String state : List.of("NONE", "INVALID", "VALID", "TRUSTED", "UNREADABLE")) {
            if (summary.count(state) > 0) {
                sb.append(", ").append(summary.count(state)).append(' ').append(state);
            }
        }
        return sb.append("; exit ").append(exit).toString();
    }
}
