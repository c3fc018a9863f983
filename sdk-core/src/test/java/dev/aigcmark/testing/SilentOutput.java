package dev.aigcmark.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

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
 * made, on the real streams, before ours go in (while an input runs, a counting handler takes their place, below).
 * Nor is the fuzzer's own talk: Jazzer's agent instruments a class the
 * first time an input loads it and says so ("INFO: Instrumented ...") on stderr from inside that class load, so a
 * write with a Jazzer frame above the harness's {@code require} passes through (session 16's first fuzzing run
 * stopped on exactly that).
 *
 * <p>Library logging is watched too, by count (review of session 16, T1): jcodec's messages reach java.util.logging
 * through the SDK's bridge ({@code JcodecLogging} in sdk-video), PDFBox's through commons-logging, ImageIO's
 * directly, so issue 11's flood (3.48 million "Broken atom" lines for one 12 KB MOV, a 132 MB log) would pass the
 * stream check unseen while it fills the host's log. While an input runs, a handler on the root logger counts the
 * records of INFO and above ({@link LogCount}); more than {@link #LOGGED_RECORDS} for one input is a finding,
 * whatever their level. A flood is the defect: the count grows with the work a reader does on the bytes (a loop
 * re-reading one broken box), not with what is wrong in them. A level is no test of that: PDFBox logs damage it reads
 * past at ERROR (SEVERE), "object stream 4 could not be parsed" and "Can't dereference COSObject{2 0 R}" for two of
 * the four committed PDF inputs, and PDF is the one format whose raw bytes issue 11 lets a library read (through our
 * bounded front, with a deadline), so "any SEVERE" would stop every PDF fuzzing run on its first damaged file.
 */
public final class SilentOutput {
    /** How much of what was printed the failure quotes (bytes). */
    private static final int QUOTED = 2000;
    /**
     * How many java.util.logging records (INFO and above) one input may cause. A damaged file is worth a warning per
     * thing a reader skipped, per reading (a harness reads its input five times or more: scan, digest, two label
     * writes, re-scan, verify); the most any committed seed or regression input logs is 20 (a damaged PDF: four
     * warnings per reading), a tenth of this. Issue 11's flood was 3.48 million.
     */
    public static final int LOGGED_RECORDS = 200;
    private static final Switch ERR;
    private static final Switch OUT;
    private static final LogCount LOG = new LogCount();

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
     * anything, or what it logged if that was a flood ({@link #LOGGED_RECORDS}); an exception it throws leaves as it
     * is (with that text attached as suppressed).
     */
    public static void require(Runnable harness) {
        ERR.hold();
        OUT.hold();
        LOG.hold();
        Throwable thrown = null;
        try {
            harness.run();
        } catch (Throwable e) { // a harness may sneak a checked exception out: it must keep its place too
            thrown = e;
            throw e;
        } finally {
            String printed = quoted("System.err", ERR.release()) + quoted("System.out", OUT.release())
                    + quoted("java.util.logging", LOG.release());
            if (!printed.isEmpty()) {
                AssertionError noise = new AssertionError("the code under test printed or logged for this input (a"
                        + " library must not write to the standard streams or flood the log):"
                        + printed);
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

    /**
     * Counts the java.util.logging records of INFO and above published while an input runs. The outermost {@code
     * require} puts it on the root logger in place of the root's own handlers (the console handler made on the real
     * stderr, above) and gives those back afterwards, also when the input fails: the input's records are the check's
     * to judge, as its printed bytes are, and a flood is no longer copied into the run's log until the input ends. A
     * nested {@code require} counts into the outer input, as the streams do. For the input the root logger's level is
     * the JDK's default, INFO, whatever earlier code in the JVM set (the CLI's tests turn it off): the handler sees
     * what a host that configures nothing is sent. The first records are kept for the failure, {@link #QUOTED}
     * characters at most; the rest are counted.
     */
    private static final class LogCount extends Handler {
        private static final Logger ROOT = Logger.getLogger("");
        private static final Formatter MESSAGE = new SimpleFormatter(); // its formatMessage fills in parameters
        private final StringBuilder kept = new StringBuilder();
        private long records;
        private long severe;
        private Level rootLevel;
        private Handler[] rootHandlers;
        private int depth;

        synchronized void hold() {
            if (depth++ == 0) {
                kept.setLength(0);
                records = 0;
                severe = 0;
                rootLevel = ROOT.getLevel();
                rootHandlers = ROOT.getHandlers();
                for (Handler h : rootHandlers) {
                    ROOT.removeHandler(h);
                }
                ROOT.setLevel(Level.INFO);
                ROOT.addHandler(this);
            }
        }

        /** Stops counting (the outermost release); returns the records quoted if they are a finding, else "". */
        synchronized String release() {
            if (depth == 0 || --depth > 0) {
                return "";
            }
            ROOT.removeHandler(this);
            ROOT.setLevel(rootLevel);
            for (Handler h : rootHandlers) {
                ROOT.addHandler(h);
            }
            rootHandlers = null;
            if (records <= LOGGED_RECORDS) {
                return "";
            }
            return kept + "… (" + records + " records in all, " + severe + " of them SEVERE; more than "
                    + LOGGED_RECORDS + " for one input is a flood)";
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (depth == 0 || r.getLevel().intValue() < Level.INFO.intValue()) {
                return;
            }
            records++;
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe++;
            }
            if (kept.length() < QUOTED) {
                String line = r.getLevel() + " " + r.getLoggerName() + ": " + MESSAGE.formatMessage(r)
                        + (r.getThrown() != null ? " (" + r.getThrown() + ")" : "") + "\n";
                kept.append(line, 0, Math.min(line.length(), QUOTED - kept.length()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
