package dev.aigcmark.core.crypto;

import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.testing.ExternalTools;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenSSL 3 as an independent implementation: it verifies our signatures (SM2 with the default user id, DER
 * ECDSA, Ed25519), we verify its signatures, and each reads the other's key files.
 */
class OpenSslInteropTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("OpenSslInteropTest");

    private static final String SM2_ID = "distid:" + BouncyCastle.SM2_DEFAULT_USER_ID;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenSsl() {
        ExternalTools.assumeTool("openssl");
    }

    private Path message() throws Exception {
        return Files.writeString(dir.resolve("msg.txt"), "\"Label\":\"1\",\"ContentProducer\":\"c\",\"ProduceID\":\"p\"");
    }

    /** The openssl arguments that sign/verify {@code algorithm} over the raw message. */
    private static List<String> digestArgs(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case SM2_SM3 -> List.of("-rawin", "-digest", "sm3", "-pkeyopt", SM2_ID);
            case ECDSA_P256_SHA256 -> List.of("-rawin", "-digest", "sha256");
            default -> List.of("-rawin");
        };
    }

    private static ExternalTools.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return ExternalTools.run(command);
    }

    private static ExternalTools.Result openssl(List<String> first, List<String> more) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(first);
        command.addAll(more);
        return ExternalTools.run(command);
    }

    @Test
    void openSslVerifiesOurSignaturesAndWeVerifyItsSignatures() throws Exception {
        Path msg = message();
        byte[] bytes = Files.readAllBytes(msg);
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.ECDSA_P256_SHA256,
                SignatureAlgorithm.ED25519)) {
            KeyPair keys = Keys.generate(algorithm, RANDOM);
            Path key = Files.writeString(dir.resolve(algorithm + ".key.pem"), Pem.write(keys.getPrivate()));
            Path pub = Files.writeString(dir.resolve(algorithm + ".pub.pem"), Pem.write(keys.getPublic()));

            Path ours = Files.write(dir.resolve(algorithm + ".ours.sig"), Signers.fromKeyPair(keys).sign(bytes));
            openssl(List.of("pkeyutl", "-verify", "-in", msg.toString(), "-pubin", "-inkey", pub.toString(),
                    "-sigfile", ours.toString()), digestArgs(algorithm)).requireSuccess();

            Path theirs = dir.resolve(algorithm + ".theirs.sig");
            openssl(List.of("pkeyutl", "-sign", "-in", msg.toString(), "-inkey", key.toString(), "-out", theirs.toString()),
                    digestArgs(algorithm)).requireSuccess();
            assertThat(SignatureVerification.verify(algorithm, keys.getPublic(), bytes, Files.readAllBytes(theirs)))
                    .as(algorithm + " signature made by openssl").isTrue();
        }
    }

    @Test
    void sm2SignatureWithAnotherUserIdIsRejectedByOpenSsl() throws Exception {
        Path msg = message();
        KeyPair keys = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        Path pub = Files.writeString(dir.resolve("sm2.pub.pem"), Pem.write(keys.getPublic()));
        Path ours = Files.write(dir.resolve("sm2.sig"), Signers.fromKeyPair(keys).sign(Files.readAllBytes(msg)));
        ExternalTools.Result result = openssl("pkeyutl", "-verify", "-in", msg.toString(), "-pubin", "-inkey",
                pub.toString(), "-sigfile", ours.toString(), "-rawin", "-digest", "sm3", "-pkeyopt", "distid:ALICE123");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void keysGeneratedByOpenSslLoad() throws Exception {
        String[][] commands = {
                {"genpkey", "-algorithm", "SM2"},
                {"ecparam", "-name", "SM2", "-genkey", "-noout"},
                {"ecparam", "-name", "prime256v1", "-genkey", "-noout"},
                {"genpkey", "-algorithm", "ED25519"},
        };
        SignatureAlgorithm[] expected = {SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.SM2_SM3,
                SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ED25519};
        for (int i = 0; i < commands.length; i++) {
            String pem = openssl(commands[i]).requireSuccess().stdout();
            KeyMaterial material = KeyMaterial.fromPem(pem, null, String.join(" ", commands[i]));
            Signer signer = Signers.load(material);
            assertThat(signer.algorithm()).as(String.join(" ", commands[i])).isEqualTo(expected[i]);
            byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
            assertThat(SignatureVerification.verify(signer.algorithm(), signer.publicKey(), msg, signer.sign(msg))).isTrue();
        }
    }

    @Test
    void openSslReadsOurKeysAndCertificates() throws Exception {
        KeyPair keys = Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        Path key = Files.writeString(dir.resolve("k.pem"), Pem.write(keys.getPrivate(), "pw".toCharArray()));
        openssl("pkey", "-in", key.toString(), "-passin", "pass:pw", "-noout").requireSuccess();
        KeyPair root = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        var now = Instant.now();
        var ca = CertificateIssuer.selfSignedRoot(root, new X500Name("CN=R"),
                now.minusSeconds(60), now.plusSeconds(86_400));
        var leaf = CertificateIssuer.issueLeaf(keys.getPublic(), new X500Name("CN=L"), ca,
                root.getPrivate(), now.minusSeconds(60), now.plusSeconds(86_400));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), Pem.write(List.of(ca)));
        Path leafFile = Files.writeString(dir.resolve("leaf.pem"), Pem.write(List.of(leaf)));
        String text = openssl("x509", "-in", leafFile.toString(), "-noout", "-text").requireSuccess().stdout();
        assertThat(text).contains("Digital Signature", "E-mail Protection", "1.3.6.1.5.5.7.3.36", "CA:FALSE");
        openssl("verify", "-CAfile", caFile.toString(), "-purpose", "smimesign", leafFile.toString()).requireSuccess();
    }
}
