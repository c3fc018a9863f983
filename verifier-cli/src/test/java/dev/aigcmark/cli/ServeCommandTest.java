package dev.aigcmark.cli;

import dev.aigcmark.server.VerifierServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc serve} as the command builds it from its flags and home: {@code POST /v1/verify} of a JPEG marked by
 * {@code aigc mark} answers exactly what {@code aigc verify --json} prints for it, marking is on with
 * {@code --token-file}, and {@code /v1/registry} is the entry {@code aigc keys export} writes.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyOverHttpAnswersWhatTheCliPrints() throws Exception {
        Path home = dir.resolve("home");
        Path picture = dir.resolve("photo.jpg");
        ImageIO.write(SamplePicture.of(480, 320, 0), "jpeg", picture.toFile());
        Path marked = dir.resolve("marked.jpg");
        CliRun mark = CliRun.run("mark", picture.toString(), "-o", marked.toString(), "--home", home.toString());
        assertThat(mark.exitCode()).as(mark.toString()).isZero();
        CliRun verify = CliRun.run("verify", "--json", marked.toString(), "--home", home.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        CliRun export = CliRun.run("keys", "export", "-o", dir.resolve("entry.json").toString(), "--home", home.toString());
        assertThat(export.exitCode()).as(export.toString()).isZero();

        Path token = dir.resolve("token");
        Files.writeString(token, "a-token-for-the-test-0123456789\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        StringWriter err = new StringWriter();
        CommandLine cl = AigcCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        cl.parseArgs("serve", "--port", "0", "--home", home.toString(), "--token-file", token.toString(),
                "--temp-dir", Files.createDirectories(dir.resolve("spool")).toString());
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        HttpClient http = HttpClient.newHttpClient();
        try (VerifierServer server = serve.start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(
                    "v1/verify?name=marked.jpg"))
                    .POST(HttpRequest.BodyPublishers.ofFile(marked)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            // The CLI names the file by the path it was given, the service by the name the client sent.
            assertThat(r.body()).isEqualTo(verify.out().replace(marked.toString(), "marked.jpg"));
            assertThat(r.headers().firstValue("Aigc-Exit-Code")).hasValue("0");

            HttpResponse<String> registry = http.send(HttpRequest.newBuilder(server.uri().resolve("v1/registry")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registry.statusCode()).isEqualTo(200);
            assertThat(export.out()).contains("fingerprint " + registry.headers().firstValue("Aigc-Fingerprint").orElseThrow());

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.uri().resolve("healthz")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"marking\":true");
        }
        assertThat(err.toString()).as("the token file is private: no warning").doesNotContain("readable by others");
    }

    /**
     * {@code serve} takes the budget options of {@code verify} (same syntax): a picture over {@code --max-pixels}
     * is answered with an UNREADABLE report naming the limit, and the per-file wall clock is held within
     * {@code --deadline}.
     */
    @Test
    void serveAppliesTheBudgetOptionsToEachFile() throws Exception {
        Path picture = dir.resolve("photo.png");
        ImageIO.write(SamplePicture.of(480, 320, 0), "png", picture.toFile());
        CommandLine cl = AigcCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs("serve", "--port", "0", "--home", dir.resolve("home").toString(), "--max-pixels", "10000",
                "--cpu-timeout", "2s", "--deadline", "5s",
                "--temp-dir", Files.createDirectories(dir.resolve("spool")).toString());
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        try (VerifierServer server = serve.start()) {
            assertThat(server.config().verification().limits().verifyCpuTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(server.config().verification().limits().verifyWallTimeout()).isEqualTo(Duration.ofSeconds(5));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve(
                    "v1/verify?name=photo.png")).POST(HttpRequest.BodyPublishers.ofFile(picture)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"asset.tooLarge\"").contains("10000");
            assertThat(r.headers().firstValue("Aigc-Exit-Code")).hasValue("4");
        }
    }
}
