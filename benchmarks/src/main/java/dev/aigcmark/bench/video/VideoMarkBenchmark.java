package dev.aigcmark.bench.video;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.detect.VideoWatermarkCodec;
import dev.aigcmark.video.internal.format.Mp4Handler;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.frames.LabelStyle;
import dev.aigcmark.video.EncoderChoice;
import dev.aigcmark.video.internal.pipeline.JcodecBackend;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Marking a 1080p30 H.264 clip with audio against what a platform already does, all measured in the same run:
 * <ol>
 * <li>{@code ffmpeg -i in.mp4 -c:v libx264 -preset medium -crf 23 -c:a copy out.mp4} (the baseline);</li>
 * <li>our pipeline with the same encoder and settings ({@code --encoder libx264 --crf 23 --preset medium}; GPL
 * natives, {@code -Pgpl});</li>
 * <li>our pipeline with the default "same as input" settings (LGPL natives: libopenh264), and the same without
 * marking (a plain transcode through our pipeline with that encoder), so the LGPL build's cost of marking is
 * compared with like;</li>
 * <li>jcodec, once;</li>
 * <li>verification of a 10-minute marked clip (the marked output repeated with {@code -c copy}).</li>
 * </ol>
 * Each of 1–3 runs {@code rounds} times in alternating order after a warm-up; medians are reported, with the audio
 * packets, frame count and duration of every output checked against the input's. Needs ffmpeg on the PATH.
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests [-Pgpl] package
 * java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.video.VideoMarkBenchmark [seconds] [rounds] [dir]
 * </pre>
 */
public final class VideoMarkBenchmark {
    private static final WatermarkKey KEY = new WatermarkKey(0x5151, "benchmark-video-key-0123".getBytes(StandardCharsets.UTF_8));
    private static final WatermarkPayload PAYLOAD = WatermarkPayload.of(KEY, 0xBE7CL);

    private final Path dir;
    private final Path input;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private VideoMarkBenchmark(Path dir, Path input) {
        this.dir = dir;
        this.input = input;
    }

    public static void main(String[] args) throws Exception {
        double clipSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("aigc-video-bench");
        Files.createDirectories(dir);
        Path input = dir.resolve("in-1080p30.mp4");
        if (!Files.exists(input)) {
            run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", Double.toString(clipSeconds),
                    "-vf", "noise=alls=6:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "60",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", input.toString()));
        }
        VideoMarkBenchmark b = new VideoMarkBenchmark(dir, input);
        b.measure(rounds);
        System.out.println(b.report(clipSeconds, rounds));
    }

    private void measure(int rounds) throws Exception {
        VideoCodecBackend ffmpeg = VideoBackends.named("ffmpeg").filter(x -> x.unavailable() == null)
                .orElseThrow(() -> new IllegalStateException("the FFmpeg backend is not available"));
        boolean x264 = ffmpeg.encoders().contains("libx264");
        String defaultEncoder = x264 ? "libx264" : "libopenh264";
        FrameMarker marker = FrameMarker.builder(KEY, PAYLOAD).label(LabelStyle.defaults("AI生成")).build();
        FrameMarker nothing = FrameMarker.builder(null, null).build();
        EncoderChoice sameAsCli = new EncoderChoice("libx264", 23, "medium");
        notes.put("natives", ffmpeg.describe() + ", encoders " + ffmpeg.encoders());

        // Warm-up: JIT, native libraries, the encoder's first use.
        pipeline(ffmpeg, marker, EncoderChoice.SAME_AS_INPUT, "warmup");
        for (int r = 0; r < rounds; r++) {
            List<Runnable> steps = new ArrayList<>();
            steps.add(() -> timed("ffmpeg CLI: libx264 medium crf 23, audio copied", () -> run(List.of("ffmpeg",
                    "-v", "error", "-y", "-i", input.toString(), "-c:v", "libx264", "-preset", "medium", "-crf", "23",
                    "-c:a", "copy", dir.resolve("cli.mp4").toString()))));
            if (x264) {
                steps.add(() -> timed("ours, marking: libx264 medium crf 23 (same as the CLI)",
                        () -> pipeline(ffmpeg, marker, sameAsCli, "x264")));
            }
            steps.add(() -> timed("ours, marking: default (same as input, " + defaultEncoder + ")",
                    () -> pipeline(ffmpeg, marker, EncoderChoice.SAME_AS_INPUT, "default")));
            steps.add(() -> timed("ours, transcode only: default (same as input, " + defaultEncoder + ")",
                    () -> pipeline(ffmpeg, nothing, EncoderChoice.SAME_AS_INPUT, "plain")));
            if (r % 2 == 1) {
                Collections.reverse(steps);
            }
            steps.forEach(Runnable::run);
        }
        timed("jcodec, marking (H.264 Baseline, fixed QP; one run)",
                () -> pipeline(new JcodecBackend(), marker, EncoderChoice.SAME_AS_INPUT, "jcodec"));
        verifyLongClip(ffmpeg);
    }

    private void pipeline(VideoCodecBackend backend, FrameMarker marker, EncoderChoice choice, String name)
            throws IOException {
        Path out = dir.resolve("ours-" + name + ".mp4");
        VideoPipeline.Result r = new VideoPipeline(backend, ProgressListener.NONE, ReadLimits.defaults())
                .run(input, out, marker, new VideoPipeline.Options(1, null, choice));
        notes.put(name, r.describe() + String.format(Locale.ROOT, "; work: decode %.1f s, mark %.1f s, encode %.1f s,"
                        + " remux %.2f s", r.decodeNanos() / 1e9, r.markNanos() / 1e9, r.encodeNanos() / 1e9,
                r.remuxNanos() / 1e9));
        check(out, name);
    }

    /** The audio packets, the frame count and the duration of {@code out} equal the input's. */
    private void check(Path out, String name) throws IOException {
        String audioIn = output(List.of("ffmpeg", "-v", "error", "-i", input.toString(), "-map", "0:a", "-c", "copy",
                "-f", "framemd5", "-"));
        String audioOut = output(List.of("ffmpeg", "-v", "error", "-i", out.toString(), "-map", "0:a", "-c", "copy",
                "-f", "framemd5", "-"));
        String framesIn = output(List.of("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_packets:format=duration", "-of", "csv=p=0", input.toString()));
        String framesOut = output(List.of("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_packets:format=duration", "-of", "csv=p=0", out.toString()));
        boolean audio = strip(audioIn).equals(strip(audioOut));
        notes.put(name + " check", "audio packets identical: " + audio + "; frames and duration "
                + framesOut.replace('\n', ' ').strip() + " (input " + framesIn.replace('\n', ' ').strip() + ")");
        if (!audio || !framesIn.equals(framesOut)) {
            throw new IllegalStateException(name + ": the output differs from the input: " + notes.get(name + " check"));
        }
    }

    private static String strip(String framemd5) {
        return framemd5.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    /** Ten minutes of the marked clip (stream copy) verified with the watermark codec: how long, how much read. */
    private void verifyLongClip(VideoCodecBackend ffmpeg) throws IOException, InterruptedException {
        Path marked = dir.resolve("ours-default.mp4");
        Path list = dir.resolve("concat.txt");
        StringBuilder sb = new StringBuilder();
        double clip = Double.parseDouble(output(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", marked.toString())).strip());
        int copies = (int) Math.ceil(600 / clip);
        for (int i = 0; i < copies; i++) {
            sb.append("file '").append(marked.getFileName()).append("'\n");
        }
        Files.writeString(list, sb.toString());
        Path longClip = dir.resolve("ten-minutes.mp4");
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy",
                longClip.toString()));
        TrustedPlatform platform = new TrustedPlatform("bench", "Benchmark Platform", List.of(), List.of(), List.of(),
                Optional.of(KEY), false);
        SdkContext context = SdkContext.builder().handlers(List.of(new Mp4Handler(ffmpeg, ProgressListener.NONE)))
                .codecs(List.of(new VideoWatermarkCodec())).trust(TrustRegistry.empty().with(platform)).build();
        long t0 = System.nanoTime();
        VerificationReport report = new Verifier(context).verify(longClip);
        double s = (System.nanoTime() - t0) / 1e9;
        List<MarkFinding> w = report.findings(Watermark.class);
        Watermark mark = w.isEmpty() ? null : (Watermark) w.get(0).mark();
        notes.put("verify 10 min", String.format(Locale.ROOT, "%.1f s for %d copies (%.0f s of 1080p30): %s", s,
                copies, copies * clip, mark == null ? "NOT FOUND" : "payload " + mark.payloadHex() + ", frames read "
                        + mark.details().get("framesRead") + ", keyframes " + mark.details().get("keyframesRead")));
    }

    private String report(double clipSeconds, int rounds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n1080p30 H.264 High + AAC, %.0f s (%d frames), median of %d rounds%n",
                clipSeconds, Math.round(clipSeconds * 30), rounds));
        double baseline = median(seconds.values().iterator().next());
        sb.append("| run | seconds (median) | × ffmpeg CLI |\n|---|---|---|\n");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double m = median(e.getValue());
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", e.getKey(), m, m / baseline));
        }
        List<String> keys = new ArrayList<>(seconds.keySet());
        int marking = keys.indexOf(keys.stream().filter(k -> k.startsWith("ours, marking: default")).findFirst().orElse(""));
        int plainRun = keys.indexOf(keys.stream().filter(k -> k.startsWith("ours, transcode only")).findFirst().orElse(""));
        if (marking >= 0 && plainRun >= 0) {
            sb.append(String.format(Locale.ROOT, "%nmarking / transcoding with the same encoder (default settings): %.2f%n",
                    median(seconds.get(keys.get(marking))) / median(seconds.get(keys.get(plainRun)))));
        }
        sb.append('\n');
        notes.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private interface Work {
        void run() throws Exception;
    }

    private void timed(String name, Work w) {
        long t0 = System.nanoTime();
        try {
            w.run();
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed", e);
        }
        seconds.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e9);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + cmd);
        }
    }

    private static String output(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("failed: " + cmd);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
