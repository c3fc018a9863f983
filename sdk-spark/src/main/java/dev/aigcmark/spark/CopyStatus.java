package dev.aigcmark.spark;

/** What a mark or propagate job did with one input file. */
public enum CopyStatus {
    /** This run wrote the marked copy. */
    WRITTEN,
    /** The copy was already there (an earlier run, or another attempt of this task): left as it is. */
    EXISTING,
    /** Propagating: nothing points to AI generation and nothing was declared, so nothing is written. */
    NOTHING_TO_WRITE,
    /** The input cannot be read or marked (not a supported format, damaged, gone). */
    UNREADABLE,
    /** The SDK refuses by rule (another producer's label without relabelling...), or the file is outside the input folder. */
    REFUSED,
    /** A bug on this file; reported, so one file does not fail the whole job. */
    FAILED
}
