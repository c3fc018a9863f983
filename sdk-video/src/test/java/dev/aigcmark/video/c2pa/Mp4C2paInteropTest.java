package dev.aigcmark.video.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.internal.c2pa.C2paWriter;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.internal.c2pa.binding.BmffBoxes;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.SoftBinding;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.testing.CountingInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MP4 marked with a {@code c2pa.hash.bmff.v3} manifest by the development identity: the reference and our
 * verifier call it Trusted (with our root) without failure codes; a changed byte of the media data is a
 * {@code assertion.bmffHash.mismatch} for both.
 */
class Mp4C2paInteropTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static TestIdentity dev;

    @BeforeAll
    static void identity() throws Exception {
        dev = TestIdentity.create(home.resolve("aigc-home"));
    }

    private Path marked(String layout) throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path clip = layout.equals("faststart")
                ? Clips.make(tmp, "in.mp4", "160x120", 1.0, Clips.H264_AAC, "-movflags", "+faststart")
                : Clips.make(tmp, "in.mp4", "160x120", 1.0, Clips.H264_AAC);
        Path out = tmp.resolve("out.mp4");
        try (MediaInput in = MediaInput.of(clip)) {
            new C2paWriter(dev.context()).write(dev.context().handler("mp4").orElseThrow(), in, out,
                    C2paWriter.Request.of(dev.signer()).withWatermark(HexFormat.of().parseHex("00112233aabbccdd")));
        }
        return out;
    }

    private static MarkFinding ours(Path file) {
        var findings = new Verifier(dev.context()).verify(file).findings(C2paManifest.class);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"faststart", "moov-at-end"})
    void referenceTrustsOurBmffManifest(String layout) throws Exception {
        Path out = marked(layout);
        JsonNode ref = C2paPeer.read(out, dev.rootPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();
        assertThat(ref.toString()).contains(StatusCodes.BMFF_HASH_MATCH.id());

        MarkFinding f = ours(out);
        assertThat(f.state()).as("%s", f.statuses()).isEqualTo(TrustState.TRUSTED);
        assertThat(f.statuses()).noneMatch(Status::isFailure);
        assertThat(f.hasStatus(StatusCodes.BMFF_HASH_MATCH)).isTrue();
        assertThat(((C2paManifest) f.mark()).softBinding()).map(SoftBinding::hex).contains("00112233aabbccdd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"faststart", "moov-at-end"})
    void changedMediaDataIsABmffHashMismatchForBoth(String layout) throws Exception {
        Path out = marked(layout);
        BmffBoxes.Box mdat;
        try (MediaInput in = MediaInput.of(out)) {
            mdat = BmffBoxes.topLevel(in, ReadLimits.defaults()).stream().filter(b -> b.type().equals("mdat")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(out);
        bytes[(int) (mdat.offset() + mdat.size() / 2)] ^= 0x01;
        Path tampered = tmp.resolve("tampered.mp4");
        Files.write(tampered, bytes);

        JsonNode ref = C2paPeer.read(tampered, dev.rootPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(C2paPeer.activeFailures(ref)).containsExactly(StatusCodes.BMFF_HASH_MISMATCH.id());
        MarkFinding f = ours(tampered);
        assertThat(f.state()).isEqualTo(TrustState.INVALID);
        assertThat(f.statuses().stream().filter(Status::isFailure).map(Status::code)).containsExactly(StatusCodes.BMFF_HASH_MISMATCH);
    }

    /** A manifest store moved into another clip (issue 11, transplant): its BMFF hash fails for both readers. */
    @Test
    void aManifestMovedIntoAnotherClipFailsItsHardBinding() throws Exception {
        Path out = marked("faststart");
        byte[] store = dev.context().handler("mp4").orElseThrow().scan(MediaInput.of(Files.readAllBytes(out), "marked"),
                dev.context()).carriers(CarrierType.JUMBF).get(0).data();
        Path other = Clips.make(tmp, "other.mp4", "160x120", 1.2, Clips.H264_AAC, "-movflags", "+faststart");
        Path moved = tmp.resolve("moved.mp4");
        try (MediaInput in = MediaInput.of(other); OutputStream os = Files.newOutputStream(moved)) {
            ((C2paEmbedding) dev.context().handler("mp4").orElseThrow())
                    .writeStore(in, os, store, dev.context());
        }
        JsonNode ref = C2paPeer.read(moved, dev.rootPem());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Invalid");
        assertThat(C2paPeer.activeFailures(ref)).containsExactly(StatusCodes.BMFF_HASH_MISMATCH.id());
        MarkFinding f = ours(moved);
        assertThat(f.state()).isEqualTo(TrustState.INVALID);
        assertThat(f.statuses().stream().filter(Status::isFailure).map(Status::code)).containsExactly(StatusCodes.BMFF_HASH_MISMATCH);
    }

    /**
     * Issue 16: the writer reads the asset once in full. The placeholder pass copies it into the output; the
     * final store is patched over the placeholder, so the second pass of the handler copies nothing (it used to
     * copy the whole asset again). Counted on the input the writer is given; a changed byte of the patched output
     * still fails both readers' hash (above), and the output is trusted by both (checked here by ours).
     */
    @Test
    void theWriterReadsTheAssetOnceInFull() throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path clip = Clips.make(tmp, "in.mp4", "640x360", 2.0, Clips.H264_AAC, "-b:v", "3M");
        Path out = tmp.resolve("out.mp4");
        long size = Files.size(clip);
        CountingInput in = new CountingInput(MediaInput.of(clip));
        try (in) {
            new C2paWriter(dev.context()).write(dev.context().handler("mp4").orElseThrow(), in, out,
                    C2paWriter.Request.of(dev.signer()));
        }
        assertThat(size).as("a clip whose sample data dominates").isGreaterThan(300_000);
        assertThat(in.count()).as("bytes read of a %d-byte asset", size).isLessThan(size + size / 4);
        assertThat(ours(out).state()).isEqualTo(TrustState.TRUSTED);
    }
}
