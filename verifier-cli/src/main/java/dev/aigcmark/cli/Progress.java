package dev.aigcmark.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress on stderr for long batches, only when a person is watching (a console is attached): scripts
 * and CI logs get no carriage-return noise, and stdout is never touched.
 */
final class Progress {
    private static final int MIN_ITEMS = 20;

    private final PrintWriter err;
    private final String verb;
    private final int total;
    private static final int UNKNOWN = -1;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();

    Progress(PrintWriter err, String verb, int total) {
        this.err = err;
        this.verb = verb;
        this.total = total;
        this.enabled = (total == UNKNOWN || total >= MIN_ITEMS) && System.console() != null;
    }

    /** For a stream of unknown length: counts, shown from the {@value #MIN_ITEMS}th item on. */
    Progress(PrintWriter err, String verb) {
        this(err, verb, UNKNOWN);
    }

    void step() {
        int n = done.incrementAndGet();
        if (!enabled || (total == UNKNOWN && n < MIN_ITEMS)) {
            return;
        }
        synchronized (err) {
            err.print("\r" + verb + " " + n + (total == UNKNOWN ? "" : "/" + total));
            if (n == total) {
                err.println();
            }
            err.flush();
        }
    }
}
