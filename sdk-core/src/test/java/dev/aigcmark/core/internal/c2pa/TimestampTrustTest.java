package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.testing.TestSeed;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.TestContexts;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A time-stamp counts only from a trusted TSA. A manifest signed five days ago with a certificate that expired
 * yesterday, time-stamped by a TSA nobody configured, is judged now: {@code timeStamp.untrusted} then
 * {@code signingCredential.expired}, INVALID, as the reference reader judges it. With that TSA among the TSA
 * anchors the time-stamp counts, the certificate is judged when it signed, and the manifest is TRUSTED.
 * Validation runs at the real time here, because the reference reader does.
 */
class TimestampTrustTest {
    @TempDir
    static Path tmp;
    static Path file;
    static X509Certificate root;
    static X509Certificate tsaCertificate;

    @BeforeAll
    static void signWithAShortLivedCertificate() throws Exception {
        Instant now = Instant.now();
        KeyPair rootKeys = ecKeys();
        KeyPair leafKeys = ecKeys();
        root = CertificateIssuer.selfSignedRoot(rootKeys, new X500Name("CN=Timestamp test root"),
                now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        X509Certificate leaf = CertificateIssuer.issueLeaf(leafKeys.getPublic(), new X500Name("CN=Short-lived signer"),
                root, rootKeys.getPrivate(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        Instant signedAt = now.minus(Duration.ofDays(5));
        SdkContext then = TestContexts.builder().handlers(List.of(new PngFixtureHandler()))
                .clock(Clock.fixed(signedAt, ZoneOffset.UTC)).trustAnchors(List.of(root)).build();
        file = tmp.resolve("stamped.png");
        try (LocalTsa tsa = new LocalTsa(true, () -> Date.from(signedAt));
             MediaInput in = MediaInput.of(C2paWriterTest.png(tmp, "in.png"))) {
            tsaCertificate = tsa.certificate();
            new C2paWriter(then).write(new PngFixtureHandler(), in, file,
                    C2paWriter.Request.of(CoseSigner.of(leafKeys.getPrivate(), List.of(leaf), CoseAlgorithm.ES256))
                            .withTimestampAuthority(tsa.uri()));
        }
    }

    private static int keys;

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), TestSeed.secureRandom("TimestampTrustTest.keys#" + keys++));
        return g.generateKeyPair();
    }

    private static C2paValidation validateNow(List<X509Certificate> tsaAnchors) throws Exception {
        SdkContext now = TestContexts.builder().handlers(List.of(new PngFixtureHandler()))
                .trustAnchors(List.of(root)).tsaAnchors(tsaAnchors).build();
        try (MediaInput in = MediaInput.of(file)) {
            return new C2paValidator(now).validate(new PngFixtureHandler().scan(in, now).carriers("jumbf").get(0), in);
        }
    }

    @Test
    void anUntrustedTsaLeavesTheCertificateJudgedNow() throws Exception {
        C2paValidation v = validateNow(List.of());
        assertThat(v.state()).as("%s", v.results()).isEqualTo(TrustState.INVALID);
        assertThat(v.has(StatusCodes.TIMESTAMP_UNTRUSTED)).isTrue();
        assertThat(v.activeFailureCodes()).contains(StatusCodes.SIGNING_CREDENTIAL_EXPIRED);

        JsonNode ref = C2paPeer.read(file, TestKeys.writePem(List.of(root), tmp.resolve("root.pem")));
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(C2paPeer.activeFailures(ref)).containsExactlyInAnyOrderElementsOf(
                v.activeFailureCodes().stream().map(StatusCode::id).toList());
        assertThat(codes(ref, "informational")).contains(StatusCodes.TIMESTAMP_UNTRUSTED.id());
        // Signed inside the certificate's validity by the time-stamp's word, trusted or not: both say so.
        assertThat(v.has(StatusCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY)).isTrue();
        assertThat(codes(ref, "success")).contains(StatusCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY.id());
    }

    @Test
    void aTrustedTsaDatesTheSignature() throws Exception {
        C2paValidation v = validateNow(List.of(tsaCertificate));
        assertThat(v.state()).as("%s", v.results()).isEqualTo(TrustState.TRUSTED);
        assertThat(v.has(StatusCodes.TIMESTAMP_TRUSTED)).isTrue();
        assertThat(v.activeFailureCodes()).isEmpty();
        assertThat(v.signature().orElseThrow().timestampTrusted()).isTrue();

        // The reference trusts a TSA whose certificate is in its trust bundle too, but c2pa-rs 0.91.3 still
        // judges a v2 claim's signer at the validation time (docs/c2pa.md, known differences).
        JsonNode ref = C2paPeer.read(file, TestKeys.writePem(List.of(root, tsaCertificate), tmp.resolve("root-tsa.pem")));
        assertThat(codes(ref, "success")).contains(StatusCodes.TIMESTAMP_TRUSTED.id(),
                StatusCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY.id());
    }

    private static List<String> codes(JsonNode ref, String group) {
        List<String> out = new ArrayList<>();
        ref.path("validation_results").path("activeManifest").path(group).forEach(n -> out.add(n.path("code").asText()));
        return out;
    }
}
