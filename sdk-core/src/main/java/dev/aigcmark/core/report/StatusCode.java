package dev.aigcmark.core.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * One status code of the registry {@link StatusCodes}: its spelling in reports (C2PA's codes verbatim, such as
 * {@code claimSignature.validated}; ours such as {@code gb45438.label.conforms}), the group it belongs to and
 * what it is about. Codes are compared by identity of meaning, not by string: a codec reports
 * {@code StatusCodes.LABEL_CONFORMS}, and a caller asks {@code status.code() == StatusCodes.LABEL_CONFORMS}
 * or {@code status.code().carrier() == Carrier.ASSET}.
 *
 * <p>Only {@link StatusCodes} makes registered codes. A code read from someone else's manifest (an ingredient's
 * recorded {@code validationStatus}) that the registry does not know is {@link StatusCodes#parse parsed} into an
 * unregistered code, so it can be compared but never written by us.
 */
public final class StatusCode {

    /** What a code is about: the mark or the check that reports it. */
    public enum Carrier {
        /** The GB 45438 implicit label's content and placement ({@code gb45438.*}). */
        LABEL,
        /** The binding of a signed label to the content it was made for ({@code gb45438.binding.*}). */
        LABEL_BINDING,
        /** The signatures over a label (SecurityData, {@code sig.*}). */
        LABEL_SIGNATURE,
        /** A visible label ({@code explicit.*}). */
        EXPLICIT_LABEL,
        /** IPTC's DigitalSourceType ({@code iptc.*}). */
        IPTC,
        /** A C2PA manifest: the specification's own codes and the trust policy's {@code c2pa.signer.*}. */
        C2PA,
        /** Our invisible watermark in images, video and text ({@code wm.*}). */
        WATERMARK,
        /** The Stable Diffusion watermark ({@code sdwm.*}). */
        SD_WATERMARK,
        /** A cross-check between two marks ({@code xref.*}). */
        CROSS_CHECK,
        /** The file itself: damage, limits, metadata not read ({@code asset.*}). */
        ASSET,
        /** A mark the caller required and the file lacks ({@code require.*}). */
        REQUIREMENT
    }

    private final String id;
    private final Severity kind;
    private final Carrier carrier;
    private final boolean registered;

    StatusCode(String id, Severity kind, Carrier carrier, boolean registered) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.carrier = Objects.requireNonNull(carrier, "carrier");
        this.registered = registered;
    }

    /** The code as reports spell it, e.g. {@code assertion.dataHash.match}. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The group the code belongs to. A status normally has its code's group; a {@link Severity#FAILURE failure}
     * code may be reported as informational where the problem did not affect the verdict (see
     * {@link Status#tolerated}).
     */
    public Severity kind() {
        return kind;
    }

    /** What the code is about. */
    public Carrier carrier() {
        return carrier;
    }

    /** False for a code read from someone else's manifest that this build does not know. */
    public boolean registered() {
        return registered;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCode other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The code as reports spell it. */
    @Override
    public String toString() {
        return id;
    }
}
