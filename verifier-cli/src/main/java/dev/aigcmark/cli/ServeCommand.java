package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.PlatformKeys;
import dev.aigcmark.server.BearerToken;
import dev.aigcmark.server.RegistrySource;
import dev.aigcmark.server.ServerConfig;
import dev.aigcmark.server.VerifierServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code aigc serve}: builds the service's configuration from flags and the home folder, starts
 * {@link VerifierServer} and runs until stopped (SIGTERM or Ctrl-C stop it gracefully). stdout gets one line, the
 * address served (so {@code --port 0} can be used from scripts); the access log goes to stderr.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the verification and marking service: POST /v1/verify, /v1/mark, /v1/propagate,",
                "GET /v1/registry, /healthz, /metrics, /openapi.json and a web page at /.",
                "Prints the address served on stdout; logs one line per request on stderr. Stops gracefully on",
                "SIGTERM or Ctrl-C. Marking needs --token-file (clients send 'Authorization: Bearer <token>')."})
final class ServeCommand implements Callable<Integer>, OptionGroup.Carrier {

    @Spec
    CommandSpec spec;

    final HomeOption home = new HomeOption();

    final TrustOptions trustOptions = new TrustOptions();

    /** Each file's budget, as for {@code verify}; its wall clock is held within {@code --deadline}. */
    final LimitOptions limitOptions = new LimitOptions();

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the bearer token that enables /v1/mark and /v1/propagate (at least 16 characters).")
    Path tokenFile;

    @Option(names = "--max-request-size", paramLabel = "SIZE", converter = Sizes.class,
            description = "Largest request body, e.g. 256M, 2G (default: 256M).")
    Long maxRequestSize;

    @Option(names = "--workers", paramLabel = "N", description = "Files worked on at once (default: one per core).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Admitted requests that may wait for a worker; one more gets 503 + Retry-After (default: 64).")
    Integer queue;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = Durations.class,
            description = "Time a verify may take from admission to answer, queue wait included (default: 60s).")
    Duration deadline;

    @Option(names = "--mark-deadline", paramLabel = "DURATION", converter = Durations.class,
            description = "The same for mark and propagate (default: 10m).")
    Duration markDeadline;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Close a connection silent for this long (default: 30s).")
    Duration idleTimeout;

    @Option(names = "--upload-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "A request body must arrive within this (default: 5m).")
    Duration uploadTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", converter = Durations.class,
            description = "On stop, requests in flight get this long to finish (default: 30s).")
    Duration shutdownGrace;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where uploads are spooled, one folder per request, deleted when it ends (default: the system's).")
    Path tempDir;

    @Option(names = "--trust-forwarded",
            description = "Take the client address from X-Forwarded-For/Forwarded (only behind a proxy that sets them).")
    boolean trustForwarded;

    @Override
    public List<OptionGroup> optionGroups() {
        return List.of(home, trustOptions, limitOptions);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServerLogging.toStderr();
        VerifierServer server = start();
        // java.util.logging resets itself in its own shutdown hook, so the stop is reported on stderr directly.
        Thread hook = new Thread(() -> {
            err.println("aigc: stopping; requests in flight get up to " + server.config().shutdownGrace().toSeconds() + " s");
            err.flush();
            server.close();
            err.println("aigc: stopped");
            err.flush();
        }, "aigc-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.uri());
        out.flush();
        err.println("aigc: serving on " + server.uri() + " (marking " + (tokenFile != null ? "on" : "off")
                + "); stop with Ctrl-C");
        err.flush();
        server.join();
        return 0;
    }

    /** Builds the configuration from the options and the home folder, and starts the service (tests stop it). */
    VerifierServer start() {
        PrintWriter err = spec.commandLine().getErr();
        Workspace workspace = new Workspace(home.resolve(), err);
        // Marking needs an identity (a development one is created on first use, as for 'aigc mark'); made before
        // the verification context, so what this service marks verifies here.
        BearerToken token = tokenFile != null ? token(err) : null;
        PlatformIdentity identity = token != null ? workspace.identity() : null;
        SdkContext trusted = trustOptions.verificationContext(workspace);
        SdkContext verification = trusted.toBuilder().limits(limitOptions.apply(trusted.limits(), false)).build();
        ServerConfig.Builder config = ServerConfig.builder(verification).host(host).port(port)
                .trustForwarded(trustForwarded);
        if (maxRequestSize != null) {
            config.maxRequestBytes(maxRequestSize);
        }
        if (workers != null) {
            config.workers(workers);
        }
        if (queue != null) {
            config.queue(queue);
        }
        if (deadline != null) {
            config.verifyDeadline(deadline);
        }
        if (markDeadline != null) {
            config.markDeadline(markDeadline);
        }
        if (idleTimeout != null) {
            config.idleTimeout(idleTimeout);
        }
        if (uploadTimeout != null) {
            config.uploadTimeout(uploadTimeout);
        }
        if (shutdownGrace != null) {
            config.shutdownGrace(shutdownGrace);
        }
        if (tempDir != null) {
            config.tempDir(tempDir);
        }
        if (token != null) {
            config.marking(verification.toBuilder().identity(identity).build(), token);
        }
        Path homeDir = workspace.home();
        if (IdentityStore.exists(homeDir)) {
            config.registry(() -> {
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                String fingerprint = PlatformKeys.exportSigned(homeDir, workspace.environment(), json);
                return new RegistrySource.Entry(json.toString(StandardCharsets.UTF_8), fingerprint);
            });
        }
        ServerConfig built;
        try {
            built = config.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        try {
            return VerifierServer.start(built);
        } catch (IOException e) {
            throw CliException.unreadable(e.getMessage(), e);
        }
    }

    /** The token from its file; warns when others may read it (as ssh does for keys). */
    private BearerToken token(PrintWriter err) {
        String secret;
        try {
            secret = Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.unreadable("--token-file " + tokenFile + ": " + e.getMessage(), e);
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(tokenFile);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                err.println("aigc: warning: " + tokenFile + " is readable by others; chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
        try {
            return BearerToken.of(secret);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--token-file " + tokenFile + ": " + e.getMessage());
        }
    }
}
