package dev.aigcmark.core;

import dev.aigcmark.core.internal.c2pa.Sidecar;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.MarkCodec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read side: finds every mark in an input, verifies each, cross-checks them and returns one
 * {@link VerificationReport}. Input that cannot be read at all gives a report marked unreadable (exit 4),
 * so a batch goes on; only bugs escape as exceptions. Thread-safe.
 */
public final class Verifier {
    private final SdkContext context;

    public Verifier(SdkContext context) {
        this.context = context;
    }

    /** Verifies a file, and the C2PA sidecar beside it ({@code name.c2pa}) when there is one. */
    public VerificationReport verify(Path file) {
        return verify(file, file.toString());
    }

    /**
     * Verifies a file that the report names {@code name} (an upload spooled to a temporary file, named as the client
     * sent it); the name's extension counts where formats are told apart by it, as for a path.
     */
    public VerificationReport verify(Path file, String name) {
        try (MediaInput in = MediaInput.of(file, name)) {
            List<Carrier> beside = new ArrayList<>();
            try {
                Sidecar.find(file, context.limits()).ifPresent(beside::add);
            } catch (IOException e) {
                // an unreadable sidecar leaves the file itself to verify; the reason is reported below
                return verify(in, beside, Status.failure(StatusCodes.ASSET_LIMIT, "C2PA sidecar: " + message(e)));
            }
            return verify(in, beside, null);
        } catch (IOException e) {
            return VerificationReport.unreadable(name, null, message(e));
        }
    }

    public VerificationReport verify(MediaInput input) {
        return verify(input, List.of(), null);
    }

    /**
     * Verifies one input within its budget ({@link ReadLimits#verifyCpuTimeout()}, its wall-clock limit and the others): a file that
     * goes over any of them gives an UNREADABLE report whose status code names the limit.
     */
    @SuppressWarnings("try") // the scope is held, not used: it unbinds the budget on close
    private VerificationReport verify(MediaInput input, List<Carrier> beside, Status besideProblem) {
        long size;
        try {
            size = input.size();
        } catch (IOException e) {
            return VerificationReport.unreadable(input.name(), null, message(e));
        }
        FileBudget budget = FileBudget.forVerify(context.limits(), size);
        VerificationReport report;
        try (FileBudget.Scope ignored = budget.bind()) {
            report = verifyWithinBudget(input, beside, besideProblem);
        } catch (StackOverflowError e) {
            // A nesting no depth limit caught (a library recursing on hostile input): this file only, not the batch.
            budget.exceed(FileBudget.Limit.DEPTH, "is nested too deeply to read");
            report = null;
        }
        Optional<BudgetExceededException> over = budget.exceeded();
        if (over.isPresent()) {
            return VerificationReport.unreadable(input.name(), report == null ? null : report.format(),
                    over.get().statusCode(), message(over.get()));
        }
        return report;
    }

    private VerificationReport verifyWithinBudget(MediaInput input, List<Carrier> beside, Status besideProblem) {
        Optional<FormatHandler> handler;
        try {
            handler = Formats.detect(context, input);
        } catch (IOException e) {
            return VerificationReport.unreadable(input.name(), null, message(e));
        }
        if (handler.isEmpty()) {
            return VerificationReport.unreadable(input.name(), null,
                    "unsupported or unrecognised format (" + Formats.describeHead(input) + ")");
        }
        Container container;
        try {
            container = handler.get().scan(input, context);
        } catch (UnreadableInputException e) {
            return VerificationReport.unreadable(input.name(), handler.get().id(), message(e));
        } catch (IOException | RuntimeException e) {
            // A parser bug or an I/O error on hostile input must not end a batch: report, don't crash.
            return VerificationReport.unreadable(input.name(), handler.get().id(),
                    "could not read " + handler.get().id() + ": " + message(e));
        }
        container = container.withCarriers(beside);
        VerificationReport.Builder report = VerificationReport.builder(input.name()).format(handler.get().id());
        container.problems().forEach(report::diagnostic);
        if (besideProblem != null) {
            report.diagnostic(besideProblem);
        }
        for (MarkCodec codec : context.codecs()) {
            try {
                codec.verify(container, context, report);
            } catch (RuntimeException e) {
                report.diagnostic(Status.failure(StatusCodes.ASSET_CODEC_FAILED,
                        codec.id() + " could not finish: " + message(e)));
            }
        }
        return report.build();
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
