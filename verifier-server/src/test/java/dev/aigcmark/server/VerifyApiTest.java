package dev.aigcmark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.VerificationReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/verify} over real HTTP: the JSON of {@code aigc verify --json}, one or many files, concurrency. */
class VerifyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ServiceFixture service;
    static Path marked;
    static Path plain;

    @BeforeAll
    static void start() throws Exception {
        // Deadlines are LimitsTest's subject; here a loaded CI machine must not turn a slow verify into a 503.
        service = ServiceFixture.start(dir, b -> b.verifyDeadline(Duration.ofMinutes(5)));
        marked = TestMedia.markedPicture(service.context, dir, "marked.jpg");
        plain = TestMedia.picture(dir, "plain.jpg");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void rawBodyGivesTheDocumentVerifyJsonPrints() throws Exception {
        HttpResponse<String> r = service.postFile("/v1/verify?name=marked.jpg", marked);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("Aigc-Exit-Code")).hasValue("0");
        // What the CLI prints is ReportJson's batch document of the report (the CLI test compares with the CLI itself).
        VerificationReport report = new Verifier(service.context).verify(marked, "marked.jpg");
        BatchSummary summary = new BatchSummary();
        summary.add(report);
        String expected = ReportJson.toJson(ReportJson.batchDocument(List.of(ReportJson.toMap(report)), summary,
                ExitCodes.forReport(report))) + "\n";
        assertThat(r.body()).isEqualTo(expected);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.at("/reports/0/state").asText()).isEqualTo("VALID");
        assertThat(doc.at("/reports/0/file").asText()).isEqualTo("marked.jpg");
        assertThat(doc.at("/reports/0/effectiveLabel").asText()).isEqualTo("1");
        List<String> kinds = new ArrayList<>();
        doc.at("/reports/0/marks").forEach(m -> kinds.add(m.get("kind").asText()));
        assertThat(kinds).contains("implicitLabel", "watermark");
        service.awaitIdle();
    }

    @Test
    void multipartVerifiesEveryFileInOrder() throws Exception {
        Multipart form = new Multipart().file("file", marked).file("file", plain);
        HttpResponse<String> r = service.send(HttpRequest.newBuilder(service.uri("/v1/verify"))
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.at("/reports/0/file").asText()).isEqualTo("marked.jpg");
        assertThat(doc.at("/reports/0/state").asText()).isEqualTo("VALID");
        assertThat(doc.at("/reports/1/file").asText()).isEqualTo("plain.jpg");
        assertThat(doc.at("/reports/1/state").asText()).isEqualTo("NONE");
        assertThat(doc.at("/summary/files").asInt()).isEqualTo(2);
        assertThat(doc.get("exitCode").asInt()).as("the worst of 0 and 3").isEqualTo(ExitCodes.NO_MARKS);
        service.awaitIdle();
    }

    @Test
    void requireFailsAFileWithoutThatMark() throws Exception {
        HttpResponse<String> r = service.postFile("/v1/verify?name=plain.jpg&require=label", plain);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("exitCode").asInt()).isEqualTo(ExitCodes.FAILED);
        assertThat(doc.at("/reports/0/diagnostics").toString()).contains("require.label.missing");
    }

    @Test
    void anUnreadableFileIsAReportNotAnError() throws Exception {
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {0, (byte) 0xff, 0x13, 0x37, 0, 1, 2, 3, (byte) 0xfe});
        HttpResponse<String> r = service.postFile("/v1/verify?name=junk.bin", junk);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("exitCode").asInt()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(doc.at("/reports/0/error").asText()).contains("unsupported or unrecognised format");
    }

    @Test
    void badRequestsGetTheErrorBody() throws Exception {
        HttpResponse<String> unknown = service.postFile("/v1/verify?nmae=x", plain);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("request.invalid");
        assertThat(unknown.body()).contains("'nmae'");

        HttpResponse<String> empty = service.send(HttpRequest.newBuilder(service.uri("/v1/verify"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(empty.statusCode()).isEqualTo(400);

        HttpResponse<String> badRequire = service.postFile("/v1/verify?require=everything", plain);
        assertThat(badRequire.statusCode()).isEqualTo(400);
        assertThat(badRequire.body()).contains("label, c2pa or watermark");

        Multipart noFile = new Multipart().field("name", "x");
        HttpResponse<String> form = service.send(HttpRequest.newBuilder(service.uri("/v1/verify"))
                .header("Content-Type", noFile.contentType()).POST(noFile.publisher()).build());
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("no file");
        service.awaitIdle();
    }

    /** The bar: 50 requests at once all succeed (the default queue admits them; 2 workers verify them in turn). */
    @Test
    void fiftyParallelVerifiesAllSucceed() throws Exception {
        byte[] bytes = Files.readAllBytes(marked);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(service.http.sendAsync(HttpRequest.newBuilder(service.uri("/v1/verify?name=m" + i + ".jpg"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> r = calls.get(i).join();
            assertThat(r.statusCode()).as("request %d: %s", i, r.body()).isEqualTo(200);
            JsonNode doc = JSON.readTree(r.body());
            assertThat(doc.at("/reports/0/state").asText()).isEqualTo("VALID");
            assertThat(doc.at("/reports/0/file").asText()).isEqualTo("m" + i + ".jpg");
        }
        service.awaitIdle();
        String metrics = service.get("/metrics").body();
        assertThat(metrics).containsPattern("aigc_verifications_total\\{state=\"VALID\"} ([5-9][0-9]|[1-9][0-9]{2,})\\.0");
    }

    @Test
    void verdictsAndRequestsAreCountedInMetrics() throws Exception {
        service.postFile("/v1/verify?name=plain.jpg", plain);
        String metrics = service.get("/metrics").body();
        assertThat(metrics).contains("aigc_verifications_total{state=\"NONE\"}")
                .contains("aigc_http_requests_total{method=\"POST\",route=\"verify\",status=\"200\"}")
                .contains("aigc_http_request_duration_seconds_bucket{route=\"verify\",le=\"+Inf\"}")
                .contains("aigc_upload_bytes_total");
    }
}
