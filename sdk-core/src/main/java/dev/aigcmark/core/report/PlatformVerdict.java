package dev.aigcmark.core.report;

import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.DisplayPrompt;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.IptcSourceType;
import dev.aigcmark.core.mark.Mark;
import dev.aigcmark.core.mark.Watermark;

import java.util.Optional;

/**
 * What a platform must do with content it receives (Measures Art. 6), decided from what verification found
 * and what the uploader declared: the Label value to write and the prompt to display.
 *
 * @param label  the Label value
 * @param basis  why
 * @param prompt the text to show beside the content (Chinese and English)
 */
public record PlatformVerdict(LabelValue label, Basis basis, DisplayPrompt prompt) {

    public enum Basis {
        /** The file carries an intact GB 45438 implicit label (its own Label value counts). */
        IMPLICIT_LABEL,
        /** No implicit label, but a valid C2PA manifest declares generative AI. */
        C2PA_MANIFEST,
        /** No label in the file; the uploader declared the content AI-generated: "possibly" (Label 2). */
        DECLARED,
        /** No label, no declaration, but traces were detected (watermark, explicit label, IPTC type): "suspected" (3). */
        TRACES
    }

    /**
     * The verdict, in Art. 6's order: the file's intact implicit label (a non-conforming but unforged label still
     * declares what it declares; a forged one, or one moved onto other content, does not); a valid C2PA manifest declaring generative AI ("1"); the uploader's declaration
     * ("2"); traces ("3"). Empty when nothing points to AI generation.
     */
    public static Optional<PlatformVerdict> decide(VerificationReport report, boolean declaredAi) {
        for (MarkFinding f : report.marks()) {
            if (f.mark() instanceof ImplicitLabel l && !signatureFailed(f) && l.label().labelValue().isPresent()) {
                return Optional.of(of(l.label().labelValue().get(), Basis.IMPLICIT_LABEL));
            }
        }
        for (MarkFinding f : report.marks()) {
            if (f.mark() instanceof C2paManifest c && f.state() != TrustState.INVALID
                    && DigitalSourceType.isGenerativeAi(c.effectiveSourceType())) {
                return Optional.of(of(LabelValue.AI_GENERATED, Basis.C2PA_MANIFEST));
            }
        }
        if (declaredAi) {
            return Optional.of(of(LabelValue.POSSIBLY_AI_GENERATED, Basis.DECLARED));
        }
        for (MarkFinding f : report.marks()) {
            if (isTrace(f.mark())) {
                return Optional.of(of(LabelValue.SUSPECTED_AI_GENERATED, Basis.TRACES));
            }
        }
        return Optional.empty();
    }

    private static PlatformVerdict of(LabelValue value, Basis basis) {
        return new PlatformVerdict(value, basis, DisplayPrompt.of(value));
    }

    private static boolean isTrace(Mark m) {
        return m instanceof Watermark || m instanceof ExplicitLabel
                || (m instanceof IptcSourceType i && DigitalSourceType.isGenerativeAi(i.uri()))
                || m instanceof ImplicitLabel || m instanceof C2paManifest;
    }

    /** A forged label, or a genuine one moved onto other content: what it declares is not about this file. */
    private static boolean signatureFailed(MarkFinding f) {
        return f.statuses().stream().anyMatch(s -> s.isFailure()
                && (s.code().carrier() == StatusCode.Carrier.LABEL_SIGNATURE
                        || s.code().carrier() == StatusCode.Carrier.LABEL_BINDING));
    }
}
