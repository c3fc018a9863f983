package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The GB 45438 codec over label carriers, as any handler hands them over. */
class Gb45438CodecTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("Gb45438CodecTest");

    static final String PRODUCER = "001191110102MACQD9K64010000";
    static final String PROPAGATOR = "00119144030008867405X220001";

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void signedLabelIsValidAndNamesAnUnregisteredKey(SignatureAlgorithm alg) {
        Signer signer = Signers.generate(alg, RANDOM);
        MarkFinding f = single(verify(TestContexts.defaults(), json(producerSigned(signer))));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
        assertThat(f.hasStatus(StatusCodes.LABEL_CONFORMS)).isTrue();
        assertThat(f.signer()).contains("unregistered key sha256:");
    }

    @Test
    void registeredPlatformMakesItTrustedAndNamed() {
        Signer signer = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        SdkContext ctx = TestContexts.builder().trust(registryWith(signer, false)).build();
        MarkFinding f = single(verify(ctx, json(producerSigned(signer))));
        assertThat(f.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(f.signer()).isEqualTo("producer: Example Platform");
    }

    @Test
    void developmentIdentityIsNeverTrusted() {
        Signer signer = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
        SdkContext ctx = TestContexts.builder().trust(registryWith(signer, true)).build();
        MarkFinding f = single(verify(ctx, json(producerSigned(signer))));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.SIGNER_DEVELOPMENT)).isTrue();
        assertThat(f.signer()).contains("development identity, not trusted");
    }

    @Test
    void oneFlippedCharacterInProduceIdIsASignatureFailure() {
        AigcLabel signed = producerSigned(Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM));
        AigcLabel forged = new AigcLabel(signed.label(), signed.contentProducer(), signed.produceId().replace('a', 'b'),
                signed.reservedCode1(), "", "", "");
        VerificationReport r = verify(TestContexts.defaults(), json(forged));
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.SIG_PRODUCER_MISMATCH);
    }

    @Test
    void propagatorSignatureKeepsTheProducersValid() {
        AigcLabel produced = producerSigned(Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM));
        Signer platform = Signers.generate(SignatureAlgorithm.ECDSA_P256_SHA256, RANDOM);
        AigcLabel propagated = produced.withPropagation(PROPAGATOR, PropagateId.of("tos-cn-i-1/abc"));
        propagated = propagated.withReservedCode2(SecurityData.signPropagator(propagated, platform));
        SdkContext ctx = TestContexts.builder().trust(registryWith(platform, false)).build();
        MarkFinding f = single(verify(ctx, json(propagated)));
        assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
        assertThat(f.hasStatus(StatusCodes.SIG_PROPAGATOR_VALID)).isTrue();
        assertThat(f.state()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void unsignedVendorLabelIsValidButSaysSo() {
        AigcLabel doubao = new AigcLabel("1", PRODUCER, "0123456789abcdef0123456789abcdef", "", "", "", "");
        MarkFinding f = single(verify(TestContexts.defaults(), json(doubao)));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.SIG_ABSENT)).isTrue();
    }

    @Test
    void identicalCopiesAreOneMarkButDifferentLabelsConflict() {
        AigcLabel a = new AigcLabel("1", PRODUCER, "id-1", "", "", "", "");
        AigcLabel b = new AigcLabel("1", PRODUCER, "id-2", "", "", "", "");
        VerificationReport same = verify(TestContexts.defaults(), json(a), wrappedJson(a));
        assertThat(same.marks()).singleElement().satisfies(f -> assertThat(f.hasStatus(StatusCodes.LABEL_MULTIPLE)).isTrue());
        VerificationReport conflict = verify(TestContexts.defaults(), json(a), json(b));
        assertThat(conflict.marks()).hasSize(2);
        assertThat(conflict.failureCodes()).contains(StatusCodes.LABEL_CONFLICT);
    }

    @Test
    void nonConformingLabelFailsWithTheNamedRule() {
        AigcLabel spaced = new AigcLabel("1", PRODUCER, "has space", "", "", "", "");
        VerificationReport r = verify(TestContexts.defaults(), json(spaced));
        assertThat(r.failureCodes()).containsExactly(StatusCodes.LABEL_CHARSET);
    }

    @Test
    void xmpCarrierInAttributeFormIsRead() {
        AigcLabel label = new AigcLabel("2", PRODUCER, "x", "", "", "", "");
        String attr = LabelJson.toBareJson(label).replace("\"", "&quot;");
        String xmp = "<?xml version=\"1.0\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
                + "xmlns:tc=\"http://www.tc260.org.cn/ns/AIGC/1.0/\" tc:AIGC=\"" + attr + "\"/></rdf:RDF></x:xmpmeta>";
        Carrier c = new Carrier(CarrierType.XMP, "test XMP", 0, xmp.length(), xmp.getBytes(StandardCharsets.UTF_8));
        MarkFinding f = single(verify(TestContexts.defaults(), c));
        assertThat(((ImplicitLabel) f.mark()).label()).isEqualTo(label);
    }

    @Test
    void perFieldXmpAndAMisspelledNamespaceAreReadButNamedNonConforming() {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:t=\"https://www.tc260.org.cn/ns/AIGC/1.0\">"
                + "<t:Label>1</t:Label><t:ContentProducer>" + PRODUCER + "</t:ContentProducer><t:ProduceID>p1</t:ProduceID>"
                + "<t:ReservedCode1/><t:ContentPropagator/><t:PropagateID/><t:ReservedCode2/>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
        VerificationReport r = verify(TestContexts.defaults(), new Carrier(CarrierType.XMP, "vendor XMP", 0, xmp.length(),
                xmp.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.failureCodes()).contains(StatusCodes.LABEL_XMP_FORM, StatusCodes.LABEL_XMP_NAMESPACE);
        assertThat(((ImplicitLabel) single(r).mark()).label().produceId()).isEqualTo("p1");
        // Non-conforming but not forged: the declared value is still what a platform shows.
        assertThat(r.effectiveLabel()).contains(LabelValue.AI_GENERATED);
    }

    @Test
    void twoDifferentLabelsInOnePacketConflict() {
        String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + description(new AigcLabel("1", PRODUCER, "a", "", "", "", ""))
                + description(new AigcLabel("3", PRODUCER, "b", "", "", "", "")) + "</rdf:RDF></x:xmpmeta>";
        VerificationReport r = verify(TestContexts.defaults(), new Carrier(CarrierType.XMP, "XMP", 0, xmp.length(),
                xmp.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.marks()).hasSize(2);
        assertThat(r.failureCodes()).contains(StatusCodes.LABEL_CONFLICT);
    }

    @Test
    void aForgedLabelDeclaresNothing() {
        AigcLabel signed = producerSigned(Signers.generate(SignatureAlgorithm.ED25519, RANDOM));
        AigcLabel forged = new AigcLabel("1", signed.contentProducer(), "other", signed.reservedCode1(), "", "", "");
        assertThat(verify(TestContexts.defaults(), json(forged)).effectiveLabel()).contains(LabelValue.SUSPECTED_AI_GENERATED);
    }

    private static String description(AigcLabel label) {
        return "<rdf:Description rdf:about=\"\" xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\"><TC260:AIGC>"
                + LabelJson.toBareJson(label) + "</TC260:AIGC></rdf:Description>";
    }

    private static AigcLabel producerSigned(Signer signer) {
        AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of("0123456789abcdef0123456789abcdef"));
        return label.withReservedCode1(SecurityData.signProducer(label, signer));
    }

    private static TrustRegistry registryWith(Signer signer, boolean development) {
        return new TrustRegistry(List.of(new TrustedPlatform("example", "Example Platform", List.of(PRODUCER),
                List.of(signer.publicKey()), List.of(), Optional.empty(), development)));
    }

    private static Carrier json(AigcLabel label) {
        byte[] b = LabelJson.toBareJson(label).getBytes(StandardCharsets.UTF_8);
        return new Carrier(CarrierType.AIGC_JSON, "test", 0, b.length, b);
    }

    private static Carrier wrappedJson(AigcLabel label) {
        byte[] b = LabelJson.toWrappedJson(label).getBytes(StandardCharsets.UTF_8);
        return new Carrier(CarrierType.AIGC_JSON, "test wrapped", 0, b.length, b);
    }

    private static VerificationReport verify(SdkContext ctx, Carrier... carriers) {
        Container.Builder b = Container.builder(null, MediaInput.of(new byte[0], "test"));
        for (Carrier c : carriers) {
            b.carrier(c);
        }
        VerificationReport.Builder report = VerificationReport.builder("test");
        new Gb45438Codec().verify(b.build(), ctx, report);
        return report.build();
    }

    private static MarkFinding single(VerificationReport r) {
        assertThat(r.marks()).hasSize(1);
        return r.marks().get(0);
    }
}
