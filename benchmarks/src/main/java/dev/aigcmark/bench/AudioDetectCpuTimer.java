package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.watermark.AudioDetection;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio watermark's detection in CPU time, on unmarked and marked sound, against ffmpeg decoding the same sound
 * from MP3 128k in the same run (what a platform verifying an MP3 pays anyway): two 30 s mono 44.1 kHz hosts made by
 * ffmpeg (pink noise; the music-like host of {@link AudioRecodeCpuTimer}), encoded by libmp3lame 128k and decoded
 * back once to floats; each round alternates, per host, ffmpeg's decode of the MP3 ({@code -benchmark}: its own user
 * + system CPU), {@link AudioDetector#detect} on the unmarked samples and on the same samples marked in-process
 * (thread CPU), one detection key. Prints each round and the medians, with detection ÷ decode.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioDetectCpuTimer [ROUNDS] [DIR]</pre>
 * Issue 19: list decoding made every verify of an unmarked audio file pay its whole list (64 alignments × 1024
 * paths); this shows what is left of it beside a decode.
 */
public final class AudioDetectCpuTimer {
    private AudioDetectCpuTimer() {
    }

    private static final int RATE = 44_100;
    private static final String ROOT = "if(eq(mod(floor(t/2),4),0),220,if(eq(mod(floor(t/2),4),1),196,"
            + "if(eq(mod(floor(t/2),4),2),174.6,261.6)))";
    /** The hosts' names and their ffmpeg lavfi sources (44.1 kHz): pink noise, and decaying chords over a bass and drums. */
    static final List<String> HOSTS = List.of("pink", "music");
    static final List<String> SOURCES = List.of("anoisesrc=color=pink:amplitude=0.5:seed=2:sample_rate=44100",
            "aevalsrc='(0.05*sin(2*PI*" + ROOT + "*t)+0.04*sin(2*PI*1.26*" + ROOT + "*t)+0.04*sin(2*PI*1.5*"
                    + ROOT + "*t))*exp(-3*mod(t,2))+0.12*sin(PI*" + ROOT + "*t)"
                    + "+0.08*(2*random(0)-1)*exp(-mod(t,0.5)/0.02):s=44100'");

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 0, "AudioDetectCpuTimer [ROUNDS] [DIR]");
        int rounds = a.number(0, 5);
        Path dir = Files.createDirectories(Path.of(a.text(1,
                Files.createTempDirectory("aigc-audio-detect").toString())));
        List<String> names = HOSTS;
        List<String> sources = SOURCES;
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        AudioWatermarker watermarker = new AudioWatermarker(key, WatermarkPayload.of(key, 99).toBytes());
        List<Path> mp3 = new ArrayList<>();
        List<float[]> unmarked = new ArrayList<>();
        List<float[]> marked = new ArrayList<>();
        for (int h = 0; h < names.size(); h++) {
            Path wav = dir.resolve(names.get(h) + ".wav");
            Path coded = dir.resolve(names.get(h) + ".mp3");
            Path raw = dir.resolve(names.get(h) + ".f32");
            FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", sources.get(h), "-t", "30", "-ac", "1",
                    "-c:a", "pcm_s16le", wav.toString()));
            FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "128k",
                    coded.toString()));
            FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-i", coded.toString(), "-f", "f32le", "-ac", "1", "-ar",
                    Integer.toString(RATE), raw.toString()));
            float[] samples = floats(raw);
            float[] m = samples.clone();
            watermarker.embed(m, RATE);
            mp3.add(coded);
            unmarked.add(samples);
            marked.add(m);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AudioDetector detector = new AudioDetector();
        for (int i = 0; i < 3; i++) { // warm-up: the JIT compiles the resampler, the FFT and the decoders
            for (int h = 0; h < names.size(); h++) {
                detector.detect(unmarked.get(h), RATE, List.of(key));
                detector.detect(marked.get(h), RATE, List.of(key));
            }
        }
        double[][] decode = new double[names.size()][rounds];
        double[][] plain = new double[names.size()][rounds];
        double[][] mark = new double[names.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int h = 0; h < names.size(); h++) {
                decode[h][r] = FfmpegRuns.cpuSeconds(List.of("ffmpeg", "-benchmark", "-hide_banner", "-nostats", "-i",
                        mp3.get(h).toString(), "-f", "null", "-"));
                long c0 = mx.getCurrentThreadCpuTime();
                Optional<AudioDetection> none = detector.detect(unmarked.get(h), RATE, List.of(key));
                long c1 = mx.getCurrentThreadCpuTime();
                Optional<AudioDetection> found = detector.detect(marked.get(h), RATE, List.of(key));
                long c2 = mx.getCurrentThreadCpuTime();
                if (none.isPresent()) {
                    throw new IllegalStateException(names.get(h) + ": the unmarked host read " + none);
                }
                plain[h][r] = (c1 - c0) / 1e9;
                mark[h][r] = (c2 - c1) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %s: ffmpeg decode %.3f s, detect unmarked %.3f s, marked %.3f s"
                                + " CPU (%s) | load %.1f%n", r + 1, names.get(h), decode[h][r], plain[h][r], mark[h][r],
                        found.map(d -> "read").orElse("not read"),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.out.printf(Locale.ROOT, "%n30 s mono 44.1 kHz from MP3 128k, one key, median of %d rounds (CPU seconds)%n",
                rounds);
        System.out.println("| host | ffmpeg decode | detect, unmarked | ÷ decode | detect, marked | ÷ decode |");
        System.out.println("|---|---|---|---|---|---|");
        for (int h = 0; h < names.size(); h++) {
            double d = FfmpegRuns.median(decode[h]);
            double u = FfmpegRuns.median(plain[h]);
            double m = FfmpegRuns.median(mark[h]);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.1f | %.3f | %.1f |%n", names.get(h), d, u, u / d, m,
                    m / d);
        }
    }

    static float[] floats(Path raw) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
