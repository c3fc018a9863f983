package dev.aigcmark.core.identity;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.crypto.BouncyCastle;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.Pkcs12TestFiles;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.securitydata.SignatureCheck;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityStoreTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("IdentityStoreTest");

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";

    @TempDir
    Path temp;

    private Path home() {
        return temp.resolve("home");
    }

    @Test
    void developmentIdentityIsCreatedOwnerOnlyWithAWellFormedFakeCode() throws Exception {
        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);

        assertThat(identity.id()).matches("dev-[0-9a-f]{8}");
        assertThat(identity.displayName()).isEqualTo("Development identity (not trusted)");
        assertThat(identity.development()).isTrue();
        assertThat(ProviderCode.validate(identity.providerCode())).isEmpty();
        assertThat(identity.providerCode()).startsWith("001191000000MA0000000").endsWith("10000").hasSize(27);
        assertThat(identity.labelSigner().algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThat(identity.c2paSigner().algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(identity.watermarkKey().key()).hasSize(32);
        assertThat(identity.watermarkKey().issuerId()).isBetween(1, 0xFFFF);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home()))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> list = Files.list(home())) {
            files = list.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("identity.json")
                .anyMatch(n -> n.endsWith("-label.key.pem")).anyMatch(n -> n.endsWith("-c2pa.chain.pem"))
                .anyMatch(n -> n.endsWith("-root-ca.cert.pem")).anyMatch(n -> n.endsWith("-watermark.key"))
                .noneMatch(n -> n.endsWith(".part"));
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        String json = Files.readString(home().resolve("identity.json"));
        assertThat(json).contains("\"id\" : \"" + identity.id() + "\"", "\"development\" : true",
                "\"providerCode\" : \"" + identity.providerCode() + "\"",
                "\"issuerId\" : " + identity.watermarkKey().issuerId());
        String keyPem = Files.readString(files.stream().filter(p -> p.toString().endsWith("-label.key.pem")).findFirst()
                .orElseThrow());
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void certificatesFollowTheC2paProfile() throws Exception {
        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
        List<X509Certificate> cas = IdentityStore.caCertificates(home());
        assertThat(cas).hasSize(1);
        X509Certificate root = cas.get(0);

        assertThat(root.getVersion()).isEqualTo(3);
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(Keys.algorithmOf(root.getPublicKey())).contains(SignatureAlgorithm.ECDSA_P256_SHA256);
        byte[] rootSki = ski(root);
        assertThat(rootSki).isNotEmpty();
        root.verify(root.getPublicKey(), BouncyCastle.provider());

        for (var signer : List.of(identity.labelSigner(), identity.c2paSigner())) {
            assertThat(signer.certificateChain()).as("root is not part of the presented chain").hasSize(1);
            X509Certificate leaf = signer.certificateChain().get(0);
            assertThat(leaf.getVersion()).isEqualTo(3);
            assertThat(leaf.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
            assertThat(leaf.getIssuerUniqueID()).isNull();
            assertThat(leaf.getSubjectUniqueID()).isNull();
            assertThat(leaf.getBasicConstraints()).as("CA:false").isEqualTo(-1);
            assertThat(leaf.getExtensionValue(Extension.basicConstraints.getId())).isNotNull();
            boolean[] usage = leaf.getKeyUsage();
            assertThat(usage[0]).as("digitalSignature").isTrue();
            assertThat(usage[5]).as("keyCertSign").isFalse();
            assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
            assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder(EMAIL_PROTECTION, DOCUMENT_SIGNING)
                    .doesNotContain("1.3.6.1.4.1.311.10.3.12");
            assertThat(ski(leaf)).isNotEmpty();
            assertThat(AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                    leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifierObject()
                    .getOctets()).isEqualTo(rootSki);
            leaf.verify(root.getPublicKey(), BouncyCastle.provider());
            leaf.checkValidity(Date.from(NOW));
            assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(signer.publicKey().getEncoded());
        }

        // The JDK's PKIX validator (independent of BouncyCastle) accepts the ES256 chain for its root.
        X509Certificate c2paLeaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(identity.c2paSigner().certificateChain().get(0).getEncoded()));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor((X509Certificate) CertificateFactory
                .getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.getEncoded())), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(c2paLeaf)), params);
    }

    private static byte[] ski(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        assertThat(ext).as("SKI of " + certificate.getSubjectX500Principal()).isNotNull();
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }

    @Test
    void reloadingGivesTheSameIdentityAndItsSignaturesVerify() throws Exception {
        PlatformIdentity first = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
        PlatformIdentity again = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
        PlatformIdentity loaded = IdentityStore.load(home());

        for (PlatformIdentity other : List.of(again, loaded)) {
            assertThat(other.id()).isEqualTo(first.id());
            assertThat(other.providerCode()).isEqualTo(first.providerCode());
            assertThat(other.labelSigner().publicKey().getEncoded()).isEqualTo(first.labelSigner().publicKey().getEncoded());
            assertThat(other.c2paSigner().publicKey().getEncoded()).isEqualTo(first.c2paSigner().publicKey().getEncoded());
            assertThat(other.c2paSigner().certificateChain()).isEqualTo(first.c2paSigner().certificateChain());
            assertThat(other.watermarkKey()).isEqualTo(first.watermarkKey());
        }
        AigcLabel label = AigcLabel.produced(LabelValue.values()[0], loaded.providerCode(), ProduceId.of("content-1"));
        AigcLabel signed = label.withReservedCode1(SecurityData.signProducer(label, loaded.labelSigner()));
        SignatureCheck check = SecurityData.verifyProducer(signed);
        assertThat(check.outcome()).isEqualTo(SignatureCheck.Outcome.VALID);
        assertThat(check.signerKey().getEncoded()).isEqualTo(first.labelSigner().publicKey().getEncoded());
    }

    @Test
    void concurrentFirstUseCreatesExactlyOneIdentity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<PlatformIdentity> create = () -> IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
            List<Future<PlatformIdentity>> results = pool.invokeAll(List.of(create, create));
            String id = results.get(0).get().id();
            assertThat(results.get(1).get().id()).isEqualTo(id);
            try (Stream<Path> list = Files.list(home())) {
                assertThat(list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dev-")))
                        .allMatch(n -> n.startsWith(id)).hasSize(7);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiringDevelopmentLeavesAreRenewedWithTheSameKeys() throws Exception {
        PlatformIdentity first = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
        Instant later = NOW.plus(Duration.ofDays(1810));
        PlatformIdentity renewed = IdentityStore.loadOrCreateDevelopment(home(), Clock.fixed(later, ZoneOffset.UTC));

        X509Certificate leaf = renewed.c2paSigner().certificateChain().get(0);
        assertThat(leaf.getNotAfter().toInstant()).isAfter(later.plus(Duration.ofDays(365)));
        assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(first.c2paSigner().publicKey().getEncoded());
        assertThat(renewed.labelSigner().certificateChain().get(0).getNotAfter().toInstant()).isAfter(later);
        leaf.verify(IdentityStore.caCertificates(home()).get(0).getPublicKey(), BouncyCastle.provider());
    }

    @Test
    void configuredIdentityLoadsFromPemAndPkcs12() throws Exception {
        Path home = Files.createDirectories(home());
        KeyPair rootKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        X509Certificate root = CertificateIssuer.selfSignedRoot(rootKeys, new X500Name("CN=Example CA"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        KeyPair labelKeys = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        X509Certificate labelCert = CertificateIssuer.issueLeaf(labelKeys.getPublic(), new X500Name("CN=Example label"),
                root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        Files.writeString(home.resolve("label.key.pem"), Pem.write(labelKeys.getPrivate(), "s3cret".toCharArray()));
        Files.writeString(home.resolve("label.chain.pem"), Pem.write(List.of(labelCert, root)));
        Files.writeString(home.resolve("ca.pem"), Pem.write(List.of(root)));
        Files.writeString(home.resolve("pw.txt"), "s3cret\n");

        KeyPair c2paKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        X509Certificate c2paCert = CertificateIssuer.issueLeaf(c2paKeys.getPublic(), new X500Name("CN=Example C2PA"),
                root, rootKeys.getPrivate(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        Pkcs12TestFiles.write(home.resolve("c2pa.p12"), "c2pa", c2paKeys, List.of(c2paCert, root), "s3cret".toCharArray());
        Files.write(home.resolve("wm.key"), Base64.getEncoder().encode(new byte[32]));
        String code = DevelopmentIdentities.providerCode().substring(0, 23) + "0001";
        Files.writeString(home.resolve("identity.json"), """
                {"schemaVersion":1,"id":"example","name":"Example Video","providerCode":"%s","development":false,
                 "labelSigner":{"key":"label.key.pem","certificates":"label.chain.pem","passwordFile":"pw.txt"},
                 "c2paSigner":{"pkcs12":"c2pa.p12","alias":"c2pa","passwordFile":"pw.txt"},
                 "caCertificates":"ca.pem","watermark":{"issuerId":7,"keyFile":"wm.key"}}
                """.formatted(code));

        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home, CLOCK);
        assertThat(identity.development()).isFalse();
        assertThat(identity.id()).isEqualTo("example");
        assertThat(identity.providerCode()).isEqualTo(code);
        assertThat(identity.labelSigner().certificateChain()).containsExactly(labelCert);
        assertThat(identity.c2paSigner().certificateChain()).containsExactly(c2paCert);
        assertThat(identity.watermarkKey().issuerId()).isEqualTo(7);

        TrustedPlatform exported = IdentityStore.exportTrustedPlatform(home);
        assertThat(exported.development()).isFalse();
        assertThat(exported.displayName()).isEqualTo("Example Video");
        assertThat(exported.certificates()).contains(root, labelCert, c2paCert);
        TrustRegistry registry = TrustRegistry.empty().with(exported);
        assertThat(registry.findBySigningKey(labelKeys.getPublic())).contains(exported);
        assertThat(registry.findByWatermarkIssuer(7)).contains(exported);
        assertThat(registry.findByProviderCode(code)).contains(exported);
    }

    @Test
    void missingOrBrokenFilesGiveClearErrors() throws Exception {
        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home(), CLOCK);
        Path json = home().resolve("identity.json");
        String original = Files.readString(json);

        Path labelKey = home().resolve(identity.id() + "-label.key.pem");
        Path moved = Files.move(labelKey, temp.resolve("aside.pem"));
        assertThatThrownBy(() -> IdentityStore.load(home())).isInstanceOf(IOException.class)
                .hasMessageContaining("labelSigner.key").hasMessageContaining("missing");
        Files.move(moved, labelKey);

        String goodKey = Files.readString(labelKey);
        Files.writeString(labelKey, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> IdentityStore.load(home())).isInstanceOf(IOException.class)
                .hasMessageContaining(labelKey.toString());
        Files.writeString(labelKey, goodKey);

        Files.writeString(json, "{not json");
        assertThatThrownBy(() -> IdentityStore.load(home())).isInstanceOf(IOException.class)
                .hasMessageContaining("identity.json").hasMessageContaining("not valid JSON");
        Files.writeString(json, original.replace(identity.providerCode(), "0011ABC"));
        assertThatThrownBy(() -> IdentityStore.load(home())).isInstanceOf(IOException.class)
                .hasMessageContaining("providerCode");
        Files.writeString(json, original.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 9"));
        assertThatThrownBy(() -> IdentityStore.load(home())).hasMessageContaining("schemaVersion");
        assertThatThrownBy(() -> IdentityStore.load(temp.resolve("nowhere"))).isInstanceOf(IOException.class)
                .hasMessageContaining("identity.json");
        Files.writeString(json, original.replace("\"development\" : true,", ""));
        assertThatThrownBy(() -> IdentityStore.load(home())).hasMessageContaining("development");
        Files.writeString(json, original);
        assertThat(IdentityStore.load(home()).id()).isEqualTo(identity.id());
    }

    /** passwordEnv names a variable of the environment the caller hands in; the SDK never reads its own. */
    @Test
    void aKeyPasswordNamedByPasswordEnvComesFromTheGivenEnvironment() throws Exception {
        Path home = Files.createDirectories(home());
        KeyPair labelKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        Files.writeString(home.resolve("label.key.pem"), Pem.write(labelKeys.getPrivate(), "s3cret".toCharArray()));
        Files.write(home.resolve("wm.key"), Base64.getEncoder().encode(new byte[32]));
        String code = DevelopmentIdentities.providerCode().substring(0, 23) + "0001";
        Files.writeString(home.resolve("identity.json"), """
                {"schemaVersion":1,"id":"example","name":"Example","providerCode":"%s","development":false,
                 "labelSigner":{"key":"label.key.pem","passwordEnv":"EXAMPLE_KEY_PASSWORD"},
                 "watermark":{"issuerId":7,"keyFile":"wm.key"}}
                """.formatted(code));

        PlatformIdentity identity = IdentityStore.load(home, Map.of("EXAMPLE_KEY_PASSWORD", "s3cret"));
        assertThat(identity.labelSigner().publicKey()).isEqualTo(labelKeys.getPublic());
        assertThat(IdentityStore.exportTrustedPlatform(home, Map.of("EXAMPLE_KEY_PASSWORD", "s3cret"))
                .signingKeys()).containsExactly(labelKeys.getPublic());

        assertThatThrownBy(() -> IdentityStore.load(home)).isInstanceOf(IOException.class)
                .hasMessageContaining("labelSigner").hasMessageContaining("EXAMPLE_KEY_PASSWORD")
                .hasMessageContaining("no environment was given");
        assertThatThrownBy(() -> IdentityStore.load(home, Map.of("OTHER", "x"))).isInstanceOf(IOException.class)
                .hasMessageContaining("EXAMPLE_KEY_PASSWORD").hasMessageContaining("is not set");
        assertThatThrownBy(() -> IdentityStore.load(home, Map.of("EXAMPLE_KEY_PASSWORD", "wrong")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void defaultHomeIsAigcHomeOrTheUsersFolder() {
        assertThat(IdentityStore.defaultHome(Map.of(IdentityStore.HOME_ENV, "/srv/aigc"))).isEqualTo(Path.of("/srv/aigc"));
        Path usersFolder = Path.of(System.getProperty("user.home"), ".aigcmark");
        assertThat(IdentityStore.defaultHome(Map.of(IdentityStore.HOME_ENV, " "))).isEqualTo(usersFolder);
        assertThat(IdentityStore.defaultHome(Map.of())).isEqualTo(usersFolder);
    }
}
