package dev.aigcmark.spark.cli;

import dev.aigcmark.core.report.ExitCodes;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code aigc-spark}: the SDK's batch commands as Spark jobs, for {@code spark-submit}. stdout carries only the
 * result (one JSON line); Spark logs to stderr. Exit codes as {@code aigc}'s: 0 done, 2 usage error, 70 the job
 * failed; {@code verify --exit-code} exits with the worst file's code instead. The only class of the module that
 * prints or exits.
 */
@Command(name = "aigc-spark", mixinStandardHelpOptions = true,
        description = {"Verifies, marks and propagates archives of files on Apache Spark (any Hadoop file system).",
                "Submit with: spark-submit --class " + "dev.aigcmark.spark.cli.AigcSparkCommand aigc-spark.jar COMMAND ..."},
        subcommands = {VerifySparkCommand.class, MarkSparkCommand.class, PropagateSparkCommand.class,
                CommandLine.HelpCommand.class})
public final class AigcSparkCommand implements Callable<Integer> {

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(out, err, args);
        } finally {
            SparkSession.getActiveSession().foreach(s -> {
                s.stop();
                return null;
            });
        }
        System.exit(code);
    }

    /** Runs a command on the active SparkSession (or a new one: the master from spark-submit, else local). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new AigcSparkCommand());
        for (String job : new String[]{"verify", "mark", "propagate"}) {
            LimitOptions.addTo(cl.getSubcommands().get(job).getCommandSpec());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("aigc-spark: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            commandLine.getErr().println("aigc-spark: the job failed: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }

    /** The session a command runs in: the active one, else one configured by spark-submit, else local mode. */
    static SparkSession session(String command) {
        SparkSession.Builder builder = SparkSession.builder().appName("aigc-spark " + command);
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command: verify, mark or propagate");
    }
}
