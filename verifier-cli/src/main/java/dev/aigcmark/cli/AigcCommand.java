package dev.aigcmark.cli;

import dev.aigcmark.core.io.OutputException;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code aigc} command: marks AI-generated content and verifies marks. stdout carries only the result;
 * messages and progress go to stderr. Exit codes are those of {@link ExitCodes}; this class is the only place
 * that calls {@link System#exit}, so every command can also run in-process (tests, embedding).
 * <p>
 * Its model is built in code, as {@code verify}'s is (see {@link OptionGroup}): a run of {@code aigc verify} reads
 * no picocli annotation. The other subcommands are annotated and get their shared option groups added here.
 */
public final class AigcCommand implements Callable<Integer> {
    /**
     * The subcommands' names, in the order help lists them. A run builds only the one it names: picocli reads every
     * option of every command it is given, which was a third of the CPU time of {@code aigc verify} on one small file.
     */
    private static final List<String> SUBCOMMANDS =
            List.of("mark", "propagate", "verify", "inspect", "keys", "serve", "formats", "demo", "help");

    /** A new subcommand: a switch rather than a map of constructor references, each of which is linked at start-up. */
    private static Object subcommand(String name) {
        return switch (name) {
            case "mark" -> new MarkCommand();
            case "propagate" -> new PropagateCommand();
            case "verify" -> new VerifyCommand().spec();
            case "inspect" -> new InspectCommand();
            case "keys" -> new KeysCommand();
            case "serve" -> new ServeCommand();
            case "formats" -> new FormatsCommand();
            case "demo" -> new DemoCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

    private AigcCommand() {
        spec.name("aigc").versionProvider(new BuildInfo.Provider());
        spec.usageMessage()
                .description("Marks AI-generated content (GB 45438 labels, C2PA, watermarks) and verifies such marks.")
                .footer("", "Exit codes: 0 valid, 1 verification failed, 2 usage error, 3 no marks found,",
                        "4 unreadable or unsupported input (or over a limit), 70 internal error,",
                        "73 the output could not be written (worst wins over several files).");
        OptionGroup.addStandardHelpOptions(spec);
        // Both are read before parsing (LibraryLogging, from main) or from the parse result (verboseRequested).
        spec.addOption(OptionSpec.builder("--verbose").type(boolean.class).scopeType(CommandLine.ScopeType.INHERIT)
                .description("Print stack traces of errors, and the libraries' warnings (--log-level warning).").build());
        spec.addOption(OptionSpec.builder("--log-level").type(LibraryLogging.Threshold.class)
                .scopeType(CommandLine.ScopeType.INHERIT).paramLabel("LEVEL")
                .description("What the libraries may log to stderr: ${COMPLETION-CANDIDATES} (default: off).").build());
    }

    public static void main(String[] args) {
        LibraryLogging.configure(args);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs one command line with the given streams and returns its exit code; never throws, never exits. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            // The first argument names the subcommand (options come after it); anything else (--help, --version,
            // a global option first, a misspelt command) gets every subcommand, so help and suggestions are whole.
            String only = args.length > 0 && SUBCOMMANDS.contains(args[0]) && !args[0].equals("help") ? args[0] : null;
            return commandLine(out, err, only).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line with every subcommand. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The configured command line: streams, usage errors as exit 2, every other failure mapped once, here; with
     * only the subcommand {@code only}, or every subcommand when it is null.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String only) {
        CommandLine cl = new CommandLine(new AigcCommand().spec);
        for (String name : SUBCOMMANDS) {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, subcommand(name));
            }
        }
        addOptionGroups(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(AigcCommand::usageError);
        cl.setExecutionExceptionHandler(AigcCommand::failure);
        return cl;
    }

    /** The shared option groups of the annotated commands, at every level (the keys subcommands carry one too). */
    private static void addOptionGroups(CommandLine cl) {
        if (cl.getCommand() instanceof OptionGroup.Carrier carrier) {
            for (OptionGroup group : carrier.optionGroups()) {
                group.addTo(cl.getCommandSpec());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            addOptionGroups(sub);
        }
    }

    /** Without a subcommand there is nothing to do: say how to start, as a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("aigc: a command is needed. Start with 'aigc demo', or see 'aigc --help'.");
        return ExitCodes.USAGE;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("aigc: " + e.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code;
        String message;
        if (e instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (e instanceof UnreadableInputException) {
            code = ExitCodes.UNREADABLE;
            message = e.getMessage();
        } else if (e instanceof OutputException) {
            code = ExitCodes.OUTPUT;
            message = e.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        err.println("aigc: " + firstLine(message));
        if (verboseRequested(parsed)) {
            e.printStackTrace(err);
        } else if (code == ExitCodes.INTERNAL) {
            err.println("(run again with --verbose for the stack trace)");
        }
        return code;
    }

    /** --verbose is inherited by every subcommand; look for it along the chain that was parsed. */
    private static boolean verboseRequested(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
