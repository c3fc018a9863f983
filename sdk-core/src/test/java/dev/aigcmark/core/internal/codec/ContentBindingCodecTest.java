package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.internal.securitydata.LabelBinding;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the GB 45438 codec makes of a label's content binding, against the digest the file's handler computes. */
class ContentBindingCodecTest {
    static final Signer PRODUCER_KEY = Signers.generate(SignatureAlgorithm.SM2_SM3);
    static final Signer PROPAGATOR_KEY = Signers.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    static final String PRODUCER = "001191110102MACQD9K64010000";
    static final String PROPAGATOR = "00119144030008867405X220001";
    static final ContentDigest THIS = digest("jpeg.1", 1);
    static final ContentDigest OTHER = digest("jpeg.1", 2);

    @Test
    void aLabelBoundToThisContentMatches() {
        MarkFinding f = single(verify(TestContexts.defaults(), new Handler(THIS), bound(THIS, null)));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.BINDING_MATCH)).isTrue();
    }

    @Test
    void aLabelBoundToOtherContentIsATransplantEvenFromATrustedPlatform() {
        SdkContext trusting = TestContexts.builder().trust(registry(PRODUCER_KEY, false)).build();
        VerificationReport r = verify(trusting, new Handler(THIS), bound(OTHER, null));
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
        assertThat(r.effectiveLabel()).as("a transplanted label says nothing about this content")
                .contains(LabelValue.SUSPECTED_AI_GENERATED);
    }

    @Test
    void aLabelMadeForAnotherFormatIsATransplant() {
        VerificationReport r = verify(TestContexts.defaults(), new Handler(THIS), bound(digest("png.1", 1), null));
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
        assertThat(single(r).statuses()).anyMatch(s -> s.message().contains("labelled a png file"));
    }

    @Test
    void aLabelMadeForAFormatWithoutDigestStillNamesItsFormat() {
        MarkFinding unchecked = single(verify(TestContexts.defaults(), new Handler(THIS), bound("jpeg", null, null)));
        assertThat(unchecked.state()).isEqualTo(TrustState.VALID);
        assertThat(unchecked.hasStatus(StatusCodes.BINDING_UNCHECKED)).isTrue();
        VerificationReport moved = verify(TestContexts.defaults(), new Handler(THIS), bound("avif", null, null));
        assertThat(moved.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
    }

    @Test
    void anUnboundForeignLabelIsOnlyNoted() {
        MarkFinding f = single(verify(TestContexts.defaults(), new Handler(THIS), unbound()));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.BINDING_ABSENT)).isTrue();
    }

    @Test
    void anUnboundLabelOfAPlatformThatAlwaysBindsHadItsBindingStripped() {
        SdkContext trusting = TestContexts.builder().trust(registry(PRODUCER_KEY, true)).build();
        VerificationReport r = verify(trusting, new Handler(THIS), unbound());
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_REMOVED);
    }

    @Test
    void aNewerDigestRuleIsUncheckedNotATransplant() {
        MarkFinding f = single(verify(TestContexts.defaults(), new Handler(THIS), bound(digest("jpeg.2", 1), null)));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.BINDING_UNCHECKED)).isTrue();
    }

    @Test
    void aFormatWithoutDigestLeavesTheBindingUnchecked() {
        // A label bound by a build that digests "plain" files, read by one that does not.
        MarkFinding f = single(verify(TestContexts.defaults(), null, bound(digest("plain.1", 1), null)));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.BINDING_UNCHECKED)).isTrue();
    }

    @Test
    void contentThatCannotBeDigestedFailsABoundLabel() {
        VerificationReport r = verify(TestContexts.defaults(), new Handler(null), bound(THIS, null));
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_UNVERIFIABLE);
    }

    @Test
    void aPropagatorsBindingSupersedesTheProducersAfterReEncoding() {
        AigcLabel produced = bound(OTHER, null);
        AigcLabel propagated = produced.withPropagation(PROPAGATOR, PropagateId.of("pid-1"));
        AigcLabel signed = propagated.withReservedCode2(SecurityData.signPropagator(propagated,
                new LabelBinding("jpeg", THIS, null), PROPAGATOR_KEY));
        MarkFinding f = single(verify(TestContexts.defaults(), new Handler(THIS), signed));
        assertThat(f.state()).isEqualTo(TrustState.VALID);
        assertThat(f.hasStatus(StatusCodes.BINDING_SUPERSEDED)).isTrue();
        assertThat(f.hasStatus(StatusCodes.BINDING_MATCH)).isTrue();
    }

    @Test
    void theWholeLabelMovedWithItsPropagationStillFails() {
        AigcLabel produced = bound(OTHER, null);
        AigcLabel propagated = produced.withPropagation(PROPAGATOR, PropagateId.of("pid-2"));
        AigcLabel signed = propagated.withReservedCode2(SecurityData.signPropagator(propagated,
                new LabelBinding("jpeg", OTHER, null), PROPAGATOR_KEY));
        VerificationReport r = verify(TestContexts.defaults(), new Handler(THIS), signed);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH, StatusCodes.BINDING_MISMATCH);
    }

    static ContentDigest digest(String scheme, int content) {
        return ContentDigest.builder(scheme).number("c", content).build();
    }

    static AigcLabel unbound() {
        AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of("0123456789abcdef0123456789abcdef"));
        return label.withReservedCode1(SecurityData.signProducer(label, PRODUCER_KEY));
    }

    static AigcLabel bound(ContentDigest digest, byte[] watermark) {
        return bound(digest == null ? "jpeg" : digest.format(), digest, watermark);
    }

    static AigcLabel bound(String format, ContentDigest digest, byte[] watermark) {
        AigcLabel label = AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of("0123456789abcdef0123456789abcdef"));
        return label.withReservedCode1(SecurityData.signProducer(label, new LabelBinding(format, digest, watermark),
                PRODUCER_KEY));
    }

    static TrustRegistry registry(Signer signer, boolean bindsContent) {
        return new TrustRegistry(List.of(new TrustedPlatform("example", "Example Platform", List.of(PRODUCER),
                List.of(signer.publicKey()), List.of(), Optional.empty(), false, List.of(), bindsContent)));
    }

    private static Container container(FormatHandler handler, AigcLabel label) {
        byte[] b = LabelJson.toBareJson(label).getBytes(StandardCharsets.UTF_8);
        return Container.builder(handler, MediaInput.of(new byte[0], "test"))
                .carrier(new Carrier(CarrierType.AIGC_JSON, "test", 0, b.length, b)).build();
    }

    private static VerificationReport verify(SdkContext ctx, FormatHandler handler, AigcLabel label) {
        VerificationReport.Builder report = VerificationReport.builder("test");
        new Gb45438Codec().verify(container(handler == null ? new Plain() : handler, label), ctx, report);
        return report.build();
    }

    private static MarkFinding single(VerificationReport r) {
        assertThat(r.marks()).hasSize(1);
        return r.marks().get(0);
    }

    /** A format without a content digest. */
    static class Plain implements FormatHandler {
        public String id() {
            return "plain";
        }

        public String mediaType() {
            return "application/octet-stream";
        }

        public List<String> extensions() {
            return List.of();
        }

        public boolean sniff(byte[] head, int length, String fileName) {
            return false;
        }

        public Container scan(MediaInput input, SdkContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** A format whose content digest is {@code digest}, or unreadable when it is null. */
    static final class Handler extends Plain implements ContentDigester {
        private final ContentDigest digest;

        Handler(ContentDigest digest) {
            this.digest = digest;
        }

        @Override
        public String id() {
            return "jpeg";
        }

        @Override
        public ContentDigest contentDigest(Container scanned) throws IOException {
            if (digest == null) {
                throw new UnreadableInputException("the scan found the image data cut short");
            }
            return digest;
        }
    }
}
