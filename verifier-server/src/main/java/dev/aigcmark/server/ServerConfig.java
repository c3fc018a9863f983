package dev.aigcmark.server;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the service runs with, as typed values (the service reads no files, flags or environment itself:
 * {@code aigc serve} or an embedding platform builds this). Immutable; {@link #builder(SdkContext)} has defaults
 * for a platform's upload service on a small machine.
 *
 * @param host             the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port             the port; 0 picks a free one ({@link VerifierServer#port()} tells which)
 * @param maxRequestBytes  the largest request body accepted (413 above it, refused before it is read when the
 *                         client declares its length)
 * @param workers          threads that verify or mark: at most this many files are worked on at once
 * @param queue            admitted requests that may wait for a worker besides those working; one more gets 503
 *                         with {@code Retry-After}
 * @param verifyDeadline   wall-clock time from admission to a verify response (queue wait included); the SDK's
 *                         per-file budget normally ends hostile input well before, as an UNREADABLE report
 * @param markDeadline     the same for mark and propagate (marking a video re-encodes it)
 * @param idleTimeout      a connection that sends nothing for this long is closed (a stalled upload gets 408)
 * @param uploadTimeout    the whole request body must arrive within this (a client trickling bytes gets 408)
 * @param shutdownGrace    on stop, requests in flight get this long to finish; new ones get 503
 * @param retryAfter       what {@code Retry-After} says when the service is full
 * @param tempDir          where uploads are spooled (one folder per request, deleted when the request ends)
 * @param trustForwarded   take the client address and scheme from {@code X-Forwarded-*}/{@code Forwarded}
 *                         headers (only behind a load balancer that sets them; anyone can forge them otherwise)
 * @param verification     the SDK context for verifying (trust registry, anchors, limits); its per-file wall-clock
 *                         budget is held within {@code verifyDeadline} (and the marking context's within
 *                         {@code markDeadline}), so a slow file ends as an UNREADABLE report inside the answer
 * @param marking          the SDK context for marking and propagating (with the platform identity); empty
 *                         disables {@code /v1/mark} and {@code /v1/propagate}
 * @param token            the bearer token the marking endpoints require; empty disables them
 * @param registry         this platform's signed trust-registry entry; empty makes {@code /v1/registry} 404
 */
public record ServerConfig(String host, int port, long maxRequestBytes, int workers, int queue,
                           Duration verifyDeadline, Duration markDeadline, Duration idleTimeout, Duration uploadTimeout,
                           Duration shutdownGrace, Duration retryAfter, Path tempDir, boolean trustForwarded,
                           SdkContext verification, Optional<SdkContext> marking, Optional<BearerToken> token,
                           Optional<RegistrySource> registry) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tempDir, "tempDir");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(marking, "marking");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(registry, "registry");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("the request size limit must be positive");
        }
        if (workers < 1 || queue < 0) {
            throw new IllegalArgumentException("at least one worker, and a queue of zero or more");
        }
        for (Duration d : new Duration[] {verifyDeadline, markDeadline, idleTimeout, uploadTimeout, retryAfter}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("deadlines and timeouts must be positive");
            }
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("the shutdown grace must be zero or more");
        }
    }

    /** Requests admitted at once: working plus waiting. */
    public int capacity() {
        return workers + queue;
    }

    /** Defaults around a verification context: loopback, port 8080, 256 MB bodies, one worker per core. */
    public static Builder builder(SdkContext verification) {
        return new Builder(verification);
    }

    public Builder toBuilder() {
        Builder b = new Builder(verification);
        b.host = host;
        b.port = port;
        b.maxRequestBytes = maxRequestBytes;
        b.workers = workers;
        b.queue = queue;
        b.verifyDeadline = verifyDeadline;
        b.markDeadline = markDeadline;
        b.idleTimeout = idleTimeout;
        b.uploadTimeout = uploadTimeout;
        b.shutdownGrace = shutdownGrace;
        b.retryAfter = retryAfter;
        b.tempDir = tempDir;
        b.trustForwarded = trustForwarded;
        b.marking = marking.orElse(null);
        b.token = token.orElse(null);
        b.registry = registry.orElse(null);
        return b;
    }

    /** The defaults are documented in docs/server.md; change them there too. */
    public static final class Builder {
        private final SdkContext verification;
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxRequestBytes = 256L << 20;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queue = 64;
        private Duration verifyDeadline = Duration.ofSeconds(60);
        private Duration markDeadline = Duration.ofMinutes(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration uploadTimeout = Duration.ofMinutes(5);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Duration retryAfter = Duration.ofSeconds(2);
        private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean trustForwarded;
        private SdkContext marking;
        private BearerToken token;
        private RegistrySource registry;

        private Builder(SdkContext verification) {
            this.verification = verification;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder maxRequestBytes(long v) {
            maxRequestBytes = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder queue(int v) {
            queue = v;
            return this;
        }

        public Builder verifyDeadline(Duration v) {
            verifyDeadline = v;
            return this;
        }

        public Builder markDeadline(Duration v) {
            markDeadline = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder uploadTimeout(Duration v) {
            uploadTimeout = v;
            return this;
        }

        public Builder shutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public Builder retryAfter(Duration v) {
            retryAfter = v;
            return this;
        }

        public Builder tempDir(Path v) {
            tempDir = v;
            return this;
        }

        public Builder trustForwarded(boolean v) {
            trustForwarded = v;
            return this;
        }

        /** Enables marking and propagating with this context (it must carry the platform identity) and token. */
        public Builder marking(SdkContext context, BearerToken bearer) {
            marking = context;
            token = bearer;
            return this;
        }

        public Builder registry(RegistrySource v) {
            registry = v;
            return this;
        }

        public ServerConfig build() {
            if ((marking == null) != (token == null)) {
                throw new IllegalArgumentException("marking needs both a context with an identity and a token");
            }
            return new ServerConfig(host, port, maxRequestBytes, workers, queue, verifyDeadline, markDeadline,
                    idleTimeout, uploadTimeout, shutdownGrace, retryAfter, tempDir, trustForwarded,
                    withinDeadline(verification, verifyDeadline, markDeadline),
                    Optional.ofNullable(marking).map(m -> withinDeadline(m, verifyDeadline, markDeadline)),
                    Optional.ofNullable(token), Optional.ofNullable(registry));
        }

        /**
         * The context with each file's wall-clock budget held within the request deadlines: a file that runs out of
         * time then ends as an UNREADABLE report ({@code asset.timeout}) inside the answer, and the batch of the
         * request goes on, instead of the whole request ending as 504 without a report.
         */
        private static SdkContext withinDeadline(SdkContext context, Duration verify, Duration mark) {
            if (verify == null || mark == null) {
                return context; // refused by the record's checks
            }
            ReadLimits limits = context.limits();
            if (limits.verifyWallTimeout().compareTo(verify) <= 0 && limits.markWallTimeout().compareTo(mark) <= 0) {
                return context;
            }
            ReadLimits.Builder held = limits.toBuilder();
            if (limits.verifyWallTimeout().compareTo(verify) > 0) {
                held.verifyWallTimeout(verify);
            }
            if (limits.markWallTimeout().compareTo(mark) > 0) {
                held.markWallTimeout(mark);
            }
            return context.toBuilder().limits(held.build()).build();
        }
    }
}
