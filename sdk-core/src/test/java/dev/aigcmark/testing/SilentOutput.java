package dev.aigcmark.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.logging.Logger;

/**
 * Every Jazzer harness runs its input through {@link #require}: the code under test printing anything on
 * {@code System.err} or {@code System.out} for an input is a finding, as an exception is (docs/fuzzing.md). A
 * library embedded in an upload pipeline must not write into its host's logs, and the fuzzers found exactly such
 * noise three times (the JDK's XML parser printing "[Fatal Error] ..."), each time by someone grepping a passing
 * run's log; with this the run stops on the input and keeps it.
 *
 * <p>The standard streams are replaced once, for the life of the JVM, by streams that pass everything through to
 * the ones they replace except while an input runs, when they hold it for the check. Replacing them for good (not
 * per input) matters: code that keeps the {@code System.err} it found, as a logging handler does, still reaches
 * the check on later inputs instead of a stream nobody reads. Library logging through java.util.logging is not
 * printing by the code: its handler is the host's to configure (the CLI silences it), so the root handlers are
 * made, on the real streams, before ours go in. Nor is the fuzzer's own talk: Jazzer's agent instruments a class the
 * first time an input loads it and says so ("INFO: Instrumented ...") on stderr from inside that class load, so a
 * write with a Jazzer frame above the harness's {@code require} passes through (session 16's first fuzzing run
 * stopped on exactly that).
 */
public final class SilentOutput {
    /** How much of what was printed the failure quotes (bytes). */
    private static final int QUOTED = 2000;
    private static final Switch ERR;
    private static final Switch OUT;

    static {
        Logger.getLogger("").getHandlers(); // java.util.logging's console handler binds to the real System.err
        ERR = new Switch(System.err);
        OUT = new Switch(System.out);
        System.setErr(ERR.stream());
        System.setOut(OUT.stream());
    }

    private SilentOutput() {
    }

    /**
     * Runs {@code harness} and fails with an AssertionError quoting what it printed on either standard stream, if
     * anything; an exception it throws leaves as it is (with the printed text attached as suppressed).
     */
    public static void require(Runnable harness) {
        ERR.hold();
        OUT.hold();
        Throwable thrown = null;
        try {
            harness.run();
        } catch (Throwable e) { // a harness may sneak a checked exception out: it must keep its place too
            thrown = e;
            throw e;
        } finally {
            String printed = quoted("System.err", ERR.release()) + quoted("System.out", OUT.release());
            if (!printed.isEmpty()) {
                AssertionError noise = new AssertionError("the code under test printed for this input (a library"
                        + " must not write to the standard streams):" + printed);
                if (thrown == null) {
                    throw noise;
                }
                thrown.addSuppressed(noise);
            }
        }
    }

    private static String quoted(String stream, String text) {
        return text.isEmpty() ? "" : "\n" + stream + ":\n" + text;
    }

    /**
     * Passes bytes to the stream it replaced, or holds them while an input runs. Holding keeps only the first
     * {@link #QUOTED} bytes and counts the rest: an input that floods the stream (issue 11's 132 MB of jcodec
     * lines) must end as a finding, not as an OutOfMemoryError. A {@code require} inside another one holds into
     * the outer's buffer, so the outer input still sees what the inner printed.
     */
    private static final class Switch extends OutputStream {
        private final PrintStream original;
        private ByteArrayOutputStream held;
        private long heldBytes;
        private int depth;

        Switch(PrintStream original) {
            this.original = original;
        }

        PrintStream stream() {
            return new PrintStream(this, true, Charset.defaultCharset());
        }

        synchronized void hold() {
            if (depth++ == 0) {
                held = new ByteArrayOutputStream();
                heldBytes = 0;
            }
        }

        /** Stops holding (the outermost release); returns what was held, decoded as it was encoded. */
        synchronized String release() {
            if (depth == 0 || --depth > 0) {
                return "";
            }
            String text = held.toString(Charset.defaultCharset());
            if (heldBytes > held.size()) {
                text += "… (" + heldBytes + " bytes in all)";
            }
            held = null;
            return text;
        }

        @Override
        public synchronized void write(int b) {
            if (held != null && !fuzzersOwn()) {
                heldBytes++;
                if (held.size() < QUOTED) {
                    held.write(b);
                }
            } else {
                original.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (held != null && !fuzzersOwn()) {
                heldBytes += len;
                held.write(b, off, Math.min(len, Math.max(0, QUOTED - held.size())));
            } else {
                original.write(b, off, len);
            }
        }

        /** Whether Jazzer writes this (its frames between the write and the input's {@link #require}). */
        private static boolean fuzzersOwn() {
            return StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                    .takeWhile(c -> !c.equals(SilentOutput.class.getName()))
                    .anyMatch(c -> c.startsWith("com.code_intelligence.jazzer.")));
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
