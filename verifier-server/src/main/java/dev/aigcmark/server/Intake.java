package dev.aigcmark.server;

import org.eclipse.jetty.io.EndPoint;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The common path of the routes that take files: check the parameters' names, get a place in the service
 * (503 and {@code Retry-After} when full, before any of the body is read), receive the files into the ticket's
 * folder, then let the route work and answer. The ticket (and so every file received or written) is released
 * when the answer has been sent or has failed.
 */
final class Intake {
    /** Time to write the answer after the deadline's refusal, before the connection may be cut. */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final WorkerPool pool;
    private final ServerMetrics metrics;

    Intake(ServerConfig config, WorkerPool pool, ServerMetrics metrics) {
        this.config = config;
        this.pool = pool;
        this.metrics = metrics;
    }

    /** What a route does with its received files, holding the ticket. */
    @FunctionalInterface
    interface Received {
        void handle(WorkerPool.Ticket ticket, Params params, List<Uploads.Upload> files) throws Exception;
    }

    void receive(Exchange ex, Set<String> parameters, Received route) throws Exception {
        Params params = Params.ofQuery(ex.request());
        params.allowOnly(parameters);
        if (ex.request().getLength() > config.maxRequestBytes()) {
            // Refused on the declared length before taking a place or reading a byte.
            throw new ApiException(413, "request.tooLarge", "the request is larger than the limit of "
                    + config.maxRequestBytes() + " bytes");
        }
        try (WorkerPool.Ticket ticket = pool.tryAdmit().orElseThrow(() -> ApiException.busy(
                "the service is working at capacity (" + config.capacity() + " requests); try again", config.retryAfter()))) {
            List<Uploads.Upload> files;
            try {
                files = Uploads.receive(ex.request(), params, ticket.folder(), config.maxRequestBytes(),
                        config.uploadTimeout());
            } finally {
                metrics.uploaded(org.eclipse.jetty.server.Request.getContentBytesRead(ex.request()));
            }
            params.allowOnly(parameters);
            // Once the files are in, the client waits in silence while they queue and are worked on; the route's
            // deadline bounds that wait (503/504 when over), so the connection's idle timeout must not cut it
            // first (on a busy service the queue wait alone can pass it). Restored for the next request on it.
            EndPoint endPoint = ex.request().getConnectionMetaData().getConnection().getEndPoint();
            long idle = endPoint.getIdleTimeout();
            endPoint.setIdleTimeout(Math.max(idle, longestDeadline().plus(DEADLINE_MARGIN).toMillis()));
            try {
                route.handle(ticket, params, files);
            } finally {
                endPoint.setIdleTimeout(idle);
            }
        }
    }

    private Duration longestDeadline() {
        return config.verifyDeadline().compareTo(config.markDeadline()) >= 0 ? config.verifyDeadline() : config.markDeadline();
    }

    <T> T work(WorkerPool.Ticket ticket, WorkerPool.Work<T> work, Duration deadline) throws Exception {
        return pool.run(ticket, work, deadline, config.retryAfter());
    }
}
