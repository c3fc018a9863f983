package dev.aigcmark.cli.binding;

import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The label-transplant finding (issue 11), for every format we write: a signed label copied onto other content
 * of the same format fails as {@code gb45438.binding.mismatch} even when its signer is a trusted platform, and so
 * does a content edit after labelling, while metadata-only edits (a propagator's ReservedCode2, a C2PA manifest,
 * exiftool's own edits) keep it bound. The copy is made the
 * way an attacker would: the label exactly as found, written into the other file's metadata.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelTransplantTest {
    static final String PRODUCE_ID = "b1d0000aaaabbbbccccddddeeeeffff0";
    static final String PROPAGATOR = "00119144030008867405X220001";
    static final MarkIntent LABEL_ONLY = MarkIntent.builder().produceId(ProduceId.of(PRODUCE_ID)).watermark(false).explicitLabel(null).build();

    @TempDir
    static Path dir;
    PlatformIdentity identity;
    SdkContext context;
    Verifier verifier;

    @BeforeAll
    void trustedPlatform() throws IOException {
        context = productionContext(dir.resolve("home"), "LabelTransplantTest");
        identity = context.identity().orElseThrow();
        verifier = new Verifier(context);
    }

    /**
     * A development identity (keys from {@code seedPurpose}) whose keys are also registered as a production
     * platform that binds its labels, so an intact label reads TRUSTED: the worst case for a transplant.
     */
    static SdkContext productionContext(Path home, String seedPurpose) throws IOException {
        PlatformIdentity identity = IdentityStore.loadOrCreateDevelopment(home, Clock.systemUTC(),
                TestSeed.randomSource(seedPurpose + ".identity"));
        TrustedPlatform own = TrustedPlatform.of(identity);
        TrustedPlatform production = new TrustedPlatform(own.id(), "Example Platform", own.providerCodes(),
                own.signingKeys(), own.certificates(), own.watermarkKey(), false, List.of(), true);
        return TestContexts.builder().identity(identity).random(TestSeed.randomSource(seedPurpose + ".ids"))
                .trust(TrustRegistry.empty().with(production)).build();
    }

    @TestFactory
    Stream<DynamicContainer> everyFormat() {
        return Arrays.stream(Contents.values()).map(format -> DynamicContainer.dynamicContainer(format.name(),
                tests(format, context.handler(handlerId(format)).orElseThrow())));
    }

    /** The cases that apply to {@code format}: C2PA where it has a slot, exiftool where exiftool writes it. */
    private Stream<DynamicTest> tests(Contents format, FormatHandler handler) {
        Stream.Builder<DynamicTest> tests = Stream.builder();
        tests.add(DynamicTest.dynamicTest("a marked file verifies TRUSTED and bound", () -> {
            VerificationReport r = verifier.verify(marked(format));
            assertThat(r.state()).as(r.failureCodes().toString()).isEqualTo(TrustState.TRUSTED);
            assertThat(label(r).hasStatus(StatusCodes.BINDING_MATCH)).isTrue();
        }));
        tests.add(DynamicTest.dynamicTest("its label copied onto other content fails", () -> {
            Path other = file(format, "other", format.make(dir, 1));
            Path transplanted = withLabel(format, other, labelOf(marked(format)));
            VerificationReport r = verifier.verify(transplanted);
            assertThat(r.state()).isEqualTo(TrustState.INVALID);
            assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
            assertThat(label(r).hasStatus(StatusCodes.SIG_PRODUCER_VALID)).as("the signature itself is genuine").isTrue();
        }));
        tests.add(DynamicTest.dynamicTest("a propagator's re-signed label stays bound", () -> {
            Path propagated = dir.resolve("propagated-" + format.name() + "." + format.extension);
            new Marker(context).mark(marked(format), propagated, MarkIntent.builder().propagator(true)
                    .producerCode(PROPAGATOR).propagateId(PropagateId.of("p-" + format.name())).watermark(false).explicitLabel(null).build());
            VerificationReport r = verifier.verify(propagated);
            assertThat(r.state()).as(r.failureCodes().toString()).isEqualTo(TrustState.TRUSTED);
            assertThat(label(r).statuses()).filteredOn(s -> s.code().equals(StatusCodes.BINDING_MATCH))
                    .as("producer and propagator bindings").hasSize(2);
        }));
        if (handler instanceof C2paEmbedding) {
            tests.add(DynamicTest.dynamicTest("a C2PA manifest added after the label keeps it bound", () -> {
                Path out = dir.resolve("c2pa-" + format.name() + "." + format.extension);
                new Marker(context).mark(file(format, "c2pa-in", format.make(dir, 0)), out,
                        MarkIntent.builder().produceId(ProduceId.of(PRODUCE_ID)).watermark(false).explicitLabel(null).c2pa(true).build());
                VerificationReport r = verifier.verify(out);
                assertThat(r.failureCodes()).isEmpty();
                assertThat(r.findings(C2paManifest.class)).hasSize(1);
                assertThat(label(r).hasStatus(StatusCodes.BINDING_MATCH)).isTrue();
            }));
        }
        if (handler instanceof ContentMarker marker && !format.isVideo()) { // re-encoding video takes too long here
            tests.add(DynamicTest.dynamicTest("a content edit after labelling breaks the binding", () -> {
                Path edited = dir.resolve("edited-" + format.name() + "." + format.extension);
                try (MediaInput in = MediaInput.of(marked(format)); var os = Files.newOutputStream(edited)) {
                    marker.markContent(in, os, new ContentEdit("AI生成", null, null, null), context);
                }
                VerificationReport r = verifier.verify(edited);
                assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
            }));
        }
        if (format.exiftoolEdit != null) {
            tests.add(DynamicTest.dynamicTest("exiftool's metadata edit keeps the binding", () -> {
                ExternalTools.assumeTool("exiftool");
                Path edited = dir.resolve("exiftool-" + format.name() + "." + format.extension);
                Files.copy(marked(format), edited);
                ExternalTools.run("exiftool", "-q", "-overwrite_original", format.exiftoolEdit, edited.toString())
                        .requireSuccess();
                assertThat(Files.mismatch(edited, marked(format))).as("exiftool changed the file").isNotEqualTo(-1);
                VerificationReport r = verifier.verify(edited);
                assertThat(r.state()).as(r.failureCodes().toString()).isEqualTo(TrustState.TRUSTED);
                assertThat(label(r).hasStatus(StatusCodes.BINDING_MATCH)).isTrue();
            }));
        }
        return tests.build();
    }

    /**
     * The exact scenario, with every mark on: the APP1 XMP segment of one marked JPEG spliced into
     * another picture the same platform marked. Both the content digest and the watermark the label names
     * disagree with the picture it now sits in.
     */
    @Test
    void jpegXmpSegmentSplicedIntoAnotherMarkedPicture() throws IOException {
        MarkIntent full = MarkIntent.builder().produceId(ProduceId.of("a0000000000000000000000000000001")).build();
        Path a = dir.resolve("full-a.jpg");
        Path b = dir.resolve("full-b.jpg");
        // Large enough for the watermark to be detected (the samples of the other tests are thumbnails).
        new Marker(context).mark(file(Contents.JPEG, "full-a-in", Contents.image("jpeg", 0, 480, 360)), a, full);
        new Marker(context).mark(file(Contents.JPEG, "full-b-in", Contents.image("jpeg", 1, 480, 360)), b,
                MarkIntent.builder().produceId(ProduceId.of("b0000000000000000000000000000002")).build());
        VerificationReport own = verifier.verify(b);
        assertThat(own.state()).as(own.failureCodes().toString()).isEqualTo(TrustState.TRUSTED);
        assertThat(own.crossChecks()).anyMatch(s -> s.code().equals(StatusCodes.XREF_WATERMARK_SERIAL_MATCH));

        Path spliced = dir.resolve("spliced.jpg");
        Files.write(spliced, JpegSegments.replaceXmp(Files.readAllBytes(b), JpegSegments.xmp(Files.readAllBytes(a))));
        VerificationReport r = verifier.verify(spliced);
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
        assertThat(((ImplicitLabel) label(r).mark()).label().produceId()).isEqualTo("a0000000000000000000000000000001");
        assertThat(r.effectiveLabel()).as("a transplanted label is only a trace").contains(
                LabelValue.SUSPECTED_AI_GENERATED);
    }

    /** Sample 0 of {@code format}, labelled (once per format). */
    Path marked(Contents format) throws IOException {
        Path out = dir.resolve("marked-" + format.name() + "." + format.extension);
        if (!Files.exists(out)) {
            Path in = file(format, "original", format.make(dir, 0));
            new Marker(context).mark(in, out, LABEL_ONLY);
        }
        return out;
    }

    Path file(Contents format, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name + "-" + format.name() + "." + format.extension);
        Files.write(p, bytes);
        return p;
    }

    /** The label exactly as a reader finds it in {@code file}. */
    AigcLabel labelOf(Path file) {
        return ((ImplicitLabel) label(verifier.verify(file)).mark()).label();
    }

    /** {@code target} with {@code label} written into its metadata, as any tool that copies metadata would. */
    Path withLabel(Contents format, Path target, AigcLabel label) throws IOException {
        FormatHandler handler = context.handler(handlerId(format)).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MediaInput in = MediaInput.of(target)) {
            ((LabelWriter) handler).writeLabel(in, out, new LabelEdit(label, null), context);
        }
        Path p = dir.resolve("transplanted-" + format.name() + "." + format.extension);
        Files.write(p, out.toByteArray());
        return p;
    }

    static String handlerId(Contents format) {
        return switch (format) {
            case MP4, MOV -> "mp4";
            case MARKDOWN -> "markdown";
            default -> format.name().toLowerCase(Locale.ROOT);
        };
    }

    static MarkFinding label(VerificationReport r) {
        return r.findings(ImplicitLabel.class).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no label in " + r.source() + ": " + r.failureCodes()));
    }
}
