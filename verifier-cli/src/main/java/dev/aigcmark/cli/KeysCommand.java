package dev.aigcmark.cli;

import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.PlatformKeys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.trust.RegistryEntry;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.core.trust.TrustStore;
import dev.aigcmark.core.trust.TrustedPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aigc keys}: this platform's identity and the local trust registry. Never prints a private key. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manages this platform's identity (keys, certificates) and the local trust registry.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class, KeysCommand.Export.class,
                KeysCommand.Import.class, KeyLifecycle.InstallCert.class, KeyLifecycle.Rotate.class,
                KeyLifecycle.Revoke.class})
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("aigc keys: give a subcommand: init, show, export, import, install-cert, "
                + "rotate or revoke");
        return ExitCodes.USAGE;
    }

    /** Shared by the subcommands: the home folder and the streams. */
    abstract static class KeysSubcommand implements Callable<Integer>, OptionGroup.Carrier {
        @Spec
        CommandSpec spec;

        final HomeOption home = new HomeOption();

        @Override
        public List<OptionGroup> optionGroups() {
            return List.of(home);
        }

        Workspace workspace() {
            return new Workspace(home.resolve(), spec.commandLine().getErr());
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PlatformIdentity requireIdentity(Workspace w) {
            return w.existingIdentity().orElseThrow(() -> CliException.unreadable("no identity in " + w.home()
                    + ": run 'aigc keys init' (or 'aigc demo') to create a development identity", null));
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates this platform's identity in the home folder if there is none; prints where it is.",
                    "Without --platform: a development identity (never TRUSTED anywhere).",
                    "With --platform NAME --producer CODE: a production identity, TRUSTED by platforms that import "
                            + "its entry (self-signed root, or --csr for certificate requests to a CA)."})
    static final class Init extends KeysSubcommand {
        @Option(names = "--platform", paramLabel = "NAME", description = "The platform's name, as reports show it.")
        String platform;

        @Option(names = "--producer", paramLabel = "CODE", description = "The platform's 27-character GB 45438 provider code.")
        String producer;

        @Option(names = "--algorithm", paramLabel = "sm2|p256|ed25519", defaultValue = "sm2",
                description = "The label signing key: sm2 (SM2/SM3, default), p256 (ECDSA) or ed25519.")
        String algorithm;

        @Option(names = "--csr", description = "Write certificate requests for a CA (then 'aigc keys install-cert') "
                + "instead of making a self-signed root.")
        boolean csr;

        @Override
        public Integer call() {
            Workspace w = workspace();
            if (platform == null) {
                if (producer != null || csr) {
                    throw CliException.usage("--producer and --csr make a production identity: give --platform NAME too");
                }
                boolean existed = IdentityStore.exists(w.home());
                PlatformIdentity identity = w.identity();
                out().println((existed ? "identity already present: " : "created identity: ") + identity.id()
                        + " in " + w.home().toAbsolutePath()
                        + (identity.development() ? " (development identity, not trusted)" : ""));
                return ExitCodes.VALID;
            }
            if (producer == null) {
                throw CliException.usage("--platform needs --producer CODE (the platform's provider code)");
            }
            PlatformKeys.Setup setup;
            try {
                setup = new PlatformKeys.Setup(platform, producer, algorithm(algorithm), csr);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            if (IdentityStore.exists(w.home())) {
                throw CliException.usage("an identity already exists in " + w.home() + "; give another --home, or "
                        + "use 'aigc keys rotate'");
            }
            try {
                PlatformIdentity identity = PlatformKeys.create(w.home(), setup, Clock.systemUTC());
                out().println("created platform identity: " + identity.id() + " (" + identity.displayName() + ") in "
                        + w.home().toAbsolutePath());
                out().println("  provider code " + identity.providerCode() + ", label key " + identity.labelSigner().algorithm()
                        + " " + TrustPolicy.fingerprint(identity.labelSigner().publicKey()));
                for (Path request : PlatformKeys.certificateRequests(w.home())) {
                    out().println("  certificate request for your CA: " + request
                            + " (then: aigc keys install-cert --role ... CHAIN.pem)");
                }
                out().println("  next: 'aigc keys export -o entry.json' and give the file to the platforms that should "
                        + "recognise your marks");
            } catch (IOException e) {
                throw CliException.unreadable("cannot create the identity in " + w.home() + ": " + e.getMessage(), e);
            }
            return ExitCodes.VALID;
        }

        static SignatureAlgorithm algorithm(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "sm2" -> SignatureAlgorithm.SM2_SM3;
                case "p256", "p-256", "es256" -> SignatureAlgorithm.ECDSA_P256_SHA256;
                case "ed25519" -> SignatureAlgorithm.ED25519;
                default -> throw CliException.usage("--algorithm " + name + ": use sm2, p256 or ed25519");
            };
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows the identity: id, name, provider code explained, key algorithms, certificates "
                    + "(never a private key).")
    static final class Show extends KeysSubcommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Workspace w = workspace();
            PlatformIdentity identity = requireIdentity(w);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("home", w.home().toAbsolutePath().toString());
            m.put("id", identity.id());
            m.put("name", identity.displayName());
            m.put("development", identity.development());
            m.put("providerCode", identity.providerCode());
            m.put("providerCodeExplained", ProviderCode.parse(identity.providerCode()).explain());
            m.put("labelSigner", signer(identity.labelSigner()));
            m.put("c2paSigner", identity.c2paSigner() == null ? null : signer(identity.c2paSigner()));
            m.put("watermarkIssuerId", identity.watermarkKey().issuerId());
            m.put("watermarkKey", identity.watermarkKey().fingerprint());
            m.put("caCertificates", IdentityStore.caCertificates(w.home()).stream().map(KeysCommand::certificate).toList());
            TrustedPlatform entry = PlatformKeys.entry(w.home(), w.environment());
            m.put("previousLabelKeys", entry.signingKeys().stream().skip(1).map(TrustPolicy::fingerprint).toList());
            m.put("revokedLabelKeys", entry.revokedKeys().stream().map(r -> TrustPolicy.fingerprint(r.key())
                    + " revoked " + r.revokedAt() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")")).toList());
            m.put("retiredWatermarkKeys", entry.retiredWatermarkKeys().stream()
                    .map(k -> k.fingerprint() + " issuer id " + k.issuerId()).toList());
            m.put("revokedWatermarkKeys", entry.revokedWatermarkKeys().stream().map(r -> r.key().fingerprint()
                    + " issuer id " + r.key().issuerId() + " revoked " + r.revokedAt()
                    + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")")).toList());
            out().print(json ? Json.write(m) + "\n" : text(m));
            return ExitCodes.VALID;
        }

        @SuppressWarnings("unchecked")
        private static String text(Map<String, Object> m) {
            StringBuilder sb = new StringBuilder();
            sb.append("identity:      ").append(m.get("id")).append(" (").append(m.get("name")).append(')')
                    .append(Boolean.TRUE.equals(m.get("development")) ? ", development identity, not trusted" : "")
                    .append('\n');
            sb.append("home:          ").append(m.get("home")).append('\n');
            sb.append("provider code: ").append(m.get("providerCodeExplained")).append('\n');
            for (String role : List.of("labelSigner", "c2paSigner")) {
                Map<String, Object> s = (Map<String, Object>) m.get(role);
                sb.append(role.equals("labelSigner") ? "label signer:  " : "C2PA signer:   ");
                if (s == null) {
                    sb.append("none\n");
                    continue;
                }
                sb.append(s.get("algorithm")).append(", public key SHA-256 ").append(s.get("publicKeySha256")).append('\n');
                for (Map<String, Object> c : (List<Map<String, Object>>) s.get("certificates")) {
                    sb.append("               ").append(c.get("subject")).append(", expires ").append(c.get("notAfter"))
                            .append('\n');
                }
            }
            sb.append("watermark:     issuer id ").append(m.get("watermarkIssuerId")).append(", key ")
                    .append(m.get("watermarkKey")).append('\n');
            for (String k : (List<String>) m.get("previousLabelKeys")) {
                sb.append("previous key:  ").append(k).append(" (still valid for what it signed)\n");
            }
            for (String k : (List<String>) m.get("revokedLabelKeys")) {
                sb.append("revoked key:   ").append(k).append('\n');
            }
            for (String k : (List<String>) m.get("retiredWatermarkKeys")) {
                sb.append("retired watermark key: ").append(k).append(" (its marks are still recognised)\n");
            }
            for (String k : (List<String>) m.get("revokedWatermarkKeys")) {
                sb.append("revoked watermark key: ").append(k).append('\n');
            }
            for (Map<String, Object> c : (List<Map<String, Object>>) m.get("caCertificates")) {
                sb.append("CA:            ").append(c.get("subject")).append(", expires ").append(c.get("notAfter")).append('\n');
            }
            return sb.toString();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes this platform's trust-registry entry (JSON), signed by its label key(s), for other "
                    + "platforms to import.", "The entry's fingerprint goes to stderr: tell it to them over a second channel."})
    static final class Export extends KeysSubcommand {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Workspace w = workspace();
            PlatformIdentity identity = requireIdentity(w);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            String fingerprint = PlatformKeys.exportSigned(w.home(), w.environment(), json);
            if (output == null) {
                out().print(json.toString(StandardCharsets.UTF_8));
                spec.commandLine().getErr().println("entry " + identity.id() + ", fingerprint " + fingerprint);
            } else {
                try (AtomicOutput out = AtomicOutput.to(output)) {
                    Files.write(out.temp(), json.toByteArray());
                    out.commit();
                }
                out().println("wrote the signed trust-registry entry of " + identity.id() + " to " + output);
                out().println("fingerprint " + fingerprint);
            }
            if (identity.development()) {
                spec.commandLine().getErr().println("aigc: this is a development identity: importers will never TRUST it");
            }
            return ExitCodes.VALID;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Adds the platforms of a trust-registry file to the local trust registry, printing each "
                    + "entry's fingerprint.", "An entry that claims a known platform's name or provider code with other "
                    + "keys is refused (exit 1) unless it is signed by that platform's key, or --replace is given."})
    static final class Import extends KeysSubcommand {
        @Parameters(paramLabel = "FILE", description = "A trust registry file (as 'aigc keys export' writes).")
        Path file;

        @Option(names = "--replace", description = "Take entries that conflict with known platforms (after checking "
                + "their fingerprint with the platform).")
        boolean replace;

        @Override
        public Integer call() {
            Workspace w = workspace();
            List<RegistryEntry> incoming;
            try {
                incoming = TrustRegistryJson.readEntries(file);
            } catch (IOException e) {
                throw CliException.unreadable(file + ": " + e.getMessage(), e);
            }
            List<TrustStore.Imported> imported;
            try {
                imported = TrustStore.importEntries(w.home(), incoming, w.ownEntry().stream().toList(), replace);
            } catch (TrustStore.ConflictException e) {
                throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INTERNAL, "cannot save the trust registry in " + w.home() + ": "
                        + e.getMessage(), e);
            }
            for (TrustStore.Imported i : imported) {
                TrustedPlatform p = i.entry().platform();
                out().println(i.outcome().name().toLowerCase(Locale.ROOT) + " " + p.id() + " (" + p.displayName()
                        + (p.development() ? ", development identity, never TRUSTED" : "") + ")");
                out().println("  fingerprint " + i.entry().fingerprint() + (i.entry().signed()
                        ? ", signed by " + String.join(", ", i.entry().signedBy().stream().map(TrustPolicy::fingerprint).toList())
                        : ", UNSIGNED (check its origin with the platform)"));
            }
            out().println("imported " + imported.size() + (imported.size() == 1 ? " platform" : " platforms")
                    + " into " + w.home());
            return ExitCodes.VALID;
        }
    }

    private static Map<String, Object> signer(Signer s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", s.algorithm().name());
        m.put("publicKeySha256", sha256(s.publicKey().getEncoded()));
        m.put("certificates", s.certificateChain().stream().map(KeysCommand::certificate).toList());
        return m;
    }

    private static Map<String, Object> certificate(X509Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        return m;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
