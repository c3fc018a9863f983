package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.trust.RevokedKey;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which payloads a label vouches for, for the audio known-payload test (review of session 14): only a role whose
 * signature verifies under a known, unrevoked platform's key that goes by the code the label names for that role,
 * under that platform's watermark keys only, at most {@link VouchedPayloads#MAX_ASKED}. A label signed with a
 * throw-away key, a tampered one, a revoked signer or a platform signing for another's code asks for nothing.
 */
class VouchedPayloadsTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("VouchedPayloadsTest");
    private static final String PRODUCER = "001191110102MACQD9K64010000";
    private static final String PROPAGATOR = "00119144030008867405X220001";
    private static final String PRODUCE_ID = "0123456789abcdef0123456789abcdef";

    private final Signer producer = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
    private final Signer propagator = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
    private final WatermarkKey producerKey = key(7);
    private final WatermarkKey propagatorKey = key(9);

    private static WatermarkKey key(int issuer) {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new WatermarkKey(issuer, k);
    }

    private static TrustedPlatform platform(String id, String code, Signer signer, WatermarkKey key, List<RevokedKey> revoked) {
        return new TrustedPlatform(id, id, List.of(code), revoked.isEmpty() ? List.of(signer.publicKey()) : List.of(),
                List.of(), Optional.of(key), false, revoked);
    }

    private SdkContext both() {
        return TestContexts.builder().trust(new TrustRegistry(List.of(
                platform("producer", PRODUCER, producer, producerKey, List.of()),
                platform("propagator", PROPAGATOR, propagator, propagatorKey, List.of())))).build();
    }

    private static AigcLabel produced(Signer signer, String code) {
        AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, code, ProduceId.of(PRODUCE_ID));
        return label.withReservedCode1(SecurityData.signProducer(label, signer));
    }

    private static VouchedPayloads.Vouched vouched(WatermarkKey key, String id) {
        return new VouchedPayloads.Vouched(key, WatermarkPayload.of(key, WatermarkPayloads.serialOf(id)));
    }

    @Test
    void aLabelSignedByTheNamedProducerVouchesForItsProduceIdUnderThatProducersKey() {
        assertThat(VouchedPayloads.of(both(), List.of(produced(producer, PRODUCER))))
                .containsExactly(vouched(producerKey, PRODUCE_ID));
    }

    @Test
    void eachRoleIsAskedUnderItsOwnPlatformsKeyOnly() {
        AigcLabel label = produced(producer, PRODUCER).withPropagation(PROPAGATOR, PropagateId.of("tos-cn-i-1/abc"));
        label = label.withReservedCode2(SecurityData.signPropagator(label, propagator));
        assertThat(VouchedPayloads.of(both(), List.of(label)))
                .containsExactly(vouched(producerKey, PRODUCE_ID), vouched(propagatorKey, "tos-cn-i-1/abc"));
    }

    @Test
    void aThrowAwayKeyATamperedLabelOrAnotherPlatformsCodeAsksForNothing() {
        Signer stranger = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        assertThat(VouchedPayloads.of(both(), List.of(produced(stranger, PRODUCER)))).as("unregistered key").isEmpty();

        AigcLabel signed = produced(producer, PRODUCER);
        AigcLabel tampered = new AigcLabel(signed.label(), signed.contentProducer(), signed.produceId().replace('a', 'b'),
                signed.reservedCode1(), "", "", "");
        assertThat(VouchedPayloads.of(both(), List.of(tampered))).as("signature mismatch").isEmpty();

        assertThat(VouchedPayloads.of(both(), List.of(produced(propagator, PRODUCER))))
                .as("a registered platform signing for a code it does not go by").isEmpty();

        AigcLabel unsigned = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of(PRODUCE_ID));
        assertThat(VouchedPayloads.of(both(), List.of(unsigned))).as("unsigned").isEmpty();
    }

    @Test
    void aRevokedSignerAsksForNothing() {
        SdkContext revoked = TestContexts.builder().trust(new TrustRegistry(List.of(platform("producer", PRODUCER,
                producer, producerKey, List.of(new RevokedKey(producer.publicKey(), Instant.EPOCH, "lost")))))).build();
        assertThat(VouchedPayloads.of(revoked, List.of(produced(producer, PRODUCER)))).isEmpty();
    }

    @Test
    void atMostMaxAskedPayloadsAreAskedOfOneFile() {
        List<AigcLabel> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of(PRODUCE_ID + i));
            many.add(label.withReservedCode1(SecurityData.signProducer(label, producer)));
        }
        assertThat(VouchedPayloads.of(both(), many)).hasSize(VouchedPayloads.MAX_ASKED)
                .first().isEqualTo(vouched(producerKey, PRODUCE_ID + 0));
    }
}
