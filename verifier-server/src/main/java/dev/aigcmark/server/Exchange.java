package dev.aigcmark.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** One request being answered by an endpoint, with its id (echoed as {@code X-Request-Id} and logged). */
record Exchange(Request request, Response response, String requestId) {

    /** A short note for the access log line (e.g. the verdicts), never a body or a secret. */
    void outcome(String note) {
        request.setAttribute(ApiHandler.OUTCOME, note);
    }
}
