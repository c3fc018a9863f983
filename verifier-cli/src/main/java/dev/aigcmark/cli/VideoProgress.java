package dev.aigcmark.cli;

import dev.aigcmark.video.ProgressListener;

import java.io.PrintWriter;

/**
 * Renders a video job's progress on stderr, on one line rewritten in place, only when a person is watching (a
 * console is attached): scripts and CI logs get no carriage-return noise, and stdout is never touched.
 */
final class VideoProgress implements ProgressListener {
    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long last;

    VideoProgress(PrintWriter err) {
        this(err, System.console() != null);
    }

    VideoProgress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void progress(String phase, int done, int total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean end = done == total;
        if (!end && now - last < EVERY_NANOS) {
            return;
        }
        last = now;
        double seconds = (now - start) / 1e9;
        synchronized (err) {
            err.printf("\rvideo %s: %d%s frames, %.0f fps ", phase, done, total > 0 ? "/" + total : "",
                    seconds > 0 ? done / seconds : 0);
            if (end && phase.equals("remux")) {
                err.println();
            }
            err.flush();
        }
    }
}
