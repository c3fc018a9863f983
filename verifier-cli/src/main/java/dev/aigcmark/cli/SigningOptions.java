package dev.aigcmark.cli;

import dev.aigcmark.core.crypto.KeyMaterial;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.PlatformIdentity;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * {@code --key PEM|P12 [--cert PEM]}: sign with a key of one's own instead of the home identity's. The key
 * signs the label, and the C2PA manifest too when its algorithm is one C2PA allows (ECDSA P-256, Ed25519);
 * the provider code must then be given ({@code --producer}): a code is configuration, never borrowed from a
 * development identity. The watermark key still comes from the home identity.
 */
final class SigningOptions {

    @Option(names = "--key", paramLabel = "PEM|P12",
            description = "Private key to sign with: PEM (optionally with its certificates) or PKCS#12 (.p12/.pfx).")
    Path key;

    @Option(names = "--cert", paramLabel = "PEM", description = "Certificate chain for --key (leaf first).")
    Path cert;

    @Option(names = "--key-password-env", paramLabel = "VAR",
            description = "Environment variable holding the password of an encrypted --key.")
    String passwordEnv;

    /** The identity to mark with: the home one, or the home one with the given key as signer. */
    PlatformIdentity identity(Workspace workspace, String producerCode) {
        if (key == null) {
            if (cert != null || passwordEnv != null) {
                throw CliException.usage("--cert and --key-password-env go with --key");
            }
            return workspace.identity();
        }
        if (producerCode == null) {
            throw CliException.usage("--key needs --producer CODE (the provider code this key signs for)");
        }
        Signer signer = load();
        PlatformIdentity base = workspace.identity();
        boolean c2paCapable = signer.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256
                || signer.algorithm() == SignatureAlgorithm.ED25519;
        String subject = signer.certificateChain().isEmpty() ? null
                : signer.certificateChain().get(0).getSubjectX500Principal().getName();
        return new PlatformIdentity(subject != null ? commonName(subject) : "key:" + key.getFileName(),
                subject != null ? subject : key.toString(), producerCode, signer, c2paCapable ? signer : null,
                base.watermarkKey(), false);
    }

    private Signer load() {
        char[] password = null;
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw CliException.usage("--key-password-env " + passwordEnv + ": that variable is not set");
            }
            password = value.toCharArray();
        }
        try {
            String name = key.getFileName().toString().toLowerCase(Locale.ROOT);
            KeyMaterial material;
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                if (cert != null) {
                    throw CliException.usage("a PKCS#12 store holds its own certificates; drop --cert");
                }
                material = KeyMaterial.fromPkcs12(key, password, null);
            } else if (cert != null) {
                material = KeyMaterial.fromPem(key, cert, password);
            } else {
                material = KeyMaterial.fromPem(key, password);
            }
            return Signers.load(material);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw CliException.unreadable("cannot use --key " + key + ": " + e.getMessage(), e);
        }
    }

    private static String commonName(String dn) {
        for (String part : dn.split(",")) {
            String p = part.trim();
            if (p.startsWith("CN=")) {
                return p.substring(3);
            }
        }
        return dn;
    }
}
