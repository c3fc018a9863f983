package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.crypto.BouncyCastle;
import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CoseAlgorithm#newVerifier} (BouncyCastle for ECDSA on P-256, P-384 and P-521) answers as the JDK's
 * {@code SHA…withECDSAinP1363Format} does, the reference (what COSE_Sign1 verification used before): for every
 * algorithm and curve pairing, on valid signatures and on every kind of damage (message or signature bits
 * flipped, another key, r or s zero, equal to n or above it, the other s, truncated, lengthened, random bytes),
 * and keys the JDK cannot verify with (secp256k1) stay refused. Exceptions count as "no", as in
 * {@code CoseSign1.verify}.
 */
class EcdsaVerifierTest {
    private static final CoseAlgorithm[] ECDSA = {CoseAlgorithm.ES256, CoseAlgorithm.ES384, CoseAlgorithm.ES512};

    @Test
    void bouncyCastleAnswersAsTheJdkOnEveryCurveAndDamage() throws Exception {
        SecureRandom keys = TestSeed.secureRandom("EcdsaVerifierTest.keys");
        Random random = TestSeed.random("EcdsaVerifierTest.cases");
        int accepted = 0;
        int cases = 0;
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), keys);
            KeyPair pair = g.generateKeyPair();
            KeyPair other = g.generateKeyPair();
            for (CoseAlgorithm alg : ECDSA) {
                for (int trial = 0; trial < 2; trial++) {
                    byte[] message = new byte[1 + random.nextInt(3000)];
                    random.nextBytes(message);
                    Signature signer = alg.newSignature();
                    signer.initSign(pair.getPrivate(), keys);
                    signer.update(message);
                    byte[] signature = signer.sign();
                    BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
                    for (byte[] sig : damaged(signature, n, random)) {
                        for (PublicKey key : List.of(pair.getPublic(), other.getPublic())) {
                            for (byte[] msg : List.of(message, flipped(message, random))) {
                                boolean expected = jdk(alg, key, msg, sig);
                                assertThat(fast(alg, key, msg, sig)).as("%s on %s, trial %d", alg, curve, trial)
                                        .isEqualTo(expected);
                                accepted += expected ? 1 : 0;
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(accepted).as("valid signatures among %d cases", cases).isGreaterThanOrEqualTo(3 * 3 * 2 * 2);
    }

    @Test
    void keysOnOtherCurvesAreStillRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new ECGenParameterSpec("secp256k1"), TestSeed.secureRandom("EcdsaVerifierTest.k1"));
        KeyPair pair = g.generateKeyPair();
        byte[] message = "claim".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BouncyCastle.provider());
        signer.initSign(pair.getPrivate(), TestSeed.secureRandom("EcdsaVerifierTest.k1.sign"));
        signer.update(message);
        byte[] signature = signer.sign();
        boolean expected = jdk(CoseAlgorithm.ES256, pair.getPublic(), message, signature);
        assertThat(fast(CoseAlgorithm.ES256, pair.getPublic(), message, signature)).isEqualTo(expected).isFalse();
    }

    /** The signature as made, and damaged every way a hostile store could. */
    private static List<byte[]> damaged(byte[] sig, BigInteger n, Random random) {
        int half = sig.length / 2;
        List<byte[]> out = new ArrayList<>();
        out.add(sig);
        byte[] bit = sig.clone();
        bit[random.nextInt(bit.length)] ^= (byte) (1 << random.nextInt(8));
        out.add(bit);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
        out.add(join(r, n.subtract(s), half)); // the other s: ECDSA's malleability, valid for both
        out.add(join(BigInteger.ZERO, s, half));
        out.add(join(r, BigInteger.ZERO, half));
        out.add(join(n, s, half));
        out.add(join(r, n, half));
        out.add(join(r.add(n), s, half));
        out.add(join(r, s.add(n), half));
        out.add(Arrays.copyOf(sig, sig.length - 1));
        out.add(Arrays.copyOf(sig, sig.length + 1));
        out.add(new byte[0]);
        byte[] noise = new byte[sig.length];
        random.nextBytes(noise);
        out.add(noise);
        return out;
    }

    /** r and s as unsigned big-endian numbers of {@code half} bytes each (their low bytes when longer). */
    private static byte[] join(BigInteger r, BigInteger s, int half) {
        byte[] out = new byte[2 * half];
        put(r, out, 0, half);
        put(s, out, half, half);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int at, int len) {
        byte[] b = v.toByteArray();
        for (int i = 0; i < len && i < b.length; i++) {
            out[at + len - 1 - i] = b[b.length - 1 - i];
        }
    }

    private static byte[] flipped(byte[] message, Random random) {
        byte[] out = message.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    /** The reference: the JDK's P1363 ECDSA, as COSE_Sign1 verified before. */
    private static boolean jdk(CoseAlgorithm alg, PublicKey key, byte[] message, byte[] sig) {
        try {
            Signature s = alg.newSignature();
            s.initVerify(key);
            s.update(message);
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean fast(CoseAlgorithm alg, PublicKey key, byte[] message, byte[] sig) {
        try {
            Signature s = alg.newVerifier(key);
            s.update(message);
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }
}
