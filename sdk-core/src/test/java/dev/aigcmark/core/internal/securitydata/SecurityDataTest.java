package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelRules;
import dev.aigcmark.core.internal.securitydata.SignatureCheck.Outcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityDataTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("SecurityDataTest");

    private static final Map<SignatureAlgorithm, Signer> SIGNERS = new EnumMap<>(SignatureAlgorithm.class);

    static {
        for (SignatureAlgorithm a : new SignatureAlgorithm[]{SignatureAlgorithm.SM2_SM3,
                SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ED25519}) {
            SIGNERS.put(a, Signers.generate(a, RANDOM));
        }
    }

    @Provide
    Arbitrary<SignatureAlgorithm> signingAlgorithms() {
        return Arbitraries.of(SIGNERS.keySet());
    }

    @Provide
    Arbitrary<AigcLabel> labels() {
        return LabelArbitraries.produced();
    }

    private static AigcLabel signed(AigcLabel label, SignatureAlgorithm algorithm) {
        return label.withReservedCode1(SecurityData.signProducer(label, SIGNERS.get(algorithm)));
    }

    @Property(tries = 150)
    void signedLabelsVerifyAfterAJsonRoundTripAndConform(@ForAll("labels") AigcLabel label,
                                                         @ForAll("signingAlgorithms") SignatureAlgorithm algorithm) {
        AigcLabel signed = signed(label, algorithm);
        assertThat(LabelRules.check(signed)).as("SecurityData must satisfy Annex E's charset").isEmpty();
        assertThat(signed.reservedCode1()).doesNotContain(" ");

        // Through the file form and back, as a verifier sees it.
        AigcLabel read = LabelJson.parse(LabelJson.toBareJson(signed)).label().orElseThrow();
        SignatureCheck check = SecurityData.verifyProducer(read);
        assertThat(check.outcome()).as(check.detail()).isEqualTo(Outcome.VALID);
        assertThat(check.algorithm()).isEqualTo(algorithm);
        assertThat(check.signerKey().getEncoded()).isEqualTo(SIGNERS.get(algorithm).publicKey().getEncoded());
        assertThat(SecurityData.verifyPropagator(read).outcome()).isEqualTo(Outcome.ABSENT);
    }

    @Property(tries = 150)
    void changingAnyProducerFieldIsAMismatch(@ForAll("labels") AigcLabel label,
                                             @ForAll("signingAlgorithms") SignatureAlgorithm algorithm,
                                             @ForAll("labels") AigcLabel other) {
        AigcLabel signed = signed(label, algorithm);
        String rc1 = signed.reservedCode1();
        AigcLabel[] tampered = {
                new AigcLabel(label.label().equals("1") ? "2" : "1", label.contentProducer(), label.produceId(), rc1, "", "", ""),
                new AigcLabel(label.label(), other.contentProducer(), label.produceId(), rc1, "", "", ""),
                new AigcLabel(label.label(), label.contentProducer(), label.produceId() + "x", rc1, "", "", ""),
        };
        for (AigcLabel t : tampered) {
            if (t.producerSignedText().equals(label.producerSignedText())) {
                continue; // the random "other" code happened to be the same
            }
            SignatureCheck check = SecurityData.verifyProducer(t);
            assertThat(check.outcome()).as(check.detail()).isEqualTo(Outcome.MISMATCH);
            assertThat(check.failed()).isTrue();
            assertThat(check.signerKey()).isNotNull();
        }
    }

    @Property(tries = 100)
    void propagatorSignatureIsIndependentOfTheProducers(@ForAll("labels") AigcLabel label,
                                                        @ForAll("signingAlgorithms") SignatureAlgorithm producerAlg,
                                                        @ForAll("signingAlgorithms") SignatureAlgorithm propagatorAlg) {
        String propagator = LabelArbitraries.providerCodes('2').sample();
        AigcLabel propagated = signed(label, producerAlg).withPropagation(propagator, PropagateId.of("p-" + label.produceId().length()));
        propagated = propagated.withReservedCode2(SecurityData.signPropagator(propagated, SIGNERS.get(propagatorAlg)));

        assertThat(LabelRules.check(propagated)).isEmpty();
        assertThat(SecurityData.verifyProducer(propagated).outcome()).isEqualTo(Outcome.VALID);
        SignatureCheck check = SecurityData.verifyPropagator(propagated);
        assertThat(check.outcome()).isEqualTo(Outcome.VALID);
        assertThat(check.algorithm()).isEqualTo(propagatorAlg);

        AigcLabel repropagated = propagated.withPropagation(propagator, PropagateId.of("other-id")).withReservedCode2(propagated.reservedCode2());
        assertThat(SecurityData.verifyPropagator(repropagated).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(SecurityData.verifyProducer(repropagated).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void writesTheGuidesShapeExactly() {
        AigcLabel label = new AigcLabel("1", "001191000000MA0000000N10000", "id-1", "", "", "", "");
        String json = SecurityData.signProducer(label, SIGNERS.get(SignatureAlgorithm.SM2_SM3));
        assertThat(json).matches("\\{\"SecurityData\":\\{\"Type\":\"TC260PG\",\"Version\":1,\"PubSD\":\\["
                + "\\{\"Type\":\"DS\",\"AlgID\":\"1\\.2\\.156\\.10197\\.1\\.501\",\"TBSData\":\\{\"Type\":\"Md\"\\},"
                + "\"Signature\":\"30[0-9A-F]+\"\\},"
                + "\\{\"Type\":\"PubKey\",\"AlgID\":\"1\\.2\\.156\\.10197\\.1\\.501\",\"KeyValue\":\"30[0-9A-F]+\"\\}\\]\\}\\}");
    }

    @Test
    void annexF4DigestsAreComparedWithSm3AndSha256() {
        AigcLabel label = new AigcLabel("1", "001191000000MA0000000N10000", "abc", "", "", "", "");
        byte[] text = label.producerSignedText().getBytes(StandardCharsets.UTF_8);
        String sm3 = HexFormat.of().formatHex(SecurityDataDigest.sm3(text));
        String sha = HexFormat.of().withUpperCase().formatHex(SecurityDataDigest.sha256(text));

        SignatureCheck bySm3 = SecurityData.verifyProducer(label.withReservedCode1(sm3));
        assertThat(bySm3.outcome()).isEqualTo(Outcome.DIGEST_VALID);
        assertThat(bySm3.detail()).contains("SM3");
        SignatureCheck bySha = SecurityData.verifyProducer(label.withReservedCode1(sha));
        assertThat(bySha.outcome()).isEqualTo(Outcome.DIGEST_VALID);
        assertThat(bySha.detail()).contains("SHA-256");
        AigcLabel changed = new AigcLabel("2", label.contentProducer(), "abc", sm3, "", "", "");
        assertThat(SecurityData.verifyProducer(changed).outcome()).isEqualTo(Outcome.DIGEST_MISMATCH);
    }

    @Test
    void sm3DigestMatchesTheStandardTestVector() {
        // GB/T 32905-2016 Annex A example 1: SM3("abc").
        assertThat(HexFormat.of().formatHex(SecurityDataDigest.sm3("abc".getBytes())))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void unknownAlgorithmIsUnsupportedNotMalformed() {
        AigcLabel label = signed(new AigcLabel("1", "x", "y", "", "", "", ""), SignatureAlgorithm.ECDSA_P256_SHA256);
        String other = label.reservedCode1().replace("1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3");
        SignatureCheck check = SecurityData.verifyProducer(label.withReservedCode1(other));
        assertThat(check.outcome()).isEqualTo(Outcome.UNSUPPORTED_ALGORITHM);
        assertThat(check.detail()).contains("1.2.840.10045.4.3.3");
    }
}
