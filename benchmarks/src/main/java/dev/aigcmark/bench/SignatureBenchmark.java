package dev.aigcmark.bench;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.crypto.BouncyCastle;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.securitydata.SignatureCheck;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GB 45438 label signing and verification (SecurityData in ReservedCode1: canonical text, signature, JSON with
 * the public key; verification parses that JSON and checks the key) beside BouncyCastle's bare
 * {@link Signature} sign/verify of the same bytes with the same key, measured in the same run. The ratio is
 * our overhead; the target is signing within 1.1x of bare BouncyCastle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {
    /** Operations per side of a pair in the paired methods (one SM2 signature is ≈ 0.1–0.3 ms). */
    static final int REPEATS = 8;

    @Param({"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    public SignatureAlgorithm algorithm;

    private KeyPair keys;
    private Signer signer;
    private AigcLabel label;
    private AigcLabel signed;
    private byte[] message;
    private byte[] signature;
    private Signature bareSigner;
    private Signature bareVerifier;

    @Setup
    public void setUp() throws GeneralSecurityException {
        keys = Keys.generate(algorithm);
        signer = Signers.fromKeyPair(algorithm, keys, List.of());
        label = AigcLabel.produced(LabelValue.AI_GENERATED, "001191110102MACQD9K64010000",
                ProduceId.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
        signed = label.withReservedCode1(SecurityData.signProducer(label, signer));
        message = label.producerSignedText().getBytes(StandardCharsets.UTF_8);
        bareSigner = bare();
        bareSigner.initSign(keys.getPrivate());
        bareVerifier = bare();
        bareVerifier.initVerify(keys.getPublic());
        signature = bareSign();
    }

    /**
     * Baseline: BouncyCastle signs the label's signed text, nothing else, with a {@link Signature} initialised with
     * the key once (its {@code sign()} leaves it ready for the next message): the least a caller that keeps its
     * key does, and what our signer does too. Initialising per signature would add BouncyCastle's key set-up (about
     * two thirds of an SM2 signature) to the baseline, not to the work being compared.
     */
    @Benchmark
    public byte[] bareSign() throws GeneralSecurityException {
        bareSigner.update(message);
        return bareSigner.sign();
    }

    /** Ours: the ReservedCode1 value (canonical text, signature, SecurityData JSON with the public key). */
    @Benchmark
    public String labelSign() {
        return SecurityData.signProducer(label, signer);
    }

    /** Baseline: BouncyCastle verifies the signature with the key in hand (initialised once, as {@link #bareSign}). */
    @Benchmark
    public boolean bareVerify() throws GeneralSecurityException {
        bareVerifier.update(message);
        return bareVerifier.verify(signature);
    }

    /** A BouncyCastle Signature of the algorithm (the SM2 one with the standard's default user id). */
    private Signature bare() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm.jcaName(), BouncyCastle.provider());
        if (algorithm == SignatureAlgorithm.SM2_SM3) {
            s.setParameter(new SM2ParameterSpec(BouncyCastle.SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        }
        return s;
    }

    /** Ours: parse SecurityData, decode the key from it, check algorithm and signature. */
    @Benchmark
    public SignatureCheck labelVerify() {
        return SecurityData.verifyProducer(signed);
    }

    /**
     * {@link #labelSign} and {@link #bareSign} alternated within each invocation ({@link Paired}), thread CPU time,
     * each side {@value #REPEATS} times in a row so the clock reads are a small part of what is timed.
     */
    @Benchmark
    public String labelSignPaired(Paired p) throws Exception {
        return Alternation.run(p, REPEATS, false, this::bareSign, this::labelSign);
    }

    /** {@link #labelVerify} and {@link #bareVerify} alternated, as {@link #labelSignPaired}. */
    @Benchmark
    public SignatureCheck labelVerifyPaired(Paired p) throws Exception {
        return Alternation.run(p, REPEATS, false, this::bareVerify, this::labelVerify);
    }
}
