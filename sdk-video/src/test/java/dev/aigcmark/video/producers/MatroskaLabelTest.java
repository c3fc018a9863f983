package dev.aigcmark.video.producers;

import dev.aigcmark.core.label.PropagateId;
import dev.aigcmark.core.label.ProduceId;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matroska and WebM as ffmpeg and mkvmerge write them: their AIGC tags are read (Segment-wide: standard; on a
 * track: tolerated), and our label written into them is read back by ffprobe with every packet of every stream
 * unchanged (framemd5 of a stream copy) and mkvinfo finding no error, whether the Tags fit in place or the
 * Clusters had to move.
 */
class MatroskaLabelTest {
    static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED, "001191110102MACQD9K64010000", ProduceId.of("mkv-1"));
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mkv,libx264", "webm,libvpx-vp9"})
    void ffmpegsSegmentTagIsTheStandardLabel(String ext, String codec) throws Exception {
        Path f = clip(ext, codec, List.of("-metadata", "AIGC=" + LabelJson.toBareJson(LABEL)));
        ImplicitLabel label = onlyLabel(new Verifier(CTX).verify(f));
        assertThat(label.label()).isEqualTo(LABEL);
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(label.carrier()).startsWith("Segment/Tags/Tag/SimpleTag AIGC");
    }

    @Test
    void aTrackTaggedLabelIsTolerated() throws Exception {
        Path f = clip("mkv", "libx264", List.of("-metadata:s:v:0", "AIGC=" + LabelJson.toBareJson(LABEL)));
        ImplicitLabel label = onlyLabel(new Verifier(CTX).verify(f));
        assertThat(label.placement()).isEqualTo(Placement.NONSTANDARD);
        assertThat(label.carrier()).contains("track-targeted");
    }

    @Test
    void mkvmergesGlobalTagsAreRead() throws Exception {
        ExternalTools.assumeTool("mkvmerge");
        Path src = clip("mkv", "libx264", List.of());
        Path xml = Files.writeString(tmp.resolve("tags.xml"), "<?xml version=\"1.0\"?><Tags><Tag><Targets/><Simple>"
                + "<Name>AIGC</Name><String>" + LabelJson.toBareJson(LABEL) + "</String></Simple></Tag></Tags>");
        Path f = tmp.resolve("mkvmerge.mkv");
        ExternalTools.run("mkvmerge", "-q", "-o", f.toString(), "--global-tags", xml.toString(), src.toString()).requireSuccess();
        assertThat(onlyLabel(new Verifier(CTX).verify(f)).label()).isEqualTo(LABEL);

        // mkvmerge keeps Tags after the Clusters: ours goes before them (into the Void), theirs loses its label.
        AigcLabel next = LABEL.withPropagation("00119144030008867405X220001", PropagateId.of("p-1"));
        Path out = write(f, next);
        assertThat(ffprobeTag(out)).isEqualTo(LabelJson.toBareJson(next));
        assertThat(new Verifier(CTX).verify(out).findings(ImplicitLabel.class)).hasSize(1);
        assertSamePackets(f, out);
        assertMkvinfoClean(out);
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({"mkv,libx264,labelled", "mkv,libx264,bare", "webm,libvpx-vp9,labelled", "webm,libvpx-vp9,bare",
            "webm,libvpx-vp9,live"})
    void ourLabelIsReadBackByFfprobeWithEveryPacketUnchanged(String ext, String codec, String variant) throws Exception {
        List<String> metadata = switch (variant) {
            case "labelled" -> List.of("-metadata", "AIGC={\"Label\":\"3\"}");
            case "live" -> List.of("-live", "1"); // a live stream: the Segment's size is unknown
            default -> List.of("-map_metadata", "-1");
        };
        Path f = clip(ext, codec, metadata);
        Path once = write(f, LABEL);
        assertThat(ffprobeTag(once)).isEqualTo(LabelJson.toBareJson(LABEL));
        assertSamePackets(f, once);
        assertMkvinfoClean(once);
        VerificationReport report = new Verifier(CTX).verify(once);
        assertThat(report.findings(ImplicitLabel.class)).hasSize(1);
        assertThat(onlyLabel(report).placement()).isEqualTo(Placement.STANDARD);

        Path twice = write(once, LABEL);
        assertThat(Files.readAllBytes(twice)).as("re-marking is a fixed point").isEqualTo(Files.readAllBytes(once));
    }

    static ImplicitLabel onlyLabel(VerificationReport r) {
        assertThat(r.findings(ImplicitLabel.class)).as("labels in %s", r.source()).hasSize(1);
        return (ImplicitLabel) r.findings(ImplicitLabel.class).get(0).mark();
    }

    Path clip(String ext, String codec, List<String> extra) {
        ExternalTools.assumeTool("ffmpeg");
        Path out = tmp.resolve("in-" + System.nanoTime() + "." + ext);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=96x64:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "1.5",
                "-c:v", codec, "-c:a", ext.equals("webm") ? "libopus" : "aac", "-g", "5"));
        cmd.addAll(extra);
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }

    Path write(Path in, AigcLabel label) throws Exception {
        String ext = in.getFileName().toString().replaceAll(".*\\.", "");
        Path out = tmp.resolve("out-" + System.nanoTime() + "." + ext);
        try (MediaInput input = MediaInput.of(in); OutputStream os = Files.newOutputStream(out)) {
            ((LabelWriter) CTX.handler(ext).orElseThrow()).writeLabel(input, os, new LabelEdit(label, null), CTX);
        }
        return out;
    }

    static String ffprobeTag(Path f) throws Exception {
        var r = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=AIGC", "-of", "json", f.toString())
                .requireSuccess();
        assertThat(r.stderr()).isEmpty();
        return new ObjectMapper().readTree(r.stdout()).path("format").path("tags").path("AIGC").asText();
    }

    /** The packet checksums of every stream (a stream copy to framemd5): the frames were not touched. */
    static void assertSamePackets(Path a, Path b) {
        assertThat(packets(b)).isEqualTo(packets(a));
    }

    static String packets(Path f) {
        String out = ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-i", f.toString(), "-map", "0", "-c", "copy",
                "-f", "framemd5", "-").requireSuccess().stdout();
        assertThat(out.lines().filter(l -> !l.startsWith("#")).count()).isGreaterThan(10);
        return out;
    }

    static void assertMkvinfoClean(Path f) {
        if (!ExternalTools.onPath("mkvinfo")) {
            ExternalTools.assumeTool("mkvinfo");
        }
        var r = ExternalTools.run("mkvinfo", f.toString());
        assertThat(r.exitCode()).as(r.stdout()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContainIgnoringCase("error");
        // Cues still point at Clusters: seeking to the middle decodes from a keyframe without complaint.
        var seek = ExternalTools.run("ffmpeg", "-nostdin", "-v", "error", "-ss", "0.8", "-i", f.toString(), "-frames:v", "1",
                "-f", "null", "-").requireSuccess();
        assertThat(seek.stderr()).isEmpty();
    }
}
