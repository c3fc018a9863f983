package dev.aigcmark.text.e2e;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkRefusedException;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.ExplicitLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Marker and Verifier facades end to end on Markdown, through the real handler and codecs. */
class MarkdownMarkVerifyTest {

    static final String PROPAGATOR = "00119144030008867405X220001";
    static final String DOC = "---\ntitle: Spring\ntags: [a, b]\n---\n# Spring\n\nThe rain came early this year.\n";

    @TempDir
    static Path home;
    static PlatformIdentity identity;
    static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        context = DevelopmentContexts.marking(home.resolve("aigc"));
        identity = context.requireIdentity();
    }

    @Test
    void markThenVerifyGivesTheSevenFieldsAndAValidSm2Signature(@TempDir Path dir) throws Exception {
        Path in = write(dir, "in.md", DOC);
        Path out = dir.resolve("out.md");
        MarkResult result = new Marker(context).mark(in, out, MarkIntent.builder().build());

        assertThat(result.format()).isEqualTo("markdown");
        assertThat(Files.readString(in)).isEqualTo(DOC);
        VerificationReport report = new Verifier(context).verify(out);
        MarkFinding label = report.findings(ImplicitLabel.class).get(0);
        AigcLabel written = ((ImplicitLabel) label.mark()).label();
        assertThat(written).isEqualTo(result.label());
        assertThat(written.contentProducer()).isEqualTo(identity.providerCode());
        assertThat(label.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
        assertThat(label.statuses()).anySatisfy(s -> assertThat(s.message()).contains("SM2_SM3"));
        // A development identity is recognised but never trusted.
        assertThat(label.state()).isEqualTo(TrustState.VALID);
        assertThat(label.signer()).contains("development identity, not trusted");
        assertThat(report.findings(ExplicitLabel.class)).isNotEmpty();
        assertThat(ExitCodes.forReport(report)).isEqualTo(ExitCodes.VALID);
        assertThat(Files.readString(out)).contains("title: Spring").contains("# Spring");
    }

    @Test
    void flippingOneCharacterOfProduceIdFailsTheSignature(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.md");
        MarkResult result = new Marker(context).mark(write(dir, "in.md", DOC), out,
                MarkIntent.builder().produceId(ProduceId.of("abcdef0123456789")).build());
        String marked = Files.readString(out);
        Files.writeString(out, marked.replace("abcdef0123456789", "abcdef0123456788"));

        VerificationReport report = new Verifier(context).verify(out);
        assertThat(report.failureCodes()).contains(StatusCodes.SIG_PRODUCER_MISMATCH);
        assertThat(ExitCodes.forReport(report)).isEqualTo(ExitCodes.FAILED);
        assertThat(result.label().produceId()).isEqualTo("abcdef0123456789");
    }

    @Test
    void reMarkingKeepsExactlyOneLabel(@TempDir Path dir) throws Exception {
        Path once = dir.resolve("once.md");
        Path twice = dir.resolve("twice.md");
        Marker marker = new Marker(context);
        marker.mark(write(dir, "in.md", DOC), once, MarkIntent.builder().build());
        marker.mark(once, twice, MarkIntent.builder().build());

        String text = Files.readString(twice);
        assertThat(text.split("\nAIGC:", -1)).hasSize(2);
        VerificationReport report = new Verifier(context).verify(twice);
        assertThat(report.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(report.state()).isEqualTo(TrustState.VALID);
    }

    @Test
    void aPropagatorAddsItsSignedFieldsAndKeepsTheProducers(@TempDir Path dir) throws Exception {
        Path produced = dir.resolve("produced.md");
        Path propagated = dir.resolve("propagated.md");
        AigcLabel original = new Marker(context).mark(write(dir, "in.md", DOC), produced, MarkIntent.builder().build()).label();
        AigcLabel after = new Marker(context).mark(produced, propagated, MarkIntent.builder().propagator(true)
                .producerCode(PROPAGATOR).propagateId(PropagateId.of("platform-42")).build()).label();

        assertThat(after.producerSignedText()).isEqualTo(original.producerSignedText());
        assertThat(after.reservedCode1()).isEqualTo(original.reservedCode1());
        assertThat(after.contentPropagator()).isEqualTo(PROPAGATOR);
        MarkFinding f = new Verifier(context).verify(propagated).findings(ImplicitLabel.class).get(0);
        assertThat(f.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
        assertThat(f.hasStatus(StatusCodes.SIG_PROPAGATOR_VALID)).isTrue();
    }

    @Test
    void anotherProducersLabelIsNotOverwrittenSilently(@TempDir Path dir) throws Exception {
        Path produced = dir.resolve("produced.md");
        new Marker(context).mark(write(dir, "in.md", DOC), produced, MarkIntent.builder().build());
        Path out = dir.resolve("out.md");
        assertThatThrownBy(() -> new Marker(context).mark(produced, out,
                MarkIntent.builder().producerCode(PROPAGATOR).build()))
                .isInstanceOf(MarkRefusedException.class).hasMessageContaining("already labelled");
        assertThat(out).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void unmarkedAndUnreadableInputsGetTheirExitCodes(@TempDir Path dir) throws Exception {
        Verifier verifier = new Verifier(context);
        assertThat(ExitCodes.forReport(verifier.verify(write(dir, "plain.md", DOC)))).isEqualTo(ExitCodes.NO_MARKS);
        Path binary = dir.resolve("x.bin");
        Files.write(binary, new byte[]{0, 1, 2, (byte) 0xFF, 0, 0x7F});
        VerificationReport r = verifier.verify(binary);
        assertThat(ExitCodes.forReport(r)).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.unreadableReason()).get().asString().contains("unrecognised format");
        assertThat(ExitCodes.forReport(verifier.verify(dir.resolve("missing.md")))).isEqualTo(ExitCodes.UNREADABLE);
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }
}
