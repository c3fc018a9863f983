package dev.aigcmark.cli;

import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.io.AtomicOutput;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.core.trust.TrustStore;
import dev.aigcmark.core.trust.TrustedPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aigc keys}: this platform's identity and the local trust registry. Never prints a private key. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manages this platform's identity (keys, certificates) and the local trust registry.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class, KeysCommand.Export.class,
                KeysCommand.Import.class})
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("aigc keys: give a subcommand: init, show, export or import");
        return ExitCodes.USAGE;
    }

    /** Shared by the subcommands: the home folder and the streams. */
    abstract static class KeysSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HomeOption home;

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
            description = "Creates a development identity in the home folder if there is none; prints where it is.")
    static final class Init extends KeysSubcommand {
        @Override
        public Integer call() {
            Workspace w = workspace();
            boolean existed = IdentityStore.exists(w.home());
            PlatformIdentity identity = w.identity();
            out().println((existed ? "identity already present: " : "created identity: ") + identity.id()
                    + " in " + w.home().toAbsolutePath()
                    + (identity.development() ? " (development identity, not trusted)" : ""));
            return ExitCodes.VALID;
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
            m.put("caCertificates", IdentityStore.caCertificates(w.home()).stream().map(KeysCommand::certificate).toList());
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
            sb.append("watermark:     issuer id ").append(m.get("watermarkIssuerId")).append('\n');
            for (Map<String, Object> c : (List<Map<String, Object>>) m.get("caCertificates")) {
                sb.append("CA:            ").append(c.get("subject")).append(", expires ").append(c.get("notAfter")).append('\n');
            }
            return sb.toString();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes this platform's trust-registry entry (JSON) for other platforms to import.")
    static final class Export extends KeysSubcommand {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Workspace w = workspace();
            requireIdentity(w);
            TrustedPlatform own = w.ownEntry().orElseThrow();
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            TrustRegistryJson.write(new TrustRegistry(List.of(own)), json);
            if (output == null) {
                out().print(json.toString(StandardCharsets.UTF_8));
            } else {
                try (AtomicOutput out = AtomicOutput.to(output)) {
                    Files.write(out.temp(), json.toByteArray());
                    out.commit();
                }
                out().println("wrote the trust-registry entry of " + own.id() + " to " + output);
            }
            return ExitCodes.VALID;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Adds the platforms of a trust-registry file to the local trust registry.")
    static final class Import extends KeysSubcommand {
        @Parameters(paramLabel = "FILE", description = "A trust registry file (as 'aigc keys export' writes).")
        Path file;

        @Override
        public Integer call() {
            Workspace w = workspace();
            TrustRegistry incoming;
            try {
                incoming = TrustRegistryJson.read(file);
            } catch (IOException e) {
                throw CliException.unreadable(file + ": " + e.getMessage(), e);
            }
            List<String> names = new ArrayList<>();
            for (TrustedPlatform p : incoming.platforms()) {
                names.add(p.id() + " (" + p.displayName() + (p.development() ? ", development identity, never TRUSTED" : "") + ")");
            }
            try {
                TrustStore.importPlatforms(w.home(), incoming);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INTERNAL, "cannot save the trust registry in " + w.home() + ": "
                        + e.getMessage(), e);
            }
            out().println("imported " + names.size() + (names.size() == 1 ? " platform" : " platforms")
                    + " into " + w.home() + ": " + String.join(", ", names));
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
