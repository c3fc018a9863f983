package dev.aigcmark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/mark} and {@code /v1/propagate} over real HTTP: the bearer token, the marked file coming back
 * (and verifying as marked by this service), the CLI's option rules, and the answers for refused input.
 */
class MarkingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ServiceFixture service;
    static Path plain;
    static byte[] plainBytes;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceFixture.start(dir, b -> b);
        plain = TestMedia.picture(dir, "plain.jpg");
        plainBytes = Files.readAllBytes(plain);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static HttpRequest.Builder post(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest request) throws Exception {
        return service.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void markingNeedsTheToken() throws Exception {
        HttpResponse<String> none = service.send(post("/v1/mark?name=p.jpg", null)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"aigc\"");
        assertThat(JSON.readTree(none.body()).get("error").asText()).isEqualTo("auth.required");

        HttpResponse<String> wrong = service.send(post("/v1/propagate?name=p.jpg", "not-the-token-but-long-enough")
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(ServiceFixture.TOKEN);
        service.awaitIdle();
    }

    @Test
    void markReturnsTheMarkedFileWhichVerifiesAsMarkedHere() throws Exception {
        HttpResponse<byte[]> r = sendBytes(post("/v1/mark?name=photo.jpg&label=1", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(r.headers().firstValue("Aigc-Label")).hasValue("1");
        assertThat(r.headers().firstValue("Aigc-Format")).hasValue("jpeg");
        assertThat(r.headers().firstValue("Aigc-Produce-Id")).isPresent();
        assertThat(r.body()).isNotEqualTo(plainBytes);
        assertThat(new byte[] {r.body()[0], r.body()[1]}).as("a JPEG").containsExactly(0xFF, 0xD8);
        assertThat(Files.readAllBytes(plain)).as("the client's file is untouched").isEqualTo(plainBytes);

        // An independent reader sees the label the headers announce.
        ExternalTools.assumeTool("exiftool");
        Path back = Files.write(dir.resolve("from-service.jpg"), r.body());
        JsonNode label = JSON.readTree(ExternalTools.run("exiftool", "-s3", "-XMP-TC260:Aigc", back.toString())
                .requireSuccess().stdout());
        assertThat(label.get("Label").asText()).isEqualTo("1");
        assertThat(label.get("ProduceID").asText()).isEqualTo(r.headers().firstValue("Aigc-Produce-Id").orElseThrow());

        HttpResponse<String> verified = service.send(HttpRequest.newBuilder(service.uri("/v1/verify?name=back.jpg"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).build());
        JsonNode doc = JSON.readTree(verified.body());
        assertThat(doc.at("/reports/0/state").asText()).isEqualTo("VALID");
        assertThat(doc.at("/reports/0/effectiveLabel").asText()).isEqualTo("1");
        service.awaitIdle();
    }

    @Test
    void propagateAddsThisPlatformToAMarkedFileAndLeavesAnUnmarkedOneAlone() throws Exception {
        Path marked = TestMedia.markedPicture(service.context, dir, "marked.jpg");
        HttpResponse<byte[]> r = sendBytes(post("/v1/propagate?name=marked.jpg&propagate-id=share-42", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofFile(marked)).build());
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Aigc-Propagate-Id")).hasValue("share-42");
        assertThat(r.headers().firstValue("Aigc-Content-Propagator")).isPresent();
        assertThat(r.headers().firstValue("Aigc-Received-State")).hasValue("VALID");
        assertThat(r.headers().firstValue("Aigc-Label")).hasValue("1");

        HttpResponse<byte[]> none = sendBytes(post("/v1/propagate?name=plain.jpg", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(none.statusCode()).as("nothing points to AI generation: nothing to write").isEqualTo(204);
        assertThat(none.headers().firstValue("Aigc-Exit-Code")).hasValue("3");
        assertThat(none.body()).isEmpty();
        service.awaitIdle();
    }

    @Test
    void optionsFollowTheCliRulesAndRefusalsAreClientErrors() throws Exception {
        HttpResponse<String> badLabel = service.send(post("/v1/mark?name=p.jpg&label=7", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(badLabel.statusCode()).isEqualTo(400);
        assertThat(badLabel.body()).contains("label=7");

        HttpResponse<String> unknown = service.send(post("/v1/mark?name=p.jpg&lable=1", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("'lable'");

        HttpResponse<String> junk = service.send(post("/v1/mark?name=junk.bin", ServiceFixture.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).build());
        assertThat(junk.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(junk.body());
        assertThat(error.get("error").asText()).isEqualTo("input.unreadable");
        assertThat(junk.body()).as("no server paths, no stack trace").doesNotContain(dir.toString())
                .doesNotContain("Exception").doesNotContain("\tat ");
        service.awaitIdle();
    }

    @Test
    void aServiceWithoutATokenDoesNotMark(@TempDir Path other) throws Exception {
        try (ServiceFixture verifyOnly = ServiceFixture.startVerifyOnly(other)) {
            HttpResponse<String> r = verifyOnly.send(HttpRequest.newBuilder(verifyOnly.uri("/v1/mark?name=p.jpg"))
                    .header("Authorization", "Bearer " + ServiceFixture.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(plainBytes)).build());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("marking.disabled");
            assertThat(verifyOnly.get("/healthz").body()).contains("\"marking\":false");
            assertThat(verifyOnly.get("/v1/registry").statusCode()).isEqualTo(404);
        }
    }
}
