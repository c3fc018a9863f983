package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelRules;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.internal.securitydata.SignatureCheck.Outcome;
import dev.aigcmark.core.spi.ContentDigest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The content binding inside SecurityData: signed with the label's fields, invisible to readers that ignore it. */
class SecurityDataBindingTest {
    static final Signer SIGNER = Signers.generate(SignatureAlgorithm.SM2_SM3);
    static final String PRODUCER = "001191110102MACQD9K64010000";
    static final ContentDigest DIGEST = ContentDigest.builder("jpeg.1").part("scan", new byte[]{1, 2, 3}).build();
    static final byte[] PAYLOAD = HexFormat.of().parseHex("1002a0000beef123");
    static final LabelBinding BINDING = new LabelBinding("jpeg", DIGEST, PAYLOAD);

    static AigcLabel produced(String id) {
        return AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of(id));
    }

    static AigcLabel bound(AigcLabel label, LabelBinding binding, Signer signer) {
        return label.withReservedCode1(SecurityData.signProducer(label, binding, signer));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void aBoundLabelVerifiesWithItsBindingAfterAJsonRoundTrip(SignatureAlgorithm algorithm) {
        AigcLabel label = bound(produced("0123456789abcdef0123456789abcdef"), BINDING, Signers.generate(algorithm));
        assertThat(LabelRules.check(label)).as("the binding keeps Annex E's charset").isEmpty();
        AigcLabel read = LabelJson.parse(LabelJson.toBareJson(label)).label().orElseThrow();
        SignatureCheck check = SecurityData.verifyProducer(read);
        assertThat(check.outcome()).as(check.detail()).isEqualTo(Outcome.VALID);
        assertThat(check.binding().outcome()).as(check.binding().detail()).isEqualTo(BindingCheck.Outcome.SIGNED);
        assertThat(check.binding().binding().format()).isEqualTo("jpeg");
        assertThat(check.binding().binding().content()).isEqualTo(DIGEST);
        assertThat(check.binding().binding().watermarkPayload()).isEqualTo(PAYLOAD);
        assertThat(SecurityData.readBinding(read.reservedCode1()).flatMap(LabelBinding::watermarkPayloadHex))
                .contains("1002a0000beef123");
    }

    @Test
    void theGuidesShapeStaysIntactSoAReaderThatIgnoresBindingsStillVerifiesTheFields() {
        AigcLabel label = bound(produced("id-1"), BINDING, SIGNER);
        String rc1 = label.reservedCode1();
        assertThat(rc1).startsWith("{\"SecurityData\":{\"Type\":\"TC260PG\",\"Version\":1,\"PubSD\":[{\"Type\":\"DS\",");
        assertThat(rc1).contains("\"TBSData\":{\"Type\":\"Md\"}")
                .contains(",\"Bindings\":[{\"Type\":\"Format\",\"Value\":\"jpeg\"},{\"Type\":\"ContentDigest\"")
                .contains("\"BindingsSignature\":\"");
        // What an older reader sees: the same object without the members it does not know.
        String withoutBindings = rc1.substring(0, rc1.indexOf(",\"Bindings\"")) + "}}";
        SignatureCheck check = SecurityData.verify(withoutBindings, label.producerSignedText());
        assertThat(check.outcome()).isEqualTo(Outcome.VALID);
        assertThat(check.binding().outcome()).isEqualTo(BindingCheck.Outcome.ABSENT);
    }

    @Test
    void anAlteredDigestBreaksTheBindingButNotTheFieldSignature() {
        AigcLabel label = bound(produced("id-2"), BINDING, SIGNER);
        String altered = label.reservedCode1().replace(DIGEST.hex().toUpperCase(), "00".repeat(32));
        SignatureCheck check = SecurityData.verify(altered, label.producerSignedText());
        assertThat(check.outcome()).isEqualTo(Outcome.VALID);
        assertThat(check.binding().outcome()).isEqualTo(BindingCheck.Outcome.INVALID);
        assertThat(check.binding().detail()).contains("signature does not match");
    }

    @Test
    void aBindingCopiedFromAnotherLabelOfTheSameSignerDoesNotVerify() {
        AigcLabel a = bound(produced("id-a"), BINDING, SIGNER);
        AigcLabel b = bound(produced("id-b"), new LabelBinding("jpeg",
                ContentDigest.builder("jpeg.1").part("scan", new byte[]{9}).build(), null), SIGNER);
        String bindingOfA = a.reservedCode1().substring(a.reservedCode1().indexOf(",\"Bindings\""));
        String grafted = b.reservedCode1().substring(0, b.reservedCode1().indexOf(",\"Bindings\"")) + bindingOfA;
        SignatureCheck check = SecurityData.verify(grafted, b.producerSignedText());
        assertThat(check.outcome()).isEqualTo(Outcome.VALID);
        assertThat(check.binding().outcome()).isEqualTo(BindingCheck.Outcome.INVALID);
    }

    @Test
    void malformedBindingsAreReportedWithoutHidingTheFieldSignature() {
        AigcLabel label = produced("id-3");
        String valid = SecurityData.signProducer(label, SIGNER);
        String head = valid.substring(0, valid.length() - 2);
        for (String members : new String[]{",\"Bindings\":[]",
                ",\"Bindings\":[{\"Type\":\"Watermark\",\"Value\":\"1002A0000BEEF123\"}],\"BindingsSignature\":\"00\"",
                ",\"Bindings\":[{\"Type\":\"Format\",\"Value\":\"JPEG!\"}],\"BindingsSignature\":\"00\"", ",\"Bindings\":[{\"Type\":\"ContentDigest\"}],\"BindingsSignature\":\"00\"",
                ",\"Bindings\":[{\"Type\":\"Watermark\",\"Value\":\"ABCD\"}],\"BindingsSignature\":\"00\"",
                ",\"Bindings\":[{\"Type\":\"Watermark\",\"Value\":\"1002A0000BEEF123\"}]",
                ",\"Bindings\":[{\"Type\":\"ContentDigest\",\"Scheme\":\"../x\",\"AlgID\":\"2.16.840.1.101.3.4.2.1\",\"Value\":\"00\"}],\"BindingsSignature\":\"00\""}) {
            SignatureCheck check = SecurityData.verify(head + members + "}}", label.producerSignedText());
            assertThat(check.outcome()).as(members).isEqualTo(Outcome.VALID);
            assertThat(check.binding().outcome()).as(members).isEqualTo(BindingCheck.Outcome.INVALID);
        }
    }

    @Test
    void aPropagatorBindsItsOwnFieldsToTheContent() {
        AigcLabel produced = bound(produced("id-4"), BINDING, SIGNER);
        AigcLabel propagated = produced.withPropagation("00119144030008867405X220001", PropagateId.of("pid-1"));
        Signer platform = Signers.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        AigcLabel signed = propagated.withReservedCode2(SecurityData.signPropagator(propagated,
                new LabelBinding("jpeg", DIGEST, null), platform));
        SignatureCheck check = SecurityData.verifyPropagator(signed);
        assertThat(check.binding().outcome()).isEqualTo(BindingCheck.Outcome.SIGNED);
        assertThat(check.binding().binding().watermarkPayload()).isNull();
        assertThat(SecurityData.verifyProducer(signed).binding().outcome()).isEqualTo(BindingCheck.Outcome.SIGNED);
    }

    /**
     * The placeholder a writer sizes the label's room with (review of session 15, D2): made without the key, the same
     * SecurityData but for the signatures' hex, and never shorter than a signed one (DER ECDSA/SM2 signatures are 70
     * to 72 bytes, 64 raw; Ed25519 64).
     */
    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"SM2_SM3", "ECDSA_P256_SHA256", "ED25519"})
    void aPlaceholderIsNeverShorterThanTheSignedSecurityDataAndUsesNoKey(SignatureAlgorithm algorithm) {
        Signer key = Signers.generate(algorithm);
        Signer noKey = new Signer() {
            public SignatureAlgorithm algorithm() {
                return key.algorithm();
            }

            public java.security.PublicKey publicKey() {
                return key.publicKey();
            }

            public java.util.List<java.security.cert.X509Certificate> certificateChain() {
                return key.certificateChain();
            }

            public byte[] sign(byte[] message) {
                throw new AssertionError("the placeholder used the key");
            }
        };
        AigcLabel label = produced("0123456789abcdef0123456789abcdef");
        String placeholder = SecurityData.placeholder(label.producerSignedText(), BINDING, noKey);
        String hexSignatures = "\"(Signature|BindingsSignature)\":\"[0-9A-F]+\"";
        for (int i = 0; i < 200; i++) {
            String signed = SecurityData.signProducer(label, BINDING, key);
            assertThat(placeholder.length()).isGreaterThanOrEqualTo(signed.length());
            assertThat(placeholder.replaceAll(hexSignatures, "\"$1\":\"\""))
                    .isEqualTo(signed.replaceAll(hexSignatures, "\"$1\":\"\""));
        }
        int longest = algorithm == SignatureAlgorithm.ED25519 ? 64 : 72;
        assertThat(placeholder).contains("\"Signature\":\"" + "00".repeat(longest) + "\"")
                .contains("\"BindingsSignature\":\"" + "00".repeat(longest) + "\"");
    }
}
