package dev.aigcmark.core.identity;

import dev.aigcmark.core.RandomSource;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.identity.IdentityFile.SignerFiles;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.trust.StoreFiles;
import org.bouncycastle.asn1.x500.X500Name;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the development identity: what a developer gets on first use, so marking works out of the box while
 * every verifier can tell it apart from a real platform (its names say "not trusted", its provider code is
 * built on an obviously fake credit code, and its trust entry is flagged development).
 */
final class DevelopmentIdentities {

    static final String DISPLAY_NAME = "Development identity (not trusted)";
    /** A clearly fake unified social credit code (its first 17 characters); the check character is computed. */
    static final String FAKE_USCC_PREFIX = "91000000MA0000000";
    static final String ORGANISATION = "AIGC Mark development identity (not trusted)";

    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(1825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private DevelopmentIdentities() {
    }

    /** The producer code of development identities: organisation, bound to the fake USCC, generation, 0000. */
    static String providerCode() {
        String uscc = FAKE_USCC_PREFIX + ProviderCode.usccCheckChar(FAKE_USCC_PREFIX);
        return "0011" + uscc + "1" + "0000";
    }

    /** Generates keys and certificates and writes every file but identity.json (the caller commits that last). */
    static IdentityFile create(Path home, Clock clock, RandomSource randomSource) throws IOException {
        SecureRandom random = randomSource.secureRandom();
        String id = "dev-" + HexFormat.of().formatHex(randomSource.bytes(4));
        Instant now = clock.instant();

        KeyPair rootKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, random);
        X509Certificate root = CertificateIssuer.selfSignedRoot(rootKeys,
                new X500Name("CN=AIGC Mark development root " + id + ",O=" + ORGANISATION),
                now.minus(BACKDATE), now.plus(ROOT_LIFETIME), random);
        KeyPair labelKeys = Keys.generate(SignatureAlgorithm.SM2_SM3, random);
        KeyPair c2paKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, random);

        IdentityFile file = new IdentityFile(id, DISPLAY_NAME, providerCode(), true,
                SignerFiles.pem(id + "-label.key.pem", id + "-label.chain.pem"),
                SignerFiles.pem(id + "-c2pa.key.pem", id + "-c2pa.chain.pem"),
                id + "-root-ca.cert.pem", id + "-root-ca.key.pem", 1 + random.nextInt(0xFFFF), id + "-watermark.key");

        write(home, file.caKey(), Pem.write(rootKeys.getPrivate()));
        write(home, file.caCertificates(), Pem.write(List.of(root)));
        write(home, file.labelSigner().key(), Pem.write(labelKeys.getPrivate()));
        write(home, file.labelSigner().certificates(), Pem.write(List.of(leaf(id, "label signer (SM2)", labelKeys,
                root, rootKeys.getPrivate(), now, random), root)));
        write(home, file.c2paSigner().key(), Pem.write(c2paKeys.getPrivate()));
        write(home, file.c2paSigner().certificates(), Pem.write(List.of(leaf(id, "C2PA signer (ES256)", c2paKeys,
                root, rootKeys.getPrivate(), now, random), root)));
        byte[] watermarkKey = randomSource.bytes(32);
        write(home, file.watermarkKey(), Base64.getEncoder().encodeToString(watermarkKey) + "\n");
        return file;
    }

    private static X509Certificate leaf(String id, String role, KeyPair keys, X509Certificate root, PrivateKey rootKey,
                                        Instant now, SecureRandom random) {
        return CertificateIssuer.issueLeaf(keys.getPublic(), new X500Name("CN=" + id + " " + role + ",O=" + ORGANISATION),
                root, rootKey, now.minus(BACKDATE), now.plus(LEAF_LIFETIME), random);
    }

    /**
     * Reissues (same key, same subject) any development leaf that expires within 30 days, so a long-lived
     * development setup keeps producing manifests that readers accept.
     */
    static void renewExpiringLeaves(Path home, IdentityFile file, Clock clock, SecureRandom random) throws IOException {
        if (file.caKey() == null || file.caCertificates() == null) {
            return;
        }
        Instant now = clock.instant();
        for (SignerFiles signer : new SignerFiles[]{file.labelSigner(), file.c2paSigner()}) {
            if (signer == null || signer.certificates() == null) {
                continue;
            }
            Path chainFile = IdentityStore.resolve(home, signer.certificates(), "certificates");
            List<X509Certificate> chain = Pem.readCertificates(Pem.readFile(chainFile));
            if (chain.isEmpty() || chain.get(0).getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                continue;
            }
            X509Certificate root = Pem.readCertificates(Pem.readFile(
                    IdentityStore.resolve(home, file.caCertificates(), "caCertificates"))).get(0);
            PrivateKey rootKey = Pem.readPrivateKey(Pem.readFile(IdentityStore.resolve(home, file.caKey(), "caKey")), null);
            X509Certificate old = chain.get(0);
            X509Certificate renewed = CertificateIssuer.issueLeaf(old.getPublicKey(),
                    X500Name.getInstance(old.getSubjectX500Principal().getEncoded()), root, rootKey,
                    now.minus(BACKDATE), now.plus(LEAF_LIFETIME), random);
            write(home, signer.certificates(), Pem.write(List.of(renewed, root)));
        }
    }

    /** Removes the files of an identity that lost the race to write identity.json. */
    static void deleteFiles(Path home, IdentityFile file) throws IOException {
        for (String name : IdentityStore.fileNames(file)) {
            Files.deleteIfExists(home.resolve(name));
        }
    }

    private static void write(Path home, String name, String content) throws IOException {
        StoreFiles.writeOwnerOnly(home.resolve(name), content.getBytes(StandardCharsets.US_ASCII));
    }
}
