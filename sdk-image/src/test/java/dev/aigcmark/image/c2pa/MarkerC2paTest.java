package dev.aigcmark.image.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole marking path ({@link Marker}: watermark, signed label, then our C2PA manifest last) in JPEG, PNG
 * and WebP: the reference trusts the result, our verifier finds every mark intact, and marking the output
 * again keeps the first manifest as parent.
 */
class MarkerC2paTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static TestIdentity devId;

    @BeforeAll
    static void identity() throws Exception {
        devId = TestIdentity.create(home.resolve("aigc-home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png", "webp"})
    void markedFilesAreTrustedByTheReferenceAndVerifyCleanly(String format) throws Exception {
        SdkContext ctx = devId.context().toBuilder().identity(devId.identity()).build();
        MarkIntent intent = MarkIntent.builder().c2pa(true).build();
        Path once = tmp.resolve("once." + format);
        new Marker(ctx).mark(MarkedImages.image(tmp, format), once, intent);

        JsonNode ref = C2paPeer.read(once, devId.rootPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
        VerificationReport ours = new Verifier(ctx).verify(once);
        assertThat(ours.failureCodes()).as("%s", ours.marks()).isEmpty();
        MarkFinding c2pa = ours.findings(C2paManifest.class).get(0);
        assertThat(c2pa.state()).isEqualTo(TrustState.TRUSTED);
        if (!ours.findings(Watermark.class).isEmpty()) {
            assertThat(((C2paManifest) c2pa.mark()).actions()).contains("c2pa.watermarked");
        }

        Path twice = tmp.resolve("twice." + format);
        new Marker(ctx).mark(once, twice, MarkIntent.builder().c2pa(true).watermark(false).propagator(true).build());
        JsonNode ref2 = C2paPeer.read(twice, devId.rootPem());
        assertThat(ref2.path("validation_state").asText()).as(ref2.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref2)).isEmpty();
        assertThat(ref2.path("manifest_store").path("manifests").size()).isEqualTo(2);
    }
}
