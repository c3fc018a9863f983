package dev.aigcmark.video.pipeline;

import java.io.PrintStream;

/** Hears how far a long job is; the CLI prints it on stderr, a platform may feed its own job tracker. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param phase      {@code decode+mark+encode}, {@code remux}...
     * @param done       frames done in this phase
     * @param total      frames expected, or -1 when unknown
     */
    void progress(String phase, int done, int total);

    ProgressListener NONE = (phase, done, total) -> { };

    /** Prints a line to {@code err} every {@code everyFrames} frames and at the end of each phase. */
    static ProgressListener printingTo(PrintStream err, int everyFrames) {
        return (phase, done, total) -> {
            if (done % everyFrames == 0 || done == total) {
                err.printf("%s: %d%s frames%n", phase, done, total > 0 ? "/" + total : "");
            }
        };
    }
}
