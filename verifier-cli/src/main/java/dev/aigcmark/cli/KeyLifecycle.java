package dev.aigcmark.cli;

import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.identity.PlatformKeys;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.trust.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** {@code aigc keys install-cert | rotate | revoke}: the life of a production identity's keys after creation. */
final class KeyLifecycle {

    private KeyLifecycle() {
    }

    @Command(name = "install-cert", mixinStandardHelpOptions = true,
            description = "Installs the certificate chain a CA issued for a certificate request of 'keys init --csr'.")
    static final class InstallCert extends KeysCommand.KeysSubcommand {
        @Option(names = "--role", required = true, paramLabel = "label|c2pa", description = "Which signer the chain is for.")
        PlatformKeys.Role role;

        @Parameters(paramLabel = "CHAIN.pem", description = "The issued certificate, its intermediates and (optionally) the root.")
        Path chain;

        @Override
        public Integer call() {
            Workspace w = workspace();
            requireIdentity(w);
            List<X509Certificate> certificates;
            try {
                certificates = Pem.readCertificates(Pem.readFile(chain));
            } catch (IOException e) {
                throw CliException.unreadable(chain + ": " + e.getMessage(), e);
            }
            try {
                X509Certificate leaf = PlatformKeys.installCertificates(w.home(), w.environment(), role, certificates);
                out().println("installed the " + role.name().toLowerCase(Locale.ROOT) + " certificate "
                        + leaf.getSubjectX500Principal().getName() + " (expires " + leaf.getNotAfter().toInstant() + ")");
            } catch (IOException e) {
                throw CliException.unreadable(e.getMessage(), e);
            }
            return ExitCodes.VALID;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Replaces the label signing key and the watermark key. The old label key stays valid for what",
                    "it signed and co-signs the next exported entry, so platforms that imported you accept the new key;",
                    "the old watermark key stays in the entry as retired, so its marks are still recognised as yours."})
    static final class Rotate extends KeysCommand.KeysSubcommand {
        @Override
        public Integer call() {
            Workspace w = workspace();
            requireIdentity(w);
            try {
                PublicKey key = PlatformKeys.rotateLabelKey(w.home(), w.environment(), Clock.systemUTC());
                WatermarkKey watermark = PlatformKeys.rotateWatermarkKey(w.home());
                out().println("new label key " + TrustPolicy.fingerprint(key) + "; new watermark key "
                        + watermark.fingerprint() + " (issuer id " + watermark.issuerId() + "); export your entry again "
                        + "and send it to the platforms that recognise you");
            } catch (IOException e) {
                throw CliException.unreadable(e.getMessage(), e);
            }
            return ExitCodes.VALID;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Withdraws a previous label or watermark key (compromised, lost): verifiers that import your",
                    "next entry fail its signatures and its watermarks."})
    static final class Revoke extends KeysCommand.KeysSubcommand {
        @Parameters(paramLabel = "FINGERPRINT", description = "The key's SHA-256 fingerprint (at least 8 hex digits).")
        String fingerprint;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "key compromise", description = "Why (default: key compromise).")
        String reason;

        @Override
        public Integer call() {
            Workspace w = workspace();
            requireIdentity(w);
            try {
                String revoked = PlatformKeys.revokeKey(w.home(), w.environment(), fingerprint, reason, Clock.systemUTC());
                out().println("revoked " + revoked + " (" + reason + "); export your "
                        + "entry again and send it to the platforms that recognise you");
            } catch (IOException e) {
                throw CliException.usage(e.getMessage());
            }
            return ExitCodes.VALID;
        }
    }
}
