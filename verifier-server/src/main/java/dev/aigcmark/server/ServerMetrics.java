package dev.aigcmark.server;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format, through the Prometheus Java client (its metric
 * types and its text writer; no exposition of our own). One registry per server, so several servers in one JVM
 * (tests, an embedding platform) never share counters. The configuration is given explicitly, so the client reads
 * no properties file or environment variable. Label values are bounded sets: route names, status codes, states.
 */
final class ServerMetrics {
    /** Verification seconds on 2 cores run from milliseconds (text) to tens of seconds (video, the SD detector). */
    private static final double[] LATENCY_BUCKETS =
            {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Counter verdicts;
    private final Counter uploadBytes;

    ServerMetrics(IntSupplier inFlight, IntSupplier working, int capacity) {
        PrometheusProperties config = PrometheusProperties.builder().build();
        requests = Counter.builder(config).name("aigc_http_requests_total")
                .help("HTTP requests answered, by route, method and status code")
                .labelNames("route", "method", "status").withoutExemplars().register(registry);
        latency = Histogram.builder(config).name("aigc_http_request_duration_seconds")
                .help("Time from the request's arrival to the end of its response, by route")
                .labelNames("route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
        verdicts = Counter.builder(config).name("aigc_verifications_total")
                .help("Files verified, by final state (NONE, INVALID, VALID, TRUSTED, UNREADABLE)")
                .labelNames("state").withoutExemplars().register(registry);
        uploadBytes = Counter.builder(config).name("aigc_upload_bytes_total")
                .help("Request body bytes received by verify, mark and propagate").withoutExemplars().register(registry);
        GaugeWithCallback.builder(config).name("aigc_requests_in_flight")
                .help("Admitted requests being received, waiting for a worker or worked on")
                .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
        GaugeWithCallback.builder(config).name("aigc_workers_busy")
                .help("Workers verifying or marking a file now").callback(cb -> cb.call(working.getAsInt())).register(registry);
        GaugeWithCallback.builder(config).name("aigc_capacity")
                .help("Requests admitted at once (workers plus queue); one more is answered 503")
                .callback(cb -> cb.call(capacity)).register(registry);
    }

    void request(String route, String method, int status, double seconds) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route).observe(seconds);
    }

    void verdict(String state) {
        verdicts.labelValues(state).inc();
    }

    void uploaded(long bytes) {
        if (bytes > 0) {
            uploadBytes.inc(bytes);
        }
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
