package dev.aigcmark.video.internal.audio.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.mark.C2paManifest;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every audio format marked through the real {@link Marker} (signed label, XMP with the IPTC source type, C2PA where
 * C2PA defines a place), then read back by independent readers: exiftool and ffprobe find our label, ffmpeg decodes
 * the same samples as before (the edit was lossless), and the C2PA reference accepts our manifest.
 */
class AudioLabelRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static TestIdentity dev;
    private static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        dev = TestIdentity.create(home.resolve("aigc-home"));
        context = dev.trustingContext("AudioLabelRoundTripTest");
    }

    /** A 1 s 440 Hz clip in {@code ext}, with a producer's ordinary tags (they must survive). */
    static Path clip(Path dir, String ext, String codec) {
        ExternalTools.assumeTool("ffmpeg");
        Path out = dir.resolve("in." + ext);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=1:sample_rate=44100", "-ac", "2", "-c:a", codec,
                "-metadata", "title=Tone", "-metadata", "artist=Generator"));
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"wav,pcm_s16le,wav,true", "mp3,libmp3lame,mp3,true", "flac,flac,flac,true", "opus,libopus,ogg,false",
            "ogg,libvorbis,ogg,false", "m4a,aac,mp4,true"})
    void markedFileIsReadBackByIndependentReaders(String ext, String codec, String handler, boolean c2pa) throws Exception {
        Path in = clip(tmp, ext, codec);
        Path out = tmp.resolve("out." + ext);
        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().watermark(false).explicitLabel(null)
                .c2pa(c2pa).build());
        assertThat(r.format()).isEqualTo(handler);
        String produceId = r.label().produceId();

        VerificationReport report = new Verifier(context).verify(out);
        List<MarkFinding> labels = report.findings(ImplicitLabel.class);
        assertThat(labels).as("%s", report.marks()).hasSize(1);
        ImplicitLabel label = (ImplicitLabel) labels.get(0).mark();
        assertThat(label.label()).isEqualTo(r.label());
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(labels.get(0).statuses()).noneMatch(Status::isFailure);

        if (!ext.equals("wav")) { // ffprobe shows a WAV's LIST INFO tags only, not the AIGC chunk
            assertThat(ffprobeTags(out)).as("ffprobe").contains(produceId);
        }
        assertThat(ffprobeTags(out)).as("the producer's tags are kept").contains("Generator");
        assertThat(decodedMd5(out)).as("samples unchanged").isEqualTo(decodedMd5(in));
        assertThat(exiftool(out)).as("exiftool").contains(produceId);

        if (c2pa) {
            List<MarkFinding> manifests = report.findings(C2paManifest.class);
            assertThat(manifests).hasSize(1);
            assertThat(manifests.get(0).statuses()).as("%s", manifests.get(0).statuses()).noneMatch(Status::isFailure);
            assertThat(manifests.get(0).state()).isIn(TrustState.VALID, TrustState.TRUSTED);
            JsonNode ref = C2paPeer.read(out, dev.rootPem());
            assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
            assertThat(C2paPeer.allFailures(ref)).isEmpty();
        }
    }

    static String ffprobeTags(Path f) {
        ExternalTools.assumeTool("ffprobe");
        return ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json",
                f.toString()).requireSuccess().stdout();
    }

    /** Every value exiftool reads (binary ones, such as an unknown RIFF chunk, decoded from its base64). */
    static String exiftool(Path f) throws Exception {
        ExternalTools.assumeTool("exiftool");
        JsonNode all = JSON.readTree(ExternalTools.run("exiftool", "-j", "-a", "-u", "-b", "-G1", f.toString())
                .requireSuccess().stdout());
        StringBuilder text = new StringBuilder();
        all.get(0).fields().forEachRemaining(e -> {
            String v = e.getValue().asText();
            text.append(e.getKey()).append('=').append(v.startsWith("base64:")
                    ? new String(Base64.getDecoder().decode(v.substring(7)), StandardCharsets.UTF_8)
                    : v).append('\n');
        });
        return text.toString();
    }

    static String decodedMd5(Path f) {
        return ExternalTools.run("ffmpeg", "-v", "error", "-i", f.toString(), "-map", "0:a", "-f", "md5", "-")
                .requireSuccess().stdout().strip();
    }
}
