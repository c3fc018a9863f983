package dev.aigcmark.core.crypto;

import dev.aigcmark.testing.TestSeed;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignersTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("SignersTest");

    private static final byte[] MESSAGE = "\"Label\":\"1\",\"ContentProducer\":\"x\",\"ProduceID\":\"y\""
            .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void signaturesVerifyAndTamperingIsDetected(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = Signers.generate(algorithm, RANDOM);
        byte[] signature = signer.sign(MESSAGE);

        assertThat(signer.algorithm()).isEqualTo(algorithm);
        assertThat(SignatureVerification.verify(algorithm, signer.publicKey(), MESSAGE, signature)).isTrue();
        byte[] tampered = MESSAGE.clone();
        tampered[3] ^= 1;
        assertThat(SignatureVerification.verify(algorithm, signer.publicKey(), tampered, signature)).isFalse();
        Signer other = Signers.generate(algorithm, RANDOM);
        assertThat(SignatureVerification.verify(algorithm, other.publicKey(), MESSAGE, signature)).isFalse();
        assertThat(SignatureVerification.check(algorithm, other.publicKey(), MESSAGE, signature))
                .contains("signature does not match");
    }

    /**
     * A signer keeps its initialised signature between calls: every one of many messages, signed one after the
     * other and from several threads at once, verifies against its own message only; and two signers with equally
     * seeded nonces still sign alike, message after message (the kept instance draws nonces in the same order).
     */
    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void aSignerSignsManyMessagesInTurnAndConcurrently(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = Keys.generate(algorithm, RANDOM);
        Signer signer = Signers.fromKeyPair(algorithm, pair, List.of(), TestSeed.secureRandom("SignersTest.reuse"));
        Signer twin = Signers.fromKeyPair(algorithm, pair, List.of(), TestSeed.secureRandom("SignersTest.reuse"));
        for (int i = 0; i < 5; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = signer.sign(message);
            assertThat(twin.sign(message)).isEqualTo(signature);
            assertThat(SignatureVerification.verify(algorithm, signer.publicKey(), message, signature)).isTrue();
            assertThat(SignatureVerification.verify(algorithm, signer.publicKey(), MESSAGE, signature)).isFalse();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] message = ("concurrent " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> SignatureVerification.verify(algorithm, signer.publicKey(), message,
                        signer.sign(message))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Keys parsed from the same encoding are one kept object (BouncyCastle's precomputed multiples live on it),
     * a different encoding is never answered with it, and a kept key verifies like a fresh one; changing the
     * caller's array afterwards changes nothing.
     */
    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void parsedKeysAreKeptByTheirEncoding(SignatureAlgorithm algorithm) throws Exception {
        Signer signer = Signers.generate(algorithm, RANDOM);
        Signer other = Signers.generate(algorithm, RANDOM);
        byte[] der = signer.publicKey().getEncoded();
        PublicKey first = Keys.publicKeyFromSpki(der);
        der[der.length - 1] ^= 1;
        assertThat(Keys.publicKeyFromSpki(signer.publicKey().getEncoded())).isSameAs(first);
        assertThat(Keys.publicKeyFromSpki(other.publicKey().getEncoded())).isNotSameAs(first)
                .extracting(PublicKey::getEncoded).isEqualTo(other.publicKey().getEncoded());
        byte[] signature = signer.sign(MESSAGE);
        for (int i = 0; i < 3; i++) {
            assertThat(SignatureVerification.verify(algorithm, Keys.publicKeyFromSpki(signer.publicKey().getEncoded()),
                    MESSAGE, signature)).isTrue();
            assertThat(SignatureVerification.verify(algorithm, Keys.publicKeyFromSpki(other.publicKey().getEncoded()),
                    MESSAGE, signature)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void malformedSignaturesAreInvalidNotExceptions(SignatureAlgorithm algorithm) {
        Signer signer = Signers.generate(algorithm, RANDOM);
        for (byte[] garbage : List.of(new byte[0], new byte[]{0x30}, new byte[]{0x30, 0x7f, 1, 2}, new byte[200])) {
            assertThat(SignatureVerification.verify(algorithm, signer.publicKey(), MESSAGE, garbage)).isFalse();
        }
    }

    @Test
    void keyOfAnotherAlgorithmIsRejectedWithAReason() throws Exception {
        Signer ed = Signers.generate(SignatureAlgorithm.ED25519, RANDOM);
        Signer ec = Signers.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        byte[] signature = ec.sign(MESSAGE);
        assertThat(SignatureVerification.check(SignatureAlgorithm.ECDSA_P256_SHA256, ed.publicKey(), MESSAGE, signature))
                .hasValueSatisfying(r -> assertThat(r).contains("ED25519"));
        // An SM2 key is an EC key too, but must not pass as a P-256 key (or the reverse).
        Signer sm2 = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        assertThat(SignatureVerification.verify(SignatureAlgorithm.ECDSA_P256_SHA256, sm2.publicKey(), MESSAGE,
                sm2.sign(MESSAGE))).isFalse();
        assertThatThrownBy(() -> Signers.fromKeyPair(SignatureAlgorithm.ECDSA_P256_SHA256,
                Keys.generate(SignatureAlgorithm.SM2_SM3, RANDOM), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SM2_SM3");
    }

    @Test
    void sm2SignatureUsesTheDefaultUserIdAsAnIndependentSm2VerifierExpects() throws Exception {
        Signer signer = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        byte[] signature = signer.sign(MESSAGE);

        ECPublicKey key = (ECPublicKey) signer.publicKey();
        var spec = key.getParameters();
        ECPublicKeyParameters params = new ECPublicKeyParameters(key.getQ(),
                new ECDomainParameters(spec.getCurve(), spec.getG(), spec.getN(), spec.getH()));
        SM2Signer lightweight = new SM2Signer();
        lightweight.init(false, new ParametersWithID(params, "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        lightweight.update(MESSAGE, 0, MESSAGE.length);
        assertThat(lightweight.verifySignature(signature)).isTrue();

        SM2Signer otherId = new SM2Signer();
        otherId.init(false, new ParametersWithID(params, "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
        otherId.update(MESSAGE, 0, MESSAGE.length);
        assertThat(otherId.verifySignature(signature)).isFalse();
    }

    @Test
    void ecdsaAndEd25519SignaturesVerifyWithTheJdk() throws Exception {
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ED25519)) {
            Signer signer = Signers.generate(algorithm, RANDOM);
            Signature jdk = Signature.getInstance(algorithm.jcaName());
            jdk.initVerify(KeyFactory.getInstance(algorithm == SignatureAlgorithm.ED25519 ? "Ed25519" : "EC")
                    .generatePublic(new X509EncodedKeySpec(signer.publicKey().getEncoded())));
            jdk.update(MESSAGE);
            assertThat(jdk.verify(signer.sign(MESSAGE))).as(algorithm.name()).isTrue();
        }
    }

    @Test
    void rsaSha256SignaturesFromOtherVendorsVerify() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, TestSeed.secureRandom("SignersTest.rsa"));
        KeyPair rsa = generator.generateKeyPair();
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(rsa.getPrivate());
        jdk.update(MESSAGE);
        byte[] signature = jdk.sign();

        assertThat(SignatureVerification.verify(SignatureAlgorithm.RSA_SHA256, rsa.getPublic(), MESSAGE, signature)).isTrue();
        signature[10] ^= 1;
        assertThat(SignatureVerification.verify(SignatureAlgorithm.RSA_SHA256, rsa.getPublic(), MESSAGE, signature)).isFalse();
        assertThatThrownBy(() -> Signers.fromKeyPair(rsa)).hasMessageContaining("verification only");
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void privateKeyNeverAppearsInToString(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = Keys.generate(algorithm, RANDOM);
        Signer signer = Signers.fromKeyPair(pair);
        KeyMaterial material = KeyMaterial.of(pair.getPrivate(), List.of());
        byte[] secret = pair.getPrivate().getEncoded();
        for (String text : List.of(signer.toString(), material.toString())) {
            assertThat(text).doesNotContain(HexFormat.of().formatHex(secret).substring(20))
                    .doesNotContain(Base64.getEncoder().encodeToString(secret).substring(20))
                    .doesNotContainIgnoringCase("BEGIN");
        }
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            assertThat(signer.toString()).doesNotContain(ec.getD().toString()).doesNotContain(ec.getD().toString(16));
        }
    }

    @Test
    void algorithmIsInferredFromTheKey() {
        for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.SM2_SM3, SignatureAlgorithm.ECDSA_P256_SHA256,
                SignatureAlgorithm.ED25519)) {
            assertThat(Keys.algorithmOf(Keys.generate(algorithm, RANDOM).getPublic())).contains(algorithm);
        }
    }
}
