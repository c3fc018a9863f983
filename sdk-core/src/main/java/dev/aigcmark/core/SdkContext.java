package dev.aigcmark.core;

import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.trust.TrustRegistry;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Everything marking and verifying depend on, fixed at construction: the format handlers and mark codecs
 * (from {@link ServiceLoader} unless given), the trust registry, extra C2PA trust anchors, read limits,
 * the clock (pinned in tests so certificate validity does not drift), the source of random ids and salts
 * (seeded in tests so marked bytes repeat) and, for marking, the platform identity.
 * Immutable and thread-safe; there is no global registry.
 */
public final class SdkContext {
    private final List<FormatHandler> handlers;
    private final List<MarkCodec> codecs;
    private final TrustRegistry trust;
    private final List<X509Certificate> trustAnchors;
    private final List<X509Certificate> tsaAnchors;
    private final ReadLimits limits;
    private final boolean fetchRemoteManifests;
    private final Clock clock;
    private final RandomSource random;
    private final PlatformIdentity identity;
    private final Path workFolder;

    private SdkContext(Builder b) {
        this.handlers = List.copyOf(b.handlers != null ? b.handlers : loadHandlers());
        List<MarkCodec> c = new ArrayList<>(b.codecs != null ? b.codecs : load(MarkCodec.class));
        c.sort(Comparator.comparingInt(MarkCodec::order).thenComparing(MarkCodec::id));
        this.codecs = List.copyOf(c);
        this.trust = b.trust;
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.tsaAnchors = List.copyOf(b.tsaAnchors);
        this.limits = b.limits;
        this.fetchRemoteManifests = b.fetchRemoteManifests;
        this.clock = b.clock;
        this.random = b.random != null ? b.random : RandomSource.secure();
        this.identity = b.identity;
        this.workFolder = b.workFolder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Handlers and codecs from the class path, an empty trust registry, default limits, the system clock. */
    public static SdkContext defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().handlers(handlers).codecs(codecs).trust(trust).trustAnchors(trustAnchors)
                .tsaAnchors(tsaAnchors).limits(limits).fetchRemoteManifests(fetchRemoteManifests)
                .clock(clock).random(random).identity(identity).workFolder(workFolder);
    }

    public List<FormatHandler> handlers() {
        return handlers;
    }

    public List<MarkCodec> codecs() {
        return codecs;
    }

    public TrustRegistry trust() {
        return trust;
    }

    /** C2PA trust anchors given besides the registry (e.g. a PEM bundle). */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /**
     * Time-stamp authorities trusted for RFC 3161 time-stamps in C2PA v2 claims. A time-stamp from any other TSA
     * does not count ({@code timeStamp.untrusted}): the signer's certificate is then judged at the validation
     * time, as the reference reader does.
     */
    public List<X509Certificate> tsaAnchors() {
        return tsaAnchors;
    }

    public ReadLimits limits() {
        return limits;
    }

    /**
     * Whether a C2PA manifest an asset only references (XMP {@code dcterms:provenance}) may be fetched over the
     * network. Off by default: verification stays offline and reports such a manifest as inaccessible.
     */
    public boolean fetchRemoteManifests() {
        return fetchRemoteManifests;
    }

    public Clock clock() {
        return clock;
    }

    /** Random ids and salts written by marking ({@link RandomSource#secure()} unless given). */
    public RandomSource random() {
        return random;
    }

    public Optional<PlatformIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** The identity, or an exception naming what is missing (marking needs one). */
    public PlatformIdentity requireIdentity() {
        if (identity == null) {
            throw new IllegalStateException("marking needs a platform identity: configure one, or run 'aigc keys init'");
        }
        return identity;
    }

    /**
     * Where marking a stream or a video puts its folder of intermediate files (the spooled input, the decoded and
     * re-encoded copy), removed with everything in it when the call ends, failed or not; empty: the system's
     * temporary folder. A platform points it at a disk with room for its largest file.
     */
    public Optional<Path> workFolder() {
        return Optional.ofNullable(workFolder);
    }

    public Optional<FormatHandler> handler(String id) {
        return handlers.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    private static List<FormatHandler> loadHandlers() {
        List<FormatHandler> list = new ArrayList<>(load(FormatHandler.class));
        list.sort(Comparator.comparingInt(FormatHandler::priority).reversed().thenComparing(FormatHandler::id));
        return list;
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> list = new ArrayList<>();
        ServiceLoader.load(type, SdkContext.class.getClassLoader()).forEach(list::add);
        return list;
    }

    public static final class Builder {
        private List<FormatHandler> handlers;
        private List<MarkCodec> codecs;
        private TrustRegistry trust = TrustRegistry.empty();
        private List<X509Certificate> trustAnchors = List.of();
        private List<X509Certificate> tsaAnchors = List.of();
        private ReadLimits limits = ReadLimits.defaults();
        private boolean fetchRemoteManifests;
        private Clock clock = Clock.systemUTC();
        private RandomSource random;
        private PlatformIdentity identity;
        private Path workFolder;

        public Builder handlers(List<FormatHandler> handlers) {
            this.handlers = handlers;
            return this;
        }

        public Builder codecs(List<MarkCodec> codecs) {
            this.codecs = codecs;
            return this;
        }

        public Builder trust(TrustRegistry trust) {
            this.trust = Objects.requireNonNull(trust);
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = List.copyOf(anchors);
            return this;
        }

        public Builder tsaAnchors(List<X509Certificate> anchors) {
            this.tsaAnchors = List.copyOf(anchors);
            return this;
        }

        public Builder limits(ReadLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Allows fetching referenced (remote) C2PA manifests: http(s), bounded in time and size. */
        public Builder fetchRemoteManifests(boolean fetch) {
            this.fetchRemoteManifests = fetch;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder identity(PlatformIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** See {@link SdkContext#workFolder()}; null: the system's temporary folder. */
        public Builder workFolder(Path folder) {
            this.workFolder = folder;
            return this;
        }

        public SdkContext build() {
            return new SdkContext(this);
        }
    }
}
