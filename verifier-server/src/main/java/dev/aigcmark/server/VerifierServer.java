package dev.aigcmark.server;

import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The verification and marking service on embedded Jetty 12 (core API, no servlet layer): {@code POST /v1/verify},
 * {@code /v1/mark}, {@code /v1/propagate}, {@code GET /v1/registry}, {@code /healthz}, {@code /metrics},
 * {@code /openapi.json} and the web page at {@code /}. A platform embeds it with its own {@link ServerConfig};
 * {@code aigc serve} only builds the config from its flags and starts it. Nothing here prints or exits: messages go
 * to {@link System.Logger}s ({@code dev.aigcmark.server.access} has one line per request).
 *
 * <p>{@link #close()} stops gracefully: {@code /healthz} turns 503, new requests get 503, requests in flight get
 * the configured grace to finish, then workers are stopped and every spooled file is deleted.
 */
public final class VerifierServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VerifierServer.class.getName());
    private static final String WEB = "dev/aigcmark/server/web/";

    private final ServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final WorkerPool pool;
    private final Path spool;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private VerifierServer(ServerConfig config, Server jetty, ServerConnector connector, WorkerPool pool, Path spool) {
        this.config = config;
        this.jetty = jetty;
        this.connector = connector;
        this.pool = pool;
        this.spool = spool;
    }

    /**
     * Starts listening; returns once requests are accepted.
     *
     * @throws IOException when the address cannot be bound (in use, not this machine's) or the spool folder cannot
     *                     be created
     */
    public static VerifierServer start(ServerConfig config) throws IOException {
        Path spool = Files.createTempDirectory(config.tempDir(), "aigc-serve-");
        WorkerPool pool = new WorkerPool(config.workers(), config.capacity(), spool);
        // Each admitted request holds an HTTP thread while its body arrives and its work runs; a few more serve
        // health checks, metrics and refusals when the service is full.
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32, config.capacity() + 24), 4);
        threads.setName("aigc-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        jetty.setStopTimeout(config.shutdownGrace().toMillis());
        jetty.setStopAtShutdown(false);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (config.trustForwarded()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        jetty.addConnector(connector);

        VerifierServer server = new VerifierServer(config, jetty, connector, pool, spool);
        ServerMetrics metrics = new ServerMetrics(pool::inFlight, pool::working, config.capacity());
        Intake intake = new Intake(config, pool, metrics);
        InfoEndpoints info = new InfoEndpoints(config, pool, metrics, server.stopping::get);
        MarkingEndpoints marking = new MarkingEndpoints(intake, config);
        Map<Route, Endpoint> endpoints = new EnumMap<>(Route.class);
        endpoints.put(Route.VERIFY, new VerifyEndpoint(intake, config, metrics));
        endpoints.put(Route.MARK, marking.mark());
        endpoints.put(Route.PROPAGATE, marking.propagate());
        endpoints.put(Route.REGISTRY, info.registry());
        endpoints.put(Route.HEALTH, info.health());
        endpoints.put(Route.METRICS, info.metrics());
        endpoints.put(Route.OPENAPI, info.openApi());

        ResourceHandler page = new ResourceHandler();
        page.setBaseResource(ResourceFactory.of(jetty).newClassLoaderResource(WEB));
        page.setWelcomeFiles(List.of("index.html"));
        page.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        page.setDirAllowed(false);
        page.setCacheControl("no-cache");
        jetty.setHandler(new GracefulHandler(new ApiHandler(endpoints, metrics, config, page)));
        jetty.setErrorHandler(new JsonErrorHandler());
        try {
            jetty.start();
        } catch (Exception e) {
            server.stopQuietly();
            throw new IOException("cannot start the service on " + config.host() + ":" + config.port() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
        LOG.log(System.Logger.Level.INFO, () -> "listening on " + server.uri() + " (workers " + config.workers()
                + ", queue " + config.queue() + ", max request " + config.maxRequestBytes() + " bytes, marking "
                + (config.marking().isPresent() ? "on" : "off") + ")");
        return server;
    }

    public ServerConfig config() {
        return config;
    }

    /** The port listened on (the one picked when the config said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops gracefully (see the class comment); safe to call more than once. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "stopping: requests in flight get up to "
                + config.shutdownGrace().toSeconds() + " s");
        stopQuietly();
    }

    private void stopQuietly() {
        stopping.set(true);
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the HTTP server: " + e.getMessage());
        }
        pool.shutdown(config.shutdownGrace());
        TempFiles.deleteTree(spool, LOG);
    }
}
