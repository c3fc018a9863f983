package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.core.trust.TrustStore;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The home folder as the commands use it: the identity (a development one created on first use, said so on
 * stderr) and what a verifier trusts by default (the local trust registry plus this platform's own entry, so
 * what this machine marked verifies here; a development identity still never counts as TRUSTED).
 */
final class Workspace {
    private final Path home;
    private final PrintWriter err;
    private final Clock clock;
    private final Map<String, String> environment;
    /** Why this platform's own trust entry could not be read when a verification first needed it. */
    private volatile CliException ownEntryFailure;

    /** {@code home} with this process's environment, where identity.json's passwordEnv names key passwords. */
    Workspace(Path home, PrintWriter err) {
        this(home, err, Clock.systemUTC(), System.getenv());
    }

    Workspace(Path home, PrintWriter err, Clock clock, Map<String, String> environment) {
        this.home = home;
        this.err = err;
        this.clock = clock;
        this.environment = environment;
    }

    Path home() {
        return home;
    }

    /** The environment handed to the SDK wherever it reads the identity's keys (the SDK reads none itself). */
    Map<String, String> environment() {
        return environment;
    }

    /** The home identity, creating a development identity first when there is none. */
    PlatformIdentity identity() {
        boolean existed = IdentityStore.exists(home);
        try {
            PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home, clock, environment);
            if (!existed) {
                err.println("aigc: created a development identity in " + home
                        + " (development identity, not trusted; for production configure your own keys)");
            }
            return identity;
        } catch (IOException e) {
            throw CliException.unreadable("identity in " + home + ": " + e.getMessage(), e);
        }
    }

    /** The home identity if one exists; never creates one (verifying must not write keys). */
    Optional<PlatformIdentity> existingIdentity() {
        return ifIdentityExists(() -> IdentityStore.load(home, environment));
    }

    /** This platform's own trust-registry entry, as {@code aigc keys export} writes it. */
    Optional<TrustedPlatform> ownEntry() {
        return ifIdentityExists(() -> IdentityStore.exportTrustedPlatform(home, environment));
    }

    /**
     * The failure to read this platform's own trust entry, if a verification needed the entry and it could not be
     * read (the reports of those files say so too): a damaged identity must not pass for a clean run.
     */
    Optional<CliException> ownEntryFailure() {
        return Optional.ofNullable(ownEntryFailure);
    }

    private interface IdentityRead<T> {
        T read() throws IOException;
    }

    private <T> Optional<T> ifIdentityExists(IdentityRead<T> read) {
        if (!IdentityStore.exists(home)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.read());
        } catch (IOException e) {
            throw CliException.unreadable("identity in " + home + ": " + e.getMessage(), e);
        }
    }

    /** The local trust registry (empty when none was imported yet). */
    TrustRegistry localRegistry() {
        try {
            return TrustStore.load(home);
        } catch (IOException e) {
            throw CliException.unreadable("trust registry in " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@code aigc verify} trusts: the local registry, this platform's own entry (read when a mark is first
     * checked against the registry), the registries named with --trust, and the C2PA anchors named with --anchors.
     */
    SdkContext verificationContext(List<Path> registries, List<Path> anchorFiles) {
        TrustRegistry trust = localRegistry();
        if (IdentityStore.exists(home)) {
            // Reading the identity's certificates starts BouncyCastle and parses every key: a third of a short
            // run's CPU. Deferred, it is paid only when a file's marks are checked against the registry; a file
            // without marks never asks. A damaged identity then shows in the reports of the files that needed it.
            TrustRegistry local = trust;
            trust = TrustRegistry.deferred(() -> {
                try {
                    return ownEntry().map(local::with).orElse(local);
                } catch (CliException e) {
                    ownEntryFailure = e;
                    throw e;
                }
            });
        }
        for (Path file : registries) {
            try {
                for (TrustedPlatform p : TrustRegistryJson.read(file).platforms()) {
                    trust = trust.with(p);
                }
            } catch (IOException e) {
                throw CliException.unreadable("--trust " + file + ": " + e.getMessage(), e);
            }
        }
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : anchorFiles) {
            try {
                anchors.addAll(Pem.readCertificates(Pem.readFile(file)));
            } catch (IOException e) {
                throw CliException.unreadable("--anchors " + file + ": " + e.getMessage(), e);
            }
        }
        return SdkContext.builder().trust(trust).trustAnchors(anchors).clock(clock).build();
    }
}
