package dev.aigcmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.internal.c2pa.C2paPeer;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.testing.Clips;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc mark} on a video: FFmpeg is the default backend and the steps say what decoded and encoded; the
 * sound keeps its codec, rate, channels and length (it is re-encoded with its watermark) and the frame times survive; the C2PA reference reader accepts the {@code --c2pa} output; {@code aigc
 * verify} finds the watermark; {@code --codec jcodec} still works; unknown backends and encoders are usage errors.
 */
class VideoMarkCliTest {
    @TempDir
    static Path dir;
    static Path home;
    static Path input;

    @BeforeAll
    static void clip() {
        ExternalTools.assumeTool("ffmpeg");
        home = dir.resolve("home");
        input = Clips.make(dir, "in.mp4", "640x360", 2.0, List.of("-c:v", "libx264", "-profile:v", "high",
                "-bf", "3", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k"));
    }

    static CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void marksWithFfmpegKeepsTheSoundInSyncAndTheReferenceReaderAcceptsTheManifest() throws IOException {
        Path out = dir.resolve("marked.mp4");
        CliRun r = cli("mark", input.toString(), "-o", out.toString(), "--c2pa");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("decoded with ffmpeg 7.1").containsPattern("re-encoded with lib(x264|openh264)");
        // the sound is kept, not copied: marking a video marks its audio track too (re-encoded with the same codec,
        // rate and channels, in sync; issue 19), so its packets differ from the input's but its shape does not
        String audio = "stream=codec_name,sample_rate,channels";
        assertThat(Clips.ffprobe(out, "a:0", audio)).isEqualTo(Clips.ffprobe(input, "a:0", audio)).contains("codec_name=aac");
        assertThat(Clips.duration(out)).isCloseTo(Clips.duration(input), Offset.offset(0.03));
        assertThat(Clips.frameTimes(out)).isEqualTo(Clips.frameTimes(input));

        JsonNode ref = C2paPeer.read(out, rootCertificate());
        assertThat(ref.path("validation_state").asText()).as(ref.toString()).isEqualTo("Trusted");
        assertThat(C2paPeer.allFailures(ref)).isEmpty();

        CliRun v = cli("verify", out.toString());
        assertThat(v.exitCode()).as(v.toString()).isZero();
        assertThat(v.out()).contains("aigcmark.video").contains("wm.video.found");
    }

    @Test
    void jcodecRemainsAvailableByName() {
        Path out = dir.resolve("jcodec.mp4");
        CliRun r = cli("mark", input.toString(), "-o", out.toString(), "--codec", "jcodec", "--no-watermark");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("decoded with jcodec, re-encoded with jcodec H.264 Baseline");
        assertThat(Clips.packetChecksums(out, "0:a")).isEqualTo(Clips.packetChecksums(input, "0:a"));
    }

    @Test
    void unknownBackendsAndEncodersAreUsageErrors() {
        CliRun codec = cli("mark", input.toString(), "-o", dir.resolve("x.mp4").toString(), "--codec", "gstreamer");
        assertThat(codec.exitCode()).as(codec.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(codec.err()).contains("--codec gstreamer").contains("ffmpeg").contains("jcodec");
        CliRun encoder = cli("mark", input.toString(), "-o", dir.resolve("y.mp4").toString(), "--encoder", "libnope");
        assertThat(encoder.exitCode()).as(encoder.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(encoder.err()).contains("--encoder libnope");
        assertThat(Files.exists(dir.resolve("x.mp4"))).isFalse();
    }

    /** The development identity's root certificate, which the CLI created in {@code home}. */
    static Path rootCertificate() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-root-ca.cert.pem")).findFirst().orElseThrow();
        }
    }
}
