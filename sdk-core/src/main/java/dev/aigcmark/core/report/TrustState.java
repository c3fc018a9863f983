package dev.aigcmark.core.report;

/**
 * How far a mark, or a whole file, can be believed. Ordered: a report's overall state is derived from
 * its marks (see {@link VerificationReport#state()}).
 */
public enum TrustState {
    /** No mark of any kind was found. */
    NONE,
    /** A mark was found but something about it failed (bad signature, hash mismatch, broken payload). */
    INVALID,
    /** Found and intact (or unsigned but well-formed); the signer is not a trusted platform. */
    VALID,
    /** Intact and signed by a platform in the trust registry (or chaining to a given trust anchor). */
    TRUSTED
}
