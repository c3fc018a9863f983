package dev.aigcmark.core;

import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.PlatformVerdict;
import dev.aigcmark.core.report.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The upload side of a platform (Measures Art. 6), in one call: read what the file carries, decide the Label
 * from its marks and the uploader's declaration, keep the producer's fields and signature as they are, write
 * this platform's ContentPropagator, PropagateID and signed ReservedCode2 (optionally a visible prompt and a
 * watermark linking to the PropagateID), and verify the result. Content with no sign of AI generation and no
 * declaration is left alone: nothing is written. Thread-safe; the input is never modified.
 */
public final class Propagator {
    private final SdkContext context;

    public Propagator(SdkContext context) {
        this.context = context;
    }

    public PropagationResult propagate(Path input, Path output, PropagationRequest request) throws IOException {
        Verifier verifier = new Verifier(context);
        VerificationReport received = verifier.verify(input);
        if (received.unreadable()) {
            throw new UnreadableInputException(input + ": "
                    + received.unreadableReason().orElse("unreadable"));
        }
        Optional<PlatformVerdict> verdict = PlatformVerdict.decide(received, request.declaredAi());
        if (verdict.isEmpty()) {
            return new PropagationResult(received, verdict, Optional.empty(), Optional.empty());
        }
        MarkIntent intent = MarkIntent.builder().label(verdict.get().label()).propagator(true)
                .propagateId(request.propagateId()).watermark(request.watermark())
                .explicitLabel(request.visiblePrompt() ? verdict.get().prompt().zh() : null).c2pa(false).digitalSourceType(null).build();
        MarkResult marked = new Marker(context).mark(input, output, intent);
        return new PropagationResult(received, verdict, Optional.of(marked), Optional.of(verifier.verify(output)));
    }

    /**
     * The same for a stream (an upload): spooled to a {@link SdkContext#workFolder() work folder}, the result
     * streamed out when written; the folder is removed when the call ends, failed or not.
     */
    public PropagationResult propagate(InputStream input, OutputStream output, PropagationRequest request,
                                       String nameHint) throws IOException {
        try (WorkFolder work = WorkFolder.in(context.workFolder().orElse(null), "propagate")) {
            String name = nameHint == null || nameHint.isBlank() ? "upload" : nameHint;
            Path in = work.file(name);
            Path out = work.file("propagated-" + in.getFileName());
            Files.copy(input, in);
            PropagationResult r = propagate(in, out, request);
            if (r.written()) {
                Files.copy(out, output);
            }
            return r;
        }
    }
}
