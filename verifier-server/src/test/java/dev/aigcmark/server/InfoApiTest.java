package dev.aigcmark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes around the work: health, OpenAPI, the page's files, errors for unknown routes, the common headers. */
class InfoApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ServiceFixture service;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceFixture.start(dir, b -> b.workers(2).queue(5));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void healthSaysOkAndTheCapacity() throws Exception {
        HttpResponse<String> r = service.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = JSON.readTree(r.body());
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("capacity").asInt()).isEqualTo(7);
        assertThat(h.get("marking").asBoolean()).isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() throws Exception {
        HttpResponse<String> r = service.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).as("OpenAPI paths are exactly the routes")
                .containsExactlyInAnyOrder(Arrays.stream(Route.values()).map(route -> route.path).toArray(String[]::new));
    }

    @Test
    void thePageIsServedWithItsOwnFilesOnly() throws Exception {
        HttpResponse<String> page = service.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"app.js\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'self'"));
        assertThat(service.get("/app.js").statusCode()).isEqualTo(200);
        assertThat(service.get("/app.css").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAndMethodsGetTheJsonError() throws Exception {
        HttpResponse<String> missing = service.get("/v1/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("route.notFound");

        HttpResponse<String> method = service.get("/v1/verify");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> traversal = service.get("/../../etc/passwd");
        assertThat(traversal.statusCode()).isIn(400, 404);
        assertThat(traversal.body()).doesNotContain("root:");
    }

    @Test
    void aLoadBalancersRequestIdIsEchoedAndAnUnsafeOneReplaced() throws Exception {
        HttpResponse<String> kept = service.send(HttpRequest.newBuilder(service.uri("/healthz"))
                .header("X-Request-Id", "lb-123.abc").GET().build());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("lb-123.abc");
        HttpResponse<String> replaced = service.send(HttpRequest.newBuilder(service.uri("/healthz"))
                .header("X-Request-Id", "<script>").GET().build());
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(v ->
                assertThat(v).matches("[0-9a-f]+"));
    }
}
