package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.video.internal.audio.format.CodedAudio;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What marking compressed audio costs against transcoding it: marking an MP3, FLAC, Ogg Opus, Ogg Vorbis or M4A file
 * decodes the whole stream, adds the Morse prompt and the watermark, and encodes it again with the same codec and
 * bit rate (issue 19). Per format, in the same run and alternated round by round:
 * <ul>
 * <li>the baseline, the ffmpeg CLI transcoding the same file with the same encoder and settings
 * ({@code ffmpeg -benchmark -i in -c:a ENCODER ... out}), in the CPU time it reports itself (user + system);</li>
 * <li>ours, {@link Marker#mark} of the same file (label, prompt, watermark, re-encode; no C2PA), in this JVM's
 * process CPU time (FFmpeg's decoder and encoder run in-process through JavaCPP; JIT and GC count too);</li>
 * <li>our decode + encode alone ({@link CodedAudio#mark} with an empty edit): what the marks themselves add is the
 * difference.</li>
 * </ul>
 * Prints each round, then per format the medians, ours ÷ ffmpeg, and ours as a share of the audio's duration. The
 * host is 30 s of stereo 44.1 kHz music-like sound (harmonic tones, a bass line, noise-burst percussion) made by
 * ffmpeg. Needs ffmpeg (with libmp3lame, libopus, libvorbis) on the PATH; for Vorbis the two encoders differ (below).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioRecodeCpuTimer [SECONDS] [ROUNDS] [DIR]</pre>
 */
public final class AudioRecodeCpuTimer {
    private AudioRecodeCpuTimer() {
    }

    /**
     * name, file extension, our muxer for the re-encoded stream, the ffmpeg arguments that make the input and
     * transcode it (the encoder ours uses).
     */
    private record Format(String name, String extension, String muxer, List<String> codec) {
    }

    private static final List<Format> FORMATS = List.of(
            new Format("MP3 128k (libmp3lame)", "mp3", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k")),
            new Format("FLAC 16-bit", "flac", "flac", List.of("-c:a", "flac")),
            new Format("Ogg Opus 48k (libopus)", "opus.ogg", "ogg", List.of("-c:a", "libopus", "-b:a", "48k")),
            // ours re-encodes Vorbis with FFmpeg's own encoder (the only one in the natives); the CLI's (5.1)
            // asserts on re-encoding this host (vorbisenc.c floor_encode): the baseline is libvorbis, another encoder
            new Format("Ogg Vorbis q4 (ffmpeg: libvorbis; ours: FFmpeg's vorbis)", "vorbis.ogg", "ogg",
                    List.of("-c:a", "libvorbis", "-q:a", "4")),
            new Format("M4A AAC 96k (FFmpeg's aac)", "m4a", "mp4", List.of("-c:a", "aac", "-b:a", "96k")));


    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 0, "AudioRecodeCpuTimer [SECONDS] [ROUNDS] [DIR]");
        int seconds = a.number(0, 30);
        int rounds = a.number(1, 5);
        Path dir = Files.createDirectories(Path.of(a.text(2,
                Files.createTempDirectory("aigc-audio-recode").toString())));
        Path wav = dir.resolve("host.wav");
        String root = "if(eq(mod(floor(t/2),4),0),220,if(eq(mod(floor(t/2),4),1),196,"
                + "if(eq(mod(floor(t/2),4),2),174.6,261.6)))";
        String tones = "(0.05*sin(2*PI*" + root + "*t)+0.04*sin(2*PI*1.26*" + root + "*t)+0.04*sin(2*PI*1.5*"
                + root + "*t))*exp(-3*mod(t,2))+0.12*sin(PI*" + root + "*t)+0.08*(2*random(0)-1)*exp(-mod(t,0.5)/0.02)";
        FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "aevalsrc='" + tones + "|" + tones + "':s=44100", "-t", Integer.toString(seconds),
                "-c:a", "pcm_s16le", wav.toString()));
        SdkContext context = BenchFiles.context(dir.resolve("home"));
        Marker marker = new Marker(context);
        MarkIntent intent = MarkIntent.builder().c2pa(false).build();
        Map<Format, Path> inputs = new LinkedHashMap<>();
        for (Format f : FORMATS) {
            Path in = dir.resolve("in." + f.extension());
            List<String> make = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString()));
            make.addAll(f.codec());
            make.add(in.toString());
            FfmpegRuns.run(make);
            inputs.put(f, in);
            MarkResult warm = marker.mark(in, dir.resolve("warm." + f.extension()), intent); // JIT, natives loaded
            System.out.println(f.name() + ": " + warm.steps().stream().map(s -> s.detail()).filter(d -> d != null
                    && d.contains("re-encoded")).findFirst().orElse("(no re-encode note)"));
        }
        Map<Format, double[]> ffmpeg = new LinkedHashMap<>();
        Map<Format, double[]> ours = new LinkedHashMap<>();
        Map<Format, double[]> recode = new LinkedHashMap<>();
        ContentEdit nothing = new ContentEdit(null, null, null, null);
        for (int r = 0; r < rounds; r++) {
            for (Format f : FORMATS) {
                Path in = inputs.get(f);
                List<String> transcode = new ArrayList<>(List.of("ffmpeg", "-benchmark", "-hide_banner",
                        "-nostats", "-y", "-i", in.toString()));
                transcode.addAll(f.codec());
                transcode.add(dir.resolve("ffmpeg." + f.extension()).toString());
                double base = FfmpegRuns.cpuSeconds(transcode);
                long c0 = processCpuNanos();
                marker.mark(in, dir.resolve("ours." + f.extension()), intent);
                double mine = (processCpuNanos() - c0) / 1e9;
                long c1 = processCpuNanos();
                try (MediaInput input = MediaInput.of(in)) { // our decode + encode alone: no prompt, no watermark
                    CodedAudio.mark(input, nothing, context, f.muxer(), dir.resolve("recode." + f.extension()));
                }
                double plain = (processCpuNanos() - c1) / 1e9;
                ffmpeg.computeIfAbsent(f, k -> new double[rounds])[r] = base;
                ours.computeIfAbsent(f, k -> new double[rounds])[r] = mine;
                recode.computeIfAbsent(f, k -> new double[rounds])[r] = plain;
                System.out.printf(Locale.ROOT, "round %d %s: ffmpeg %.3f s, mark %.3f s, our decode+encode %.3f s CPU,"
                        + " mark/ffmpeg %.2f | load %.1f%n", r + 1, f.name(), base, mine, plain, mine / base,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.out.printf(Locale.ROOT, "%n%d s stereo 44.1 kHz, median of %d rounds (CPU seconds)%n", seconds, rounds);
        System.out.println("| format | ffmpeg transcode | our decode + encode | aigc mark | mark ÷ transcode "
                + "| mark, % of the duration |");
        System.out.println("|---|---|---|---|---|---|");
        for (Format f : FORMATS) {
            double b = FfmpegRuns.median(ffmpeg.get(f));
            double o = FfmpegRuns.median(ours.get(f));
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.2f | %.2f %% |%n", f.name(), b,
                    FfmpegRuns.median(recode.get(f)), o, o / b, 100 * o / seconds);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
