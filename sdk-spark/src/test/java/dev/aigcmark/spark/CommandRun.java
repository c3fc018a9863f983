package dev.aigcmark.spark;

import dev.aigcmark.spark.cli.AigcSparkCommand;

import java.io.PrintWriter;
import java.io.StringWriter;

/** {@code aigc-spark} run in-process on the test's session: exit code, stdout, stderr. */
record CommandRun(int code, String out, String err) {
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AigcSparkCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
