package dev.aigcmark.video;

/**
 * Hears how far a long job is; the CLI renders it on stderr, a platform may feed its own job tracker. Called from
 * the thread running the job, once per frame: implementations must be quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * @param phase      {@code decode+mark+encode}, {@code remux}...
     * @param done       frames done in this phase
     * @param total      frames expected, or -1 when unknown
     */
    void progress(String phase, int done, int total);

    ProgressListener NONE = (phase, done, total) -> { };
}
