package dev.aigcmark.server;

import java.time.Duration;

/**
 * A request the service answers with an error: the HTTP status, a stable dotted code for scripts and a message
 * for people. {@link ApiHandler} turns it into the one error body ({@code {"status", "error", "message",
 * "requestId"}}); anything else that escapes a route is a 500 whose details stay in the server's log.
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Duration retryAfter;

    ApiException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    ApiException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "request.invalid", message);
    }

    static ApiException busy(String message, Duration retryAfter) {
        return new ApiException(503, "server.busy", message, retryAfter, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Set for 503: when to try again. */
    Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Whether the connection must close after the answer: the client may still be sending a body we will not
     * read (too large, too slow), and reading it to keep the connection would be the cost we refused.
     */
    boolean closesConnection() {
        return status == 408 || status == 413;
    }
}
