package dev.aigcmark.server;

import java.util.Optional;

/**
 * The service's routes. {@code src/main/resources/dev/aigcmark/server/openapi.json} describes exactly these
 * (a test checks both ways), so add a route there when adding one here.
 */
enum Route {
    VERIFY("POST", "/v1/verify", "verify"),
    MARK("POST", "/v1/mark", "mark"),
    PROPAGATE("POST", "/v1/propagate", "propagate"),
    REGISTRY("GET", "/v1/registry", "registry"),
    HEALTH("GET", "/healthz", "healthz"),
    METRICS("GET", "/metrics", "metrics"),
    OPENAPI("GET", "/openapi.json", "openapi"),
    PAGE("GET", "/", "page");

    /** The metric label for requests that match no route (static assets, 404s): a bounded label set. */
    static final String OTHER = "other";

    final String method;
    final String path;
    /** Its name in metrics and logs. */
    final String label;

    Route(String method, String path, String label) {
        this.method = method;
        this.path = path;
        this.label = label;
    }

    static Optional<Route> forPath(String path) {
        for (Route r : values()) {
            if (r.path.equals(path)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** GET routes answer HEAD too, as HTTP requires. */
    boolean allows(String requestMethod) {
        return method.equals(requestMethod) || ("GET".equals(method) && "HEAD".equals(requestMethod));
    }
}
