package dev.aigcmark.cli;

import dev.aigcmark.core.report.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** A bug anywhere below the top level: exit 70, one line on stderr, the stack trace only with --verbose. */
class InternalErrorTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("index 3 out of bounds\nsecond line");
        }
    }

    private static CliRun runWithBoom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = AigcCommand.commandLine(o, e);
        cl.addSubcommand(new Boom());
        // The streams reach only the subcommands present when they are set.
        cl.setOut(o);
        cl.setErr(e);
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void internalErrorIsOneLineWithoutStackTrace() {
        CliRun r = runWithBoom("boom");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("aigc: internal error: IllegalStateException: index 3 out of bounds\n")
                .doesNotContain("second line").doesNotContain("\tat ").contains("--verbose");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = runWithBoom("--verbose", "boom");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.err()).contains("\tat dev.aigcmark.cli.InternalErrorTest$Boom.call");
    }

    @Test
    void verboseIsAcceptedAfterTheSubcommandToo() {
        CliRun r = CliRun.run("formats", "--verbose");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }
}
