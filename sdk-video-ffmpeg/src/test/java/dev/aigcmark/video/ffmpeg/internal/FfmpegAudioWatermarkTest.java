package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.audio.format.FlacHandler;
import dev.aigcmark.video.internal.audio.format.Mp3Handler;
import dev.aigcmark.video.internal.audio.format.OggHandler;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import dev.aigcmark.video.internal.format.MatroskaHandler;
import dev.aigcmark.video.internal.format.Mp4Handler;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify reads the audio watermark in compressed audio through FFmpeg ({@link FfmpegAudio}): a marked 20 s WAV
 * encoded by the real ffmpeg to MP3 (libmp3lame 128k), FLAC, Ogg Opus (48k), Ogg Vorbis, M4A (aac 96k), and muxed
 * as the audio track of an MP4 (H.264 + AAC) and of an MKV (H.264 + Opus) video; each reports the payload. The same
 * audio unmarked reports no audio watermark, nor does a video without sound (and no problem either).
 */
class FfmpegAudioWatermarkTest {
    static final FfmpegBackend BACKEND = new FfmpegBackend();
    static final String PAYLOAD = HexFormat.of().formatHex(TestMarks.PAYLOAD.toBytes());
    @TempDir
    static Path dir;
    static Path marked;
    static Path unmarked;
    static Verifier verifier;

    @BeforeAll
    static void markAWav() throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(BACKEND.unavailable()).isNull();
        Pcm host = TestAudio.noise(20, 44100, "FfmpegAudioWatermarkTest");
        unmarked = TestAudio.writeWav(host, dir.resolve("unmarked.wav"));
        float[][] channels = {host.channels()[0].clone()};
        new AudioWatermarker(TestMarks.KEY, TestMarks.PAYLOAD.toBytes()).embed(channels, 44100);
        marked = TestAudio.writeWav(new Pcm(channels, 44100), dir.resolve("marked.wav"));
        TrustedPlatform platform = new TrustedPlatform("test", "Test Platform", List.of(TestMarks.PRODUCER), List.of(),
                List.of(), Optional.of(TestMarks.KEY), false);
        SdkContext context = TestContexts.builder()
                .handlers(List.of(new Mp3Handler(), new FlacHandler(), new OggHandler(),
                        new Mp4Handler(BACKEND, ProgressListener.NONE), new MatroskaHandler(BACKEND)))
                .codecs(List.of(new AudioWatermarkCodec()))
                .trust(TrustRegistry.empty().with(platform)).build();
        verifier = new Verifier(context);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mp3-128k.mp3     | -c:a libmp3lame -b:a 128k",
            "flac.flac        | -c:a flac",
            "opus-48k.ogg     | -c:a libopus -b:a 48k",
            "vorbis.ogg       | -c:a libvorbis -q:a 4",
            "aac-96k.m4a      | -c:a aac -b:a 96k",
            "video-aac.mp4    | -c:v libx264 -preset ultrafast -c:a aac -b:a 96k -shortest",
            "video-opus.mkv   | -c:v libx264 -preset ultrafast -c:a libopus -b:a 48k -shortest"})
    void verifyReportsTheAudioWatermarkOfCompressedAudioAndOfAVideosSoundTrack(String name, String args) {
        VerificationReport r = verifier.verify(encode(marked, name, args));
        assertThat(audioMarks(r)).as("%s", r.diagnostics()).containsExactly(PAYLOAD);
    }

    @Test
    void unmarkedAudioAndSilentVideoReportNoAudioWatermark() {
        assertThat(audioMarks(verifier.verify(encode(unmarked, "unmarked.mp3", "-c:a libmp3lame -b:a 128k")))).isEmpty();
        Path silent = dir.resolve("silent.mp4");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=size=64x64:rate=5:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", silent.toString()).requireSuccess();
        VerificationReport r = verifier.verify(silent);
        assertThat(audioMarks(r)).isEmpty();
        assertThat(r.diagnostics()).as("%s", r.diagnostics()).noneMatch(s -> s.code() == StatusCodes.WM_AUDIO_UNDECODABLE);
    }

    /** {@code wav} through ffmpeg with {@code args}; a video track (64x64, 5 fps) is added when the args encode one. */
    private static Path encode(Path wav, String name, String args) {
        Path out = dir.resolve(name.trim());
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString()));
        if (args.contains("-c:v")) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "color=size=64x64:rate=5"));
        }
        cmd.addAll(List.of(args.trim().split(" +")));
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }

    private static List<String> audioMarks(VerificationReport report) {
        return report.findings(Watermark.class).stream().map(f -> (Watermark) f.mark())
                .filter(w -> w.scheme().equals(AudioWatermarkCodec.SCHEME)).map(Watermark::payloadHex).toList();
    }
}
