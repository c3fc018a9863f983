package dev.aigcmark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code aigc} in-process and captures what a shell would see: exit code, stdout, stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AigcCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), withoutWallDeadline(args));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * {@code verify} and {@code inspect} as tests run them: without the per-file wall-clock deadline (as
     * {@code TestContexts}), unless the test sets a time limit itself. These tests compare reports; on a loaded
     * machine the wall clock alone could turn one into {@code asset.timeout}. The CPU-time limit stays.
     */
    static String[] withoutWallDeadline(String... args) {
        boolean timed = Arrays.stream(args).anyMatch(a -> a.startsWith("--wall-timeout") || a.startsWith("--timeout")
                || a.startsWith("--cpu-timeout"));
        if (args.length == 0 || timed || !List.of("verify", "inspect").contains(args[0])) {
            return args;
        }
        List<String> lifted = new ArrayList<>(Arrays.asList(args));
        lifted.addAll(1, List.of("--wall-timeout", "24h"));
        return lifted.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
