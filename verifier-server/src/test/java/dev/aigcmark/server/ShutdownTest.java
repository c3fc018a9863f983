package dev.aigcmark.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping as a load balancer's rolling restart needs it: once {@link VerifierServer#close()} starts, no new
 * connection is taken, the request in flight still gets its answer within the grace, and the spool is emptied.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aRequestInFlightIsAnsweredWhileTheServiceStops() throws Exception {
        Path picture = TestMedia.picture(dir, "p.jpg");
        HeldCodec held = new HeldCodec();
        ServiceFixture service = ServiceFixture.start(dir, held.context(dir.resolve("v")),
                b -> b.shutdownGrace(Duration.ofSeconds(30)));
        int port = service.server.port();
        CompletableFuture<HttpResponse<String>> call = service.http.sendAsync(HttpRequest.newBuilder(
                service.uri("/v1/verify?name=p.jpg")).POST(HttpRequest.BodyPublishers.ofFile(picture)).build(),
                HttpResponse.BodyHandlers.ofString());
        LimitsTest.awaitInFlight(service, 1);

        Thread stopper = new Thread(service::close, "test-stop");
        stopper.start();
        awaitRefused(port);
        assertThat(stopper.isAlive()).as("close() waits for the request in flight").isTrue();

        held.open();
        HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).at("/reports/0/file").asText()).isEqualTo("p.jpg");
        stopper.join(60_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(service.spooled()).as("uploads left behind").isEmpty();
    }

    /** Waits (up to 20 s) until the port takes no new connection. */
    private static void awaitRefused(int port) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            }
        }
        throw new AssertionError("the port still takes connections 20 s after close() began");
    }
}
