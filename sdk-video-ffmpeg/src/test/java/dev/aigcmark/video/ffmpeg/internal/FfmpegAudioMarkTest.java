package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.Marker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code aigc mark} of compressed audio through the real {@link Marker}: a 20 s stereo noise host encoded by the real
 * ffmpeg (with a title and artist tag) to MP3, FLAC, Ogg Opus, Ogg Vorbis, M4A and Matroska/WebM Opus (audio only) is
 * marked; the output is the same
 * codec at the same rate and channel count (ffprobe), one Morse prompt longer, keeps the producer's tags and carries
 * our label (ffprobe and exiftool read it), the label verifies, and verify reads the watermark's payload, the one
 * linked to the label. The input file is left as it was.
 */
class FfmpegAudioMarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Path wav;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg");

    @BeforeAll
    static void host() throws Exception {
        // noise, the same in both channels: this test is about the formats (the mark's margins per host and attack
        // are AudioWatermarkTest's and benchmarks/audio-robustness.sh's)
        float[] noise = TestAudio.noise(20, 44100, "FfmpegAudioMarkTest").channels()[0];
        Pcm host = new Pcm(new float[][]{noise, noise.clone()}, 44100);
        wav = TestAudio.writeWav(host, dir.resolve("host.wav"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mp3-128k.mp3   | mp3    | libmp3lame | -c:a libmp3lame -b:a 128k",
            "flac.flac      | flac   | flac       | -c:a flac",
            "opus-48k.ogg   | opus   | libopus    | -c:a libopus -b:a 48k",
            "vorbis.ogg     | vorbis | vorbis     | -c:a libvorbis -q:a 4",
            "aac-96k.m4a    | aac    | aac        | -c:a aac -b:a 96k",
            "opus-48k.mka   | opus   | libopus    | -c:a libopus -b:a 48k",
            "opus-48k.webm  | opus   | libopus    | -c:a libopus -b:a 48k"})
    void markedCompressedAudioKeepsItsCodecAndTagsAndCarriesLabelAndWatermark(String name, String codec,
                                                                             String encoder, String args)
            throws Exception {
        Path in = dir.resolve(name.trim());
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(),
                "-metadata", "title=Host", "-metadata", "artist=Generator"));
        cmd.addAll(List.of(args.trim().split(" +")));
        cmd.add(in.toString());
        ExternalTools.run(cmd).requireSuccess();
        String inputHash = sha256(in);
        JsonNode before = probe(in);
        Path out = dir.resolve("marked-" + name.trim());

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(sha256(in)).as("the input is not touched").isEqualTo(inputHash);
        assertThat(r.steps()).filteredOn(s -> s.kind() == MarkStep.Kind.NOTE).extracting(MarkStep::carrier)
                .containsExactly(MarkStep.Carrier.EXPLICIT_LABEL, MarkStep.Carrier.WATERMARK, MarkStep.Carrier.CONTENT);
        assertThat(r.steps()).anySatisfy(s -> assertThat(s.detail()).contains("re-encoded with " + encoder.trim()));
        JsonNode after = probe(out);
        JsonNode a = after.path("streams").get(0);
        JsonNode b = before.path("streams").get(0);
        assertThat(a.path("codec_name").asText()).isEqualTo(codec.trim());
        assertThat(a.path("sample_rate").asText()).isEqualTo(b.path("sample_rate").asText());
        assertThat(a.path("channels").asInt()).isEqualTo(2);
        double prompt = MorsePrompt.tone(44100).length / 44100.0;
        assertThat(after.path("format").path("duration").asDouble())
                .isCloseTo(before.path("format").path("duration").asDouble() + prompt, within(0.1));
        if (!codec.trim().equals("flac")) { // the stream's own mean rate tracks the original's (Vorbis: by quality)
            assertThat(meanKbps(out)).as("mean kb/s of the marked stream").isCloseTo(meanKbps(in),
                    within(meanKbps(in) * 0.1));
        }
        String tags = after.toString();
        assertThat(tags).as("the producer's tags are kept").contains("Generator");
        assertThat(tags).as("ffprobe reads our label").contains(r.label().produceId());
        if (name.trim().endsWith(".mka") || name.trim().endsWith(".webm")) { // Info/Title kept; mkvmerge reads it clean
            assertThat(tags).as("the producer's title is kept").contains("Host");
            ExternalTools.assumeTool("mkvmerge");
            JsonNode mkv = JSON.readTree(ExternalTools.run("mkvmerge", "-J", out.toString()).requireSuccess().stdout());
            assertThat(mkv.path("errors")).as("%s", mkv.path("errors")).isEmpty();
            assertThat(mkv.path("tracks")).hasSize(1);
            assertThat(mkv.path("tracks").get(0).path("codec").asText()).isEqualTo("Opus");
        }
        ExternalTools.assumeTool("exiftool");
        assertThat(ExternalTools.run("exiftool", "-a", "-u", out.toString()).requireSuccess().stdout())
                .as("exiftool reads our label").contains(r.label().produceId());

        assertThat(MARKING.verifiesWithTheLabelsAudioWatermark(out, r).diagnostics().toString())
                .as("a file of sound alone gets no note about video frames").doesNotContain("wm.video");
    }

    /**
     * Marking a video (H.264 + AAC) also marks its sound: the audio track is re-encoded (AAC again, no prompt: its
     * length and sync with the picture are kept, the encoder's grid shift is skipped by the edit list), the video as
     * before, and verify reads the audio watermark with the label's payload. Without a prompt the encoder meets its
     * own frame grid again: the case that lost the mark before the grid shift.
     */
    @Test
    void markingAVideoMarksItsSoundTrackInSync() throws Exception {
        Path in = dir.resolve("video.mp4");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-f", "lavfi", "-i",
                "color=size=64x64:rate=5", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "96k",
                "-shortest", "-metadata", "artist=Generator", in.toString()).requireSuccess();
        JsonNode before = probe(in);
        Path out = dir.resolve("marked-video.mp4");

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps()).anySatisfy(s -> assertThat(s.detail()).contains("re-encoded with aac"));
        assertThat(r.steps()).noneSatisfy(s -> assertThat(s.detail()).contains("prompt"));
        JsonNode after = probe(out);
        assertThat(after.path("streams")).extracting(JsonNode::toString)
                .anySatisfy(s -> assertThat(s).contains("\"codec_name\":\"h264\""))
                .anySatisfy(s -> assertThat(s).contains("\"codec_name\":\"aac\""));
        assertThat(after.path("format").path("duration").asDouble())
                .isCloseTo(before.path("format").path("duration").asDouble(), within(0.03));
        assertThat(after.toString()).as("the producer's tags are kept").contains("Generator");
        MARKING.verifiesWithTheLabelsAudioWatermark(out, r);
    }

    /** The audio stream's mean bit rate: its packets' bytes over its duration (ffprobe), in kb/s. */
    static double meanKbps(Path f) {
        String[] lines = ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "packet=size,duration_time", "-of", "csv=p=0", f.toString()).requireSuccess().stdout().split("\n");
        double bytes = 0;
        double seconds = 0;
        for (String line : lines) {
            String[] cols = line.trim().split(",");
            if (cols.length == 2 && !cols[0].equals("N/A") && !cols[1].equals("N/A")) {
                seconds += Double.parseDouble(cols[0]);
                bytes += Double.parseDouble(cols[1]);
            }
        }
        assertThat(seconds).isPositive();
        return bytes * 8 / seconds / 1000;
    }

    static JsonNode probe(Path f) throws Exception {
        return JSON.readTree(ExternalTools.run("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name,sample_rate,channels:stream_tags:format=duration:format_tags", "-of", "json",
                f.toString()).requireSuccess().stdout());
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
