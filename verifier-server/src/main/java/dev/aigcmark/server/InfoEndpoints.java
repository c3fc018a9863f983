package dev.aigcmark.server;

import org.eclipse.jetty.server.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The small GET routes: health, metrics, this platform's registry entry and the OpenAPI document. */
final class InfoEndpoints {
    static final String OPENAPI_RESOURCE = "/dev/aigcmark/server/openapi.json";

    private final ServerConfig config;
    private final WorkerPool pool;
    private final ServerMetrics metrics;
    private final BooleanSupplier stopping;
    private final String openApi;

    InfoEndpoints(ServerConfig config, WorkerPool pool, ServerMetrics metrics, BooleanSupplier stopping) throws IOException {
        this.config = config;
        this.pool = pool;
        this.metrics = metrics;
        this.stopping = stopping;
        try (InputStream in = InfoEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IOException("the OpenAPI document is missing from the jar: " + OPENAPI_RESOURCE);
            }
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * 200 while serving, 503 once stopping (so a load balancer stops sending before the connections close). A busy
     * service is still healthy: fullness is answered per request with 503 and {@code Retry-After}.
     */
    Endpoint health() {
        return ex -> {
            boolean down = stopping.getAsBoolean();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", down ? "stopping" : "ok");
            m.put("inFlight", pool.inFlight());
            m.put("working", pool.working());
            m.put("capacity", config.capacity());
            m.put("marking", config.marking().isPresent());
            Responses.json(ex.response(), down ? 503 : 200, m);
        };
    }

    Endpoint metrics() {
        return ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.write(out);
            Responses.text(ex.response(), 200, metrics.contentType(), out.toString(StandardCharsets.UTF_8));
        };
    }

    /** This platform's signed entry, as {@code aigc keys export} writes it; its fingerprint in a header. */
    Endpoint registry() {
        return ex -> {
            Optional<RegistrySource> source = config.registry();
            if (source.isEmpty()) {
                throw new ApiException(404, "registry.none", "this service publishes no trust-registry entry "
                        + "(it has no platform identity)");
            }
            RegistrySource.Entry entry = source.get().current();
            Response r = ex.response();
            r.getHeaders().put("Aigc-Fingerprint", entry.fingerprint());
            Responses.text(r, 200, Responses.JSON, entry.json());
        };
    }

    Endpoint openApi() {
        return ex -> Responses.text(ex.response(), 200, Responses.JSON, openApi);
    }
}
