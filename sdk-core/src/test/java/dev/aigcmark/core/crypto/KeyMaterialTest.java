package dev.aigcmark.core.crypto;

import dev.aigcmark.testing.TestSeed;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMaterialTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("KeyMaterialTest");

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASSWORD = "correct horse".toCharArray();

    @TempDir
    Path dir;

    /** A root (P-256) and a leaf for {@code algorithm}, like a platform's identity. */
    private static List<Object> chainFor(KeyPair leaf) {
        KeyPair rootKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        Instant now = Instant.now();
        X509Certificate root = CertificateIssuer.selfSignedRoot(rootKeys, new X500Name("CN=Test Root,O=AIGC Mark tests"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        X509Certificate cert = CertificateIssuer.issueLeaf(leaf.getPublic(), new X500Name("CN=Test Leaf,O=AIGC Mark tests"),
                root, rootKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        return List.of(cert, root);
    }

    private static void assertSigns(KeyMaterial material, KeyPair original) throws Exception {
        assertThat(material.publicKey().getEncoded()).isEqualTo(original.getPublic().getEncoded());
        Signer signer = Signers.load(material);
        assertThat(SignatureVerification.verify(signer.algorithm(), original.getPublic(), MESSAGE, signer.sign(MESSAGE)))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void pkcs8PemWithCertificatesRoundTrips(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = Keys.generate(algorithm, RANDOM);
        List<Object> chain = chainFor(pair);
        X509Certificate leaf = (X509Certificate) chain.get(0);
        X509Certificate root = (X509Certificate) chain.get(1);
        // Root first on purpose: the loader orders the chain from the key's certificate upwards.
        Path file = dir.resolve("key.pem");
        Files.writeString(file, Pem.write(pair.getPrivate()) + Pem.write(List.of(root, leaf)));

        KeyMaterial material = KeyMaterial.fromPem(file, null);
        assertSigns(material, pair);
        assertThat(material.certificateChain()).containsExactly(leaf, root);
        Signer signer = Signers.load(material);
        assertThat(signer.certificateChain()).as("root excluded from the presented chain").containsExactly(leaf);
    }

    @Test
    void separateKeyAndCertificateFilesLoad() throws Exception {
        KeyPair pair = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        List<Object> chain = chainFor(pair);
        Path key = Files.writeString(dir.resolve("k.pem"), Pem.write(pair.getPrivate()));
        Path certs = Files.writeString(dir.resolve("c.pem"),
                Pem.write(List.of((X509Certificate) chain.get(0), (X509Certificate) chain.get(1))));
        KeyMaterial material = KeyMaterial.fromPem(key, certs, null);
        assertSigns(material, pair);
        assertThat(material.certificateChain()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256"})
    void sec1EcPrivateKeyLoads(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = Keys.generate(algorithm, RANDOM);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaMiscPEMGenerator(pair)); // OpenSSL's traditional "EC PRIVATE KEY"
        }
        assertThat(out.toString()).contains("BEGIN EC PRIVATE KEY");
        assertSigns(KeyMaterial.fromPem(out.toString(), null, "sec1"), pair);
    }

    @Test
    void encryptedPkcs8NeedsTheRightPassword() throws Exception {
        KeyPair pair = Keys.generate(SignatureAlgorithm.ED25519, RANDOM);
        String pem = Pem.write(pair.getPrivate(), PASSWORD);
        assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");

        assertSigns(KeyMaterial.fromPem(pem, PASSWORD, "enc"), pair);
        assertThatThrownBy(() -> KeyMaterial.fromPem(pem, null, "enc")).isInstanceOf(IOException.class)
                .hasMessageContaining("password is required");
        assertThatThrownBy(() -> KeyMaterial.fromPem(pem, "wrong".toCharArray(), "enc")).isInstanceOf(IOException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void pkcs12WithSm2ChainFromBouncyCastleLoads() throws Exception {
        KeyPair pair = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        List<Object> chain = chainFor(pair);
        Path file = Pkcs12TestFiles.write(dir.resolve("label.p12"), "label", pair,
                List.of((X509Certificate) chain.get(0), (X509Certificate) chain.get(1)), PASSWORD);

        KeyMaterial material = KeyMaterial.fromPkcs12(file, PASSWORD, null);
        assertSigns(material, pair);
        assertThat(material.certificateChain()).containsExactly((X509Certificate) chain.get(0), (X509Certificate) chain.get(1));
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(file, "nope".toCharArray(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("wrong password");
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(file, PASSWORD, "missing"))
                .isInstanceOf(IOException.class).hasMessageContaining("missing");
    }

    @Test
    void pkcs12WrittenByTheJdkLoads() throws Exception {
        // The JDK's own PKCS12 (PBES2/AES, HmacSHA256 MAC), as keytool writes it.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, TestSeed.secureRandom("KeyMaterialTest.jdkPkcs12"));
        KeyPair pair = generator.generateKeyPair();
        List<Object> chain = chainFor(pair);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("c2pa", pair.getPrivate(), PASSWORD, chain.toArray(new Certificate[0]));
        Path file = dir.resolve("jdk.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        KeyMaterial material = KeyMaterial.fromPkcs12(file, PASSWORD, "c2pa");
        assertSigns(material, pair);
        assertThat(Signers.load(material).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    }

    @Test
    void publicKeysAndCertificatesRoundTripThroughPem() throws Exception {
        KeyPair pair = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        assertThat(Pem.readPublicKey(Pem.write(pair.getPublic())).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        X509Certificate leaf = (X509Certificate) chainFor(pair).get(0);
        assertThat(Pem.readCertificates(Pem.write(List.of(leaf)))).containsExactly(leaf);
        assertThat(Pem.readPublicKey(Pem.write(List.of(leaf))).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void badInputGivesClearErrors() throws Exception {
        assertThatThrownBy(() -> KeyMaterial.fromPem("no pem here", null, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("no private key");
        assertThatThrownBy(() -> KeyMaterial.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA$$$\n-----END PRIVATE KEY-----\n",
                null, "x")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Pem.readObjects("x".repeat(Pem.MAX_PEM_CHARS + 1))).isInstanceOf(IOException.class)
                .hasMessageContaining("more than");
        KeyPair pair = Keys.generate(SignatureAlgorithm.ED25519, RANDOM);
        KeyPair stranger = Keys.generate(SignatureAlgorithm.ED25519, RANDOM);
        String mismatched = Pem.write(pair.getPrivate()) + Pem.write(List.of((X509Certificate) chainFor(stranger).get(0)));
        assertThatThrownBy(() -> KeyMaterial.fromPem(mismatched, null, "x")).isInstanceOf(IOException.class)
                .hasMessageContaining("certifies");
        Path big = Files.write(dir.resolve("big.p12"), new byte[KeyMaterial.MAX_PKCS12_BYTES + 1]);
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(big, PASSWORD, null)).isInstanceOf(IOException.class);
        Path junk = Files.write(dir.resolve("junk.p12"), new byte[]{0x30, 0x03, 2, 1, 3});
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(junk, PASSWORD, null)).isInstanceOf(IOException.class);
    }

    /** Fuzz finding (TrustInputsFuzzTest#keyImport): a certificate whose subject key BouncyCastle cannot parse
     *  made chain ordering throw a NullPointerException; the file is now refused with a reason. */
    @Test
    void certificateWithUnreadableKeyIsRefusedWithAReason() throws Exception {
        byte[] input;
        try (var in = KeyMaterialTest.class.getResourceAsStream(
                "/dev/aigcmark/core/fuzz/TrustInputsFuzzTestInputs/keyImport/certificate-without-readable-key.bin")) {
            input = in.readAllBytes();
        }
        String text = new String(input, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> KeyMaterial.fromPem(text, PASSWORD, "fuzzed key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("public key cannot be read");
    }
}
