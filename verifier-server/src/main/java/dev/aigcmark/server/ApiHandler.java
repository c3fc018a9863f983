package dev.aigcmark.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The front of the service: gives every request an id, the security headers, one access-log line and its
 * metrics, sends it to its route (or to the static page files it wraps), and turns every failure into the one
 * JSON error body. A stack trace goes to the server's log under the request id, never to the client.
 */
final class ApiHandler extends Handler.Wrapper {
    static final String REQUEST_ID = "aigc.requestId";
    static final String OUTCOME = "aigc.outcome";
    private static final String ROUTE = "aigc.route";
    private static final System.Logger ACCESS = System.getLogger("dev.aigcmark.server.access");
    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
    /** A load balancer's request id is kept when it is a plain token; anything else is replaced. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The page loads only its own files; pictures the user drops are shown from blob: URLs. */
    private static final String CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<Route, Endpoint> endpoints;
    private final ServerMetrics metrics;
    private final ServerConfig config;

    ApiHandler(Map<Route, Endpoint> endpoints, ServerMetrics metrics, ServerConfig config, Handler staticFiles) {
        super(staticFiles);
        this.endpoints = new EnumMap<>(endpoints);
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Routes block: they read request bodies as streams and wait for a worker. Left to itself the wrapper would
     * take the invocation type of the static-file handler inside it (NON_BLOCKING), and Jetty may then run a route
     * on a selector thread, where a blocking read stalls every connection of that selector (uploads hung until
     * the idle timeout under 50 parallel requests).
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String id = requestId(request);
        request.setAttribute(REQUEST_ID, id);
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Optional<Route> route = Route.forPath(path);
        request.setAttribute(ROUTE, route.map(r -> r.label).orElse(Route.OTHER));
        Request.addCompletionListener(request, failure -> completed(request, response, start, failure));
        securityHeaders(response, id);
        try {
            if (route.isEmpty() || route.get() == Route.PAGE) {
                if (("GET".equals(method) || "HEAD".equals(method)) && super.handle(request, response, callback)) {
                    return true;
                }
                throw new ApiException(route.isEmpty() ? 404 : 405, route.isEmpty() ? "route.notFound" : "method.notAllowed",
                        route.isEmpty() ? "no such route: " + path : "use GET for " + path);
            }
            if (!route.get().allows(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, route.get().method);
                throw new ApiException(405, "method.notAllowed", "use " + route.get().method + " for " + path);
            }
            endpoints.get(route.get()).handle(new Exchange(request, response, id));
            callback.succeeded();
        } catch (ApiException e) {
            fail(request, response, callback, id, e);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "request " + id + " " + method + " " + path + " failed", e);
            fail(request, response, callback, id, new ApiException(500, "internal",
                    "internal error; the server's log has the details under request id " + id, null, e));
        }
        return true;
    }

    private void fail(Request request, Response response, Callback callback, String id, ApiException e) {
        request.setAttribute(OUTCOME, e.code());
        if (response.isCommitted()) {
            // Part of the answer is on its way (a file being sent): all we can do is cut the connection.
            callback.failed(e);
            return;
        }
        String allow = response.getHeaders().get(HttpHeader.ALLOW);
        response.reset();
        securityHeaders(response, id);
        if (allow != null) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
        }
        if (e.retryAfter() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()));
        }
        if (e.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"aigc\"");
        }
        if (e.closesConnection() || !UnreadBody.drain(request, config.maxRequestBytes(), config.uploadTimeout())) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        try {
            Responses.json(response, e.status(), Responses.errorBody(e.status(), e.code(), e.getMessage(), id));
            callback.succeeded();
        } catch (Throwable write) {
            callback.failed(write);
        }
    }

    private static void securityHeaders(Response response, String id) {
        var h = response.getHeaders();
        h.put("X-Request-Id", id);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", CSP);
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    private static String requestId(Request request) {
        String given = request.getHeaders().get("X-Request-Id");
        if (given != null && CLIENT_ID.matcher(given).matches()) {
            return given;
        }
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** One line per request for an operator: who, what, the answer, sizes, time, id and outcome; never a body. */
    private void completed(Request request, Response response, long start, Throwable failure) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int status = response.getStatus();
        String route = String.valueOf(request.getAttribute(ROUTE));
        String method = request.getMethod();
        metrics.request(route, switch (method) {
            case "GET", "HEAD", "POST" -> method;
            default -> "other";
        }, status, seconds);
        Object outcome = request.getAttribute(OUTCOME);
        ACCESS.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT,
                "%s \"%s %s\" %d in=%d out=%d %.0fms id=%s%s%s", Request.getRemoteAddr(request), method,
                Request.getPathInContext(request), status, Request.getContentBytesRead(request),
                Response.getContentBytesWritten(response), seconds * 1000, request.getAttribute(REQUEST_ID),
                outcome == null ? "" : " " + outcome, failure == null ? "" : " aborted=" + failure.getClass().getSimpleName()));
    }
}
