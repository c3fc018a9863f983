package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.securitydata.BindingCheck;
import dev.aigcmark.core.internal.securitydata.SignatureCheck;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the content bindings of a label's valid signatures with the file at hand (docs/label-binding.md):
 * a label moved onto other content fails, an unbound label is noted. The producer's binding may name earlier
 * content when a propagator re-published the content and bound its own signature to it.
 */
final class ContentBindings {

    private enum Verdict { MATCH, MISMATCH, UNCHECKED, UNVERIFIABLE, NONE }

    private final Container container;
    private ContentDigest digest;
    private String digestProblem;
    private boolean computed;

    private ContentBindings(Container container) {
        this.container = container;
    }

    static List<Status> check(LabelSignatures.Result sigs, Container container) {
        return new ContentBindings(container).statuses(sigs);
    }

    private List<Status> statuses(LabelSignatures.Result sigs) {
        List<Status> out = new ArrayList<>();
        Role producer = new Role("producer", sigs.producer(), sigs.producerPlatform());
        Role propagator = new Role("propagator", sigs.propagator(), sigs.propagatorPlatform());
        Verdict propagated = propagator.verdict();
        Verdict produced = producer.verdict();
        if (produced == Verdict.MISMATCH && propagated == Verdict.MATCH) {
            out.add(Status.info(StatusCodes.BINDING_SUPERSEDED, "the producer's binding names the content before it"
                    + " was re-published; the propagator's binding covers this content"));
        } else {
            producer.report(produced, out);
        }
        propagator.report(propagated, out);
        return out;
    }

    /** One signing role of the label and what its binding says about this content. */
    private final class Role {
        final String name;
        final SignatureCheck check;
        final TrustedPlatform platform;
        String detail;

        Role(String name, SignatureCheck check, TrustedPlatform platform) {
            this.name = name;
            this.check = check;
            this.platform = platform;
        }

        BindingCheck binding() {
            return check == null || check.outcome() != SignatureCheck.Outcome.VALID ? null : check.binding();
        }

        /** MATCH/MISMATCH/... for a signed binding; NONE when there is nothing to compare. */
        Verdict verdict() {
            BindingCheck b = binding();
            if (b == null || b.outcome() != BindingCheck.Outcome.SIGNED) {
                return Verdict.NONE;
            }
            String format = container.handler().id();
            if (!b.binding().format().equals(format)) {
                detail = "the " + name + " labelled a " + b.binding().format() + " file, not this " + format
                        + " file: the label was moved here from other content";
                return Verdict.MISMATCH;
            }
            ContentDigest bound = b.binding().content();
            if (bound == null) {
                detail = "the " + name + " bound the label to a " + format + " file without a content digest"
                        + " (the format had none when it was labelled)";
                return Verdict.UNCHECKED;
            }
            ContentDigest here = digest();
            if (here == null && digestProblem == null) {
                detail = "this build has no content digest for " + container.handler().id() + " files; the label"
                        + " is bound with " + bound.scheme();
                return Verdict.UNCHECKED;
            }
            if (here == null) {
                detail = "the content could not be digested (" + digestProblem + "), so it cannot be shown to be"
                        + " the content the " + name + " labelled";
                return Verdict.UNVERIFIABLE;
            }
            if (!bound.format().equals(here.format())) {
                detail = "the " + name + " labelled a " + bound.format() + " file, not this " + here.format()
                        + " file: the label was moved here from other content";
                return Verdict.MISMATCH;
            }
            if (!bound.scheme().equals(here.scheme())) {
                detail = "the " + name + "'s binding uses " + bound.scheme() + "; this build computes " + here.scheme();
                return Verdict.UNCHECKED;
            }
            if (bound.matches(here)) {
                detail = "the " + name + "'s signature binds the label to this content (" + here.scheme() + ")";
                return Verdict.MATCH;
            }
            detail = "the " + name + " signed this label for other content (" + here.scheme() + " digest differs):"
                    + " the label was transplanted, or the content changed after labelling";
            return Verdict.MISMATCH;
        }

        void report(Verdict verdict, List<Status> out) {
            BindingCheck b = binding();
            if (b == null) {
                return; // no valid signature: its failure or absence is already reported
            }
            switch (b.outcome()) {
                case ABSENT -> out.add(platform != null && platform.bindsContent()
                        ? Status.failure(StatusCodes.BINDING_REMOVED, platform.id() + " binds every label it signs,"
                        + " but this " + name + " signature carries no binding: it was stripped")
                        : Status.info(StatusCodes.BINDING_ABSENT, "the " + name + "'s label is not bound to content:"
                        + " nothing shows it was made for this file"));
                case INVALID -> out.add(Status.failure(StatusCodes.BINDING_INVALID, name + ": " + b.detail()));
                case SIGNED -> {
                    switch (verdict) {
                        case MATCH -> out.add(Status.success(StatusCodes.BINDING_MATCH, detail));
                        case MISMATCH -> out.add(Status.failure(StatusCodes.BINDING_MISMATCH, detail));
                        case UNVERIFIABLE -> out.add(Status.failure(StatusCodes.BINDING_UNVERIFIABLE, detail));
                        case UNCHECKED -> out.add(Status.info(StatusCodes.BINDING_UNCHECKED, detail));
                        case NONE -> throw new IllegalStateException("a signed binding always has a verdict");
                    }
                }
            }
        }
    }

    /** The content digest of this file, computed at most once; null with {@link #digestProblem} on failure. */
    private ContentDigest digest() {
        if (!computed) {
            computed = true;
            if (container.handler() instanceof ContentDigester d) {
                try {
                    digest = d.contentDigest(container);
                } catch (IOException | RuntimeException e) {
                    digestProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }
        }
        return digest;
    }
}
