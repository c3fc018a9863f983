package dev.aigcmark.core;

import java.util.Objects;

/**
 * One thing marking did, or could not do, as a fact: what kind of step it was, what it was about, and its
 * detail; the sentence people read ({@code aigc mark}'s output) is derived from these, so callers and tests
 * look at the kind and carrier, not at wording.
 *
 * @param kind    done, not supported, or a note on how a done step was carried out
 * @param carrier what the step was about
 * @param detail  what was done (e.g. {@code explicit label 'AI生成' + watermark}), why it was not supported
 *                (e.g. {@code webp (no visible label or watermark)}), or the note itself
 */
public record MarkStep(Kind kind, Carrier carrier, String detail) {

    /** What kind of step. */
    public enum Kind {
        /** The step was carried out. */
        DONE,
        /** The step was asked for but this format or this file cannot take it; the rest of marking went on. */
        NOT_SUPPORTED,
        /** How a done step was carried out (the video backend and encoder, for instance). */
        NOTE
    }

    /** What the step was about. */
    public enum Carrier {
        /** The content itself: the visible label and the invisible watermark, as one step. */
        CONTENT("content"),
        /** The explicit label alone (a note on where a visible or audible prompt went). */
        EXPLICIT_LABEL("explicit label"),
        /** The invisible watermark alone (a note on the scheme and what carries it). */
        WATERMARK("watermark"),
        /** The GB 45438 implicit label in the file's metadata. */
        IMPLICIT_LABEL("implicit label"),
        /** The C2PA manifest. */
        C2PA("c2pa");

        private final String word;

        Carrier(String word) {
            this.word = word;
        }
    }

    /** Checks the kind and carrier are given; a missing detail becomes empty. */
    public MarkStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(carrier, "carrier");
        detail = detail == null ? "" : detail;
    }

    /** A step carried out: {@code detail} says what was done. */
    public static MarkStep done(Carrier carrier, String detail) {
        return new MarkStep(Kind.DONE, carrier, detail);
    }

    /** A step this file or format cannot take: {@code detail} names the format or why. */
    public static MarkStep notSupported(Carrier carrier, String detail) {
        return new MarkStep(Kind.NOT_SUPPORTED, carrier, detail);
    }

    /** How a done step was carried out: {@code detail} is the note as people read it. */
    public static MarkStep note(Carrier carrier, String detail) {
        return new MarkStep(Kind.NOTE, carrier, detail);
    }

    /** The step for people, e.g. {@code content: not supported for webp (no visible label or watermark)}. */
    public String sentence() {
        return switch (kind) {
            case DONE -> carrier.word + ": " + detail;
            case NOT_SUPPORTED -> carrier.word + ": not supported for " + detail;
            case NOTE -> detail;
        };
    }

    /** The sentence, so logs and string joins read as before. */
    @Override
    public String toString() {
        return sentence();
    }
}
