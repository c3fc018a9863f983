package dev.aigcmark.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The errors Jetty answers itself (a malformed request line, headers too large, a missing static file, a request
 * rejected while stopping) in the service's one error body, and never with a stack trace or a cause.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String requestId = request.getAttribute(ApiHandler.REQUEST_ID) instanceof String id ? id : null;
        String body = body(code, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.getBytes(StandardCharsets.UTF_8).length);
        Content.Sink.write(response, true, body, callback);
    }

    /** A bad request the parser refused before any handler ran. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Responses.JSON));
        return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
    }

    /** Jetty's own messages may name internals; the reason phrase for the status is what a client needs. */
    private static String body(int code, String requestId) {
        String reason = HttpStatus.getMessage(code);
        String error = switch (code) {
            case 404 -> "route.notFound";
            case 503 -> "server.stopping";
            case 408 -> "request.timeout";
            case 413, 431 -> "request.tooLarge";
            default -> code >= 500 ? "internal" : "request.invalid";
        };
        return Responses.write(Responses.errorBody(code, error, reason.toLowerCase(Locale.ROOT), requestId)) + "\n";
    }
}
