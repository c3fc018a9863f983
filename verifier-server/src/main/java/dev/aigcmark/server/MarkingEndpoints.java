package dev.aigcmark.server;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkOptions;
import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.PropagationRequest;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.PropagationResult;
import dev.aigcmark.core.Propagator;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.report.PlatformVerdict;
import dev.aigcmark.core.spi.FormatHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/mark} and {@code POST /v1/propagate}: the marked file comes back as the body, what was written in
 * {@code Aigc-*} headers. Both need the bearer token; without a configured token (and identity) they answer 403.
 * Options are the CLI's, by the same rules ({@link MarkOptions}, {@link PropagationRequest}).
 */
final class MarkingEndpoints {
    private static final Set<String> MARK_PARAMETERS = Set.of("name", "label", "producer", "produce-id", "explicit",
            "no-explicit", "placement", "watermark", "model", "filing", "c2pa", "as-propagator", "propagate-id",
            "digital-source-type", "relabel");
    private static final Set<String> PROPAGATE_PARAMETERS = Set.of("name", "declared-ai", "propagate-id",
            "visible-prompt", "watermark");

    private final Intake intake;
    private final ServerConfig config;

    MarkingEndpoints(Intake intake, ServerConfig config) {
        this.intake = intake;
        this.config = config;
    }

    Endpoint mark() {
        return ex -> {
            SdkContext context = authorised(ex);
            intake.receive(ex, MARK_PARAMETERS, (ticket, params, files) -> {
                Uploads.Upload in = single(files);
                MarkIntent intent = intent(params);
                Path out = ticket.folder().resolve("marked-" + in.file().getFileName());
                MarkResult result = intake.work(ticket, () -> refusals(() -> new Marker(context).mark(in.file(), out, intent)),
                        config.markDeadline());
                AigcLabel l = result.label();
                Response r = ex.response();
                r.getHeaders().put("Aigc-Format", result.format());
                labelHeaders(r, l);
                ex.outcome("format=" + result.format() + " label=" + l.label());
                Responses.file(r, out, mediaType(context, result.format()), "marked-" + in.name());
            });
        };
    }

    Endpoint propagate() {
        return ex -> {
            SdkContext context = authorised(ex);
            intake.receive(ex, PROPAGATE_PARAMETERS, (ticket, params, files) -> {
                Uploads.Upload in = single(files);
                PropagationRequest request;
                try {
                    request = new PropagationRequest(params.flag("declared-ai"),
                            params.string("propagate-id").map(PropagateId::of).orElse(null),
                            params.flag("visible-prompt"), params.flag("watermark"));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest(e.getMessage());
                }
                Path out = ticket.folder().resolve("propagated-" + in.file().getFileName());
                PropagationResult result = intake.work(ticket,
                        () -> refusals(() -> new Propagator(context).propagate(in.file(), out, request)), config.markDeadline());
                Response r = ex.response();
                r.getHeaders().put("Aigc-Exit-Code", Integer.toString(result.exitCode()));
                r.getHeaders().put("Aigc-Received-State", result.received().state().name());
                Optional<PlatformVerdict> verdict = result.verdict();
                ex.outcome("exit=" + result.exitCode() + verdict.map(v -> " label=" + v.label().code()).orElse(""));
                if (!result.written()) {
                    // Nothing points to AI generation: nothing to add; the client publishes the file as it is.
                    r.setStatus(204);
                    return;
                }
                PlatformVerdict v = verdict.orElseThrow();
                r.getHeaders().put("Aigc-Basis", v.basis().name());
                r.getHeaders().put("Aigc-Prompt-Zh", Responses.percentEncoded(v.prompt().zh()));
                r.getHeaders().put("Aigc-Prompt-En", Responses.percentEncoded(v.prompt().en()));
                labelHeaders(r, result.marked().orElseThrow().label());
                Responses.file(r, out, mediaType(context, result.marked().get().format()), "propagated-" + in.name());
            });
        };
    }

    /** The marking context, once the bearer token checks (before any of the body is read). */
    private SdkContext authorised(Exchange ex) throws ApiException {
        if (config.marking().isEmpty() || config.token().isEmpty()) {
            throw new ApiException(403, "marking.disabled", "marking is not enabled on this service (start it with a "
                    + "token file: aigc serve --token-file FILE)");
        }
        if (!config.token().get().accepts(ex.request().getHeaders().get(HttpHeader.AUTHORIZATION))) {
            throw new ApiException(401, "auth.required", "this route needs 'Authorization: Bearer <token>' with the "
                    + "service's token");
        }
        return config.marking().get();
    }

    private static MarkIntent intent(Params p) throws ApiException {
        Optional<String> label = p.string("label");
        LabelValue value = null;
        if (label.isPresent()) {
            value = LabelValue.fromCode(label.get().strip()).orElseThrow(() ->
                    ApiException.badRequest("label=" + label.get() + " is not a Label value (1, 2 or 3)"));
        }
        try {
            return new MarkOptions(value, p.string("producer").orElse(null), p.string("produce-id").orElse(null),
                    p.string("explicit").orElse(null), p.flag("no-explicit"), p.string("placement").orElse(null),
                    p.optionalFlag("watermark").orElse(null), p.string("model").orElse(null),
                    p.string("filing").orElse(null), p.flag("c2pa"), p.flag("as-propagator"),
                    p.string("propagate-id").orElse(null), p.string("digital-source-type").orElse(null),
                    p.flag("relabel")).toIntent();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Uploads.Upload single(List<Uploads.Upload> files) throws ApiException {
        if (files.size() != 1) {
            throw ApiException.badRequest("send one file to mark, not " + files.size());
        }
        return files.get(0);
    }

    /** The SDK's answers for input it cannot or must not mark, as HTTP answers (CLI exits 4 and 1). */
    private static <T> T refusals(WorkerPool.Work<T> work) throws Exception {
        try {
            return work.call();
        } catch (UnreadableInputException e) {
            throw new ApiException(422, "input.unreadable", withoutFolder(e.getMessage()), null, e);
        } catch (MarkRefusedException e) {
            throw new ApiException(409, "mark.refused", "not marked: " + e.getMessage(), null, e);
        }
    }

    /** The SDK names the input by its path; the client knows its file by its own name, and our folders are ours. */
    private static String withoutFolder(String message) {
        return message == null ? "unreadable input" : message.replaceAll("\\S*/upload-\\d+(\\.\\w+)?", "the file");
    }

    private static void labelHeaders(Response r, AigcLabel l) {
        r.getHeaders().put("Aigc-Label", l.label());
        r.getHeaders().put("Aigc-Produce-Id", l.produceId());
        if (!l.contentPropagator().isEmpty()) {
            r.getHeaders().put("Aigc-Content-Propagator", l.contentPropagator());
            r.getHeaders().put("Aigc-Propagate-Id", l.propagateId());
        }
    }

    private static String mediaType(SdkContext context, String format) {
        return context.handler(format).map(FormatHandler::mediaType).orElse("application/octet-stream");
    }
}
