package dev.aigcmark.spark;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustRegistryJson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an executor needs to build the {@link SdkContext} it verifies with, in a form Spark can ship once per job as
 * a broadcast: the trust registry in its JSON form and the C2PA and time-stamp anchors as PEM text (the SDK's own
 * types are not {@link Serializable}, and their text forms are the ones users already review and diff), and the
 * per-file {@link ReadLimits} every executor applies. Built on the driver, where the files are read and checked;
 * executors parse it once per JVM ({@link ExecutorContexts}). A mark or propagate job takes its context from these
 * settings too, so the limits bound marking as well.
 */
public final class VerifySettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id = UUID.randomUUID().toString();
    private final byte[] trustRegistryJson;
    private final String trustAnchorsPem;
    private final String tsaAnchorsPem;
    private final boolean localFilesDirect;
    private final ReadLimits limits;

    private VerifySettings(Builder b) {
        this.trustRegistryJson = registryJson(b.trust);
        this.trustAnchorsPem = Pem.write(b.trustAnchors);
        this.tsaAnchorsPem = Pem.write(b.tsaAnchors);
        this.localFilesDirect = b.localFilesDirect;
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of a verifier: an empty trust registry (nothing is TRUSTED), no extra anchors, default limits. */
    public static VerifySettings defaults() {
        return builder().build();
    }

    /** Identifies these settings in an executor's cache of contexts (one per settings, not per task). */
    String id() {
        return id;
    }

    /**
     * Whether {@code file:} inputs are read with Java NIO rather than Hadoop's local file system (which opens the
     * file again for every positional read and looks for checksum files). The bytes are the same.
     */
    boolean localFilesDirect() {
        return localFilesDirect;
    }

    /** The per-file budget every executor applies. */
    public ReadLimits limits() {
        return limits;
    }

    /** The context these settings describe; parses the registry and anchors (once per executor JVM). */
    SdkContext toContext() {
        try {
            TrustRegistry trust = TrustRegistryJson.read(new ByteArrayInputStream(trustRegistryJson), "the job's trust registry");
            return SdkContext.builder().trust(trust).trustAnchors(certificates(trustAnchorsPem))
                    .tsaAnchors(certificates(tsaAnchorsPem)).limits(limits).build();
        } catch (IOException e) {
            // Written and parsed by the same SDK on the driver: failing here is a bug, not bad input.
            throw new UncheckedIOException("the job's trust settings do not parse on this executor", e);
        }
    }

    private static List<X509Certificate> certificates(String pem) throws IOException {
        return pem.isBlank() ? List.of() : Pem.readCertificates(pem);
    }

    private static byte[] registryJson(TrustRegistry trust) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TrustRegistryJson.write(trust, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static final class Builder {
        private TrustRegistry trust = TrustRegistry.empty();
        private List<X509Certificate> trustAnchors = List.of();
        private List<X509Certificate> tsaAnchors = List.of();
        private boolean localFilesDirect = true;
        private ReadLimits limits = ReadLimits.defaults();

        /** Platforms whose marks count as TRUSTED (merged from every registry the job was given). */
        public Builder trust(TrustRegistry registry) {
            this.trust = registry;
            return this;
        }

        /** C2PA trust anchors given besides the registry. */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = new ArrayList<>(anchors);
            return this;
        }

        /** Trusted RFC 3161 time-stamp authorities. */
        public Builder tsaAnchors(List<X509Certificate> anchors) {
            this.tsaAnchors = new ArrayList<>(anchors);
            return this;
        }

        /** Read {@code file:} paths through Hadoop's file system API too (default: Java NIO). */
        public Builder localFilesDirect(boolean direct) {
            this.localFilesDirect = direct;
            return this;
        }

        /**
         * The per-file budget (default {@link ReadLimits#defaults()}): a file over it ends UNREADABLE with the code
         * naming the limit and the job goes on. Raise the time limits for large videos; lower them for uploads.
         */
        public Builder limits(ReadLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public VerifySettings build() {
            return new VerifySettings(this);
        }
    }
}
