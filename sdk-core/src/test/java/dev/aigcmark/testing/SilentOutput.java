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
 * made, on the real streams, before ours go in.
 */
public final class SilentOutput {
    /** How much of what was printed the failure quotes. */
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
        } catch (RuntimeException | Error e) {
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
        if (text.isEmpty()) {
            return "";
        }
        String head = text.length() > QUOTED ? text.substring(0, QUOTED) + "… (" + text.length() + " chars)" : text;
        return "\n" + stream + ":\n" + head;
    }

    /** Passes bytes to the stream it replaced, or holds them while an input runs. */
    private static final class Switch extends OutputStream {
        private final PrintStream original;
        private ByteArrayOutputStream held;

        Switch(PrintStream original) {
            this.original = original;
        }

        PrintStream stream() {
            return new PrintStream(this, true, Charset.defaultCharset());
        }

        synchronized void hold() {
            held = new ByteArrayOutputStream();
        }

        /** Stops holding; returns what was held (decoded as it was encoded). */
        synchronized String release() {
            String text = held == null ? "" : held.toString(Charset.defaultCharset());
            held = null;
            return text;
        }

        @Override
        public synchronized void write(int b) {
            if (held != null) {
                held.write(b);
            } else {
                original.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (held != null) {
                held.write(b, off, len);
            } else {
                original.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
