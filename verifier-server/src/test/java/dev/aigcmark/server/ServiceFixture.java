package dev.aigcmark.server;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.testing.DevelopmentContexts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A started service on 127.0.0.1 and a free port, a development identity under a temporary home, and the
 * JDK's HTTP client to talk to it: the tests speak real HTTP to a real server.
 */
final class ServiceFixture implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";

    final Path home;
    final Path spoolRoot;
    final SdkContext context;
    final VerifierServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServiceFixture(Path home, Path spoolRoot, SdkContext context, VerifierServer server) {
        this.home = home;
        this.spoolRoot = spoolRoot;
        this.context = context;
        this.server = server;
    }

    /** A service with marking on (token {@link #TOKEN}); {@code tune} changes the defaults. */
    static ServiceFixture start(Path dir, UnaryOperator<ServerConfig.Builder> tune) throws IOException {
        return start(dir, null, tune);
    }

    /** The same with another verification context (e.g. with a test codec); null for the identity's own. */
    static ServiceFixture start(Path dir, SdkContext verification, UnaryOperator<ServerConfig.Builder> tune) throws IOException {
        Path home = dir.resolve("home");
        Path spool = Files.createDirectories(dir.resolve("spool"));
        SdkContext context = DevelopmentContexts.marking(home);
        SdkContext verifying = verification != null ? verification : context;
        ServerConfig.Builder b = ServerConfig.builder(verifying).host("127.0.0.1").port(0).tempDir(spool)
                .marking(context, BearerToken.of(TOKEN)).shutdownGrace(Duration.ofSeconds(5));
        VerifierServer server = VerifierServer.start(tune.apply(b).build());
        return new ServiceFixture(home, spool, context, server);
    }

    /** A service that only verifies (no token, so no marking), as {@code aigc serve} without --token-file. */
    static ServiceFixture startVerifyOnly(Path dir) throws IOException {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        SdkContext context = DevelopmentContexts.marking(dir.resolve("home"));
        VerifierServer server = VerifierServer.start(ServerConfig.builder(context).host("127.0.0.1").port(0)
                .tempDir(spool).shutdownGrace(Duration.ofSeconds(5)).build());
        return new ServiceFixture(dir.resolve("home"), spool, context, server);
    }

    URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> postFile(String path, Path file) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofFile(file)).build());
    }

    /**
     * Files left in the service's spool (there must be none once requests have ended). While requests end, the
     * service removes their spool entries as this walks them: such an entry is gone, so the listing is taken again
     * (the final CI of session 15 failed on a NoSuchFileException from the walk while awaitIdle polled).
     */
    List<Path> spooled() throws IOException {
        while (true) {
            try (Stream<Path> s = Files.walk(spoolRoot)) {
                return s.filter(Files::isRegularFile).toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    /** Waits (up to 10 s) until no request holds a place and nothing is spooled: the state after any request. */
    void awaitIdle() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (spooled().isEmpty() && get("/healthz").body().contains("\"inFlight\":0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the service did not become idle: spooled " + spooled() + ", " + get("/healthz").body());
    }

    @Override
    public void close() {
        server.close();
    }
}
