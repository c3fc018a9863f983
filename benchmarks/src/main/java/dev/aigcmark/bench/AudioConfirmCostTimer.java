package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the audio known-payload test costs ({@link AudioDetector#confirm}: what verify runs on a track where no
 * payload was read and the file's signed label names one), in thread CPU time, and, given a baseline build's classes,
 * the same work by both builds alternated in one JVM. The hosts of {@link AudioDetectCpuTimer} (30 s mono 44.1 kHz
 * pink noise and music made by ffmpeg), marked in-process with one payload, cut to 10 s at 0, 5, 10, 15 and 20 s (what
 * verify meets: an excerpt too short to read), each cut marked and unmarked. Per cut and build: the analysis alone
 * ({@link AudioDetector#confirmationZ} with no payload: resampling and the folds), then {@link
 * AudioDetector#confirmations} asked the carried payload alone and then 4 payloads (it and 3 others: the most verify
 * asks per file); the test's cost is each minus the analysis. Prints the medians over rounds and cuts per host, mark
 * and payload count, the ratio to the baseline where there is one, how many cuts the test confirmed the carried
 * payload in (and any other payload: a false positive), and checks both builds give the same answers.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioConfirmCostTimer [ROUNDS] [DIR] [BASELINE]</pre>
 * BASELINE: a class path (directories or jars, ':'-separated) put ahead of this jar in a second class loader, e.g. the
 * classes of an older {@code AudioDetector} compiled against this build ({@code javac -cp
 * sdk-video/target/classes:sdk-core/target/classes -d OLD AudioDetector.java}). Only API both builds have is called,
 * and only through {@link #cost}, by reflection, so the same harness times either build.
 */
public final class AudioConfirmCostTimer {
    private AudioConfirmCostTimer() {
    }

    private static final int RATE = 44_100;
    private static final double[] CUTS = {0, 5, 10, 15, 20};
    private static final double CUT_SECONDS = 10;
    private static final long CARRIED = 99;
    private static final long[] OTHERS = {0xC0FFEEL, 0x12345678L, 0xDEADBEEFL};
    private static final String[] ROWS = {"analysis", "1 payload", "4 payloads"};

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 0, "AudioConfirmCostTimer [ROUNDS] [DIR] [BASELINE class path]");
        int rounds = a.number(0, 5);
        Path dir = Files.createDirectories(Path.of(a.text(1,
                Files.createTempDirectory("aigc-audio-confirm").toString())));
        String baselinePath = a.text(2, null);
        List<Method> builds = new ArrayList<>();
        builds.add(AudioConfirmCostTimer.class.getMethod("cost", float[].class, int.class));
        if (baselinePath != null) {
            List<URL> urls = new ArrayList<>();
            for (String part : baselinePath.split(":")) {
                urls.add(Path.of(part).toUri().toURL());
            }
            for (String part : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                urls.add(Path.of(part).toUri().toURL()); // then this JVM's own class path: everything else
            }
            ClassLoader baseline = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            builds.add(baseline.loadClass(AudioConfirmCostTimer.class.getName())
                    .getMethod("cost", float[].class, int.class));
        }
        String[] names = {"this build", "baseline"};
        WatermarkKey key = key();
        AudioWatermarker watermarker = new AudioWatermarker(key, WatermarkPayload.of(key, CARRIED).toBytes());
        int n = (int) (CUT_SECONDS * RATE);
        List<String> cutNames = new ArrayList<>();
        List<float[]> cuts = new ArrayList<>();
        for (int h = 0; h < AudioDetectCpuTimer.HOSTS.size(); h++) {
            String host = AudioDetectCpuTimer.HOSTS.get(h);
            Path raw = dir.resolve(host + ".confirm.f32");
            FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", AudioDetectCpuTimer.SOURCES.get(h),
                    "-t", "30", "-ac", "1", "-f", "f32le", raw.toString()));
            float[] plain = AudioDetectCpuTimer.floats(raw);
            float[] marked = plain.clone();
            watermarker.embed(marked, RATE);
            for (double from : CUTS) {
                int at = (int) Math.round(from * RATE);
                cutNames.add(host + " marked");
                cuts.add(Arrays.copyOfRange(marked, at, at + n));
                cutNames.add(host + " unmarked");
                cuts.add(Arrays.copyOfRange(plain, at, at + n));
            }
        }
        for (int w = 0; w < 2; w++) { // warm-up: the JIT compiles each build's resampler, FFT and test
            for (Method build : builds) {
                for (float[] cut : cuts) {
                    build.invoke(null, cut, RATE);
                }
            }
        }
        List<String> groups = cutNames.stream().distinct().toList();
        // [build][group][row] → every (round, cut) figure, in ms
        List<List<List<List<Double>>>> ms = new ArrayList<>();
        for (int b = 0; b < builds.size(); b++) {
            List<List<List<Double>>> perGroup = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                perGroup.add(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            }
            ms.add(perGroup);
        }
        int[] carried = new int[groups.size()]; // cuts whose carried payload the test confirmed
        int[] others = new int[groups.size()]; // other payloads it confirmed (0 unless a false positive)
        int[] cutsPer = new int[groups.size()];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < cuts.size(); c++) {
                long[][] got = new long[builds.size()][];
                for (int i = 0; i < builds.size(); i++) { // the builds alternate which runs first
                    int b = (i + r + c) % builds.size();
                    got[b] = (long[]) builds.get(b).invoke(null, cuts.get(c), RATE);
                }
                for (int b = 1; b < builds.size(); b++) {
                    if (!Arrays.equals(Arrays.copyOfRange(got[b], 3, got[b].length),
                            Arrays.copyOfRange(got[0], 3, got[0].length))) {
                        throw new IllegalStateException(cutNames.get(c) + ": the builds' answers differ: "
                                + Arrays.toString(got[0]) + " vs " + Arrays.toString(got[b]));
                    }
                }
                int g = groups.indexOf(cutNames.get(c));
                if (r == 0) { // the answers do not change from round to round (checked above between builds)
                    cutsPer[g]++;
                    carried[g] += (int) got[0][3];
                    for (int i = 5; i < got[0].length; i++) {
                        others[g] += (int) got[0][i];
                    }
                }
                for (int b = 0; b < builds.size(); b++) {
                    for (int row = 0; row < ROWS.length; row++) {
                        ms.get(b).get(g).get(row).add(got[b][row] / 1e6);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "round %d of %d done | load %.1f%n", r + 1, rounds,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.printf(Locale.ROOT, "%n10 s cuts (%d per host and mark), %d rounds: thread CPU ms, median [min–max]; "
                + "the test's rows are confirmations() minus the analysis%n", CUTS.length, rounds);
        System.out.println(builds.size() > 1 ? "| cut | confirmed | work | this build | baseline | this ÷ baseline |"
                : "| cut | confirmed | work | this build |");
        System.out.println(builds.size() > 1 ? "|---|---|---|---|---|---|" : "|---|---|---|---|");
        for (int g = 0; g < groups.size(); g++) {
            String confirmed = String.format(Locale.ROOT, "carried %d of %d, others %d of %d", carried[g], cutsPer[g],
                    others[g], cutsPer[g] * OTHERS.length);
            for (int row = 0; row < ROWS.length; row++) {
                StringBuilder line = new StringBuilder("| " + groups.get(g) + " | " + confirmed + " | " + ROWS[row]
                        + " |");
                for (int b = 0; b < builds.size(); b++) {
                    line.append(' ').append(spread(ms.get(b).get(g).get(row))).append(" |");
                }
                if (builds.size() > 1) {
                    line.append(String.format(Locale.ROOT, " %.2f |", median(ms.get(0).get(g).get(row))
                            / median(ms.get(1).get(g).get(row))));
                }
                System.out.println(line);
            }
        }
        System.out.println("builds: " + String.join(", ", Arrays.asList(names).subList(0, builds.size())));
    }

    /**
     * One cut's figures by the build whose classes loaded this class: thread CPU nanoseconds of the analysis alone,
     * of the test asked the carried payload (the analysis taken away), of the test asked 4 payloads (likewise), then
     * the answers (1 confirmed, 0 not: the carried payload alone, then each of the 4). Public and of JDK types only,
     * so a baseline's copy loaded by another class loader can be called by reflection.
     */
    public static long[] cost(float[] cut, int rate) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        WatermarkKey key = key();
        List<WatermarkPayload> one = List.of(WatermarkPayload.of(key, CARRIED));
        List<WatermarkPayload> four = new ArrayList<>(one);
        for (long serial : OTHERS) {
            four.add(WatermarkPayload.of(key, serial));
        }
        long t0 = mx.getCurrentThreadCpuTime();
        AudioDetector.confirmationZ(cut, rate, key, List.of());
        long t1 = mx.getCurrentThreadCpuTime();
        boolean[] a1 = AudioDetector.confirmations(cut, rate, key, one);
        long t2 = mx.getCurrentThreadCpuTime();
        boolean[] a4 = AudioDetector.confirmations(cut, rate, key, four);
        long t3 = mx.getCurrentThreadCpuTime();
        long analysis = t1 - t0;
        long[] out = new long[3 + a1.length + a4.length];
        out[0] = analysis;
        out[1] = t2 - t1 - analysis;
        out[2] = t3 - t2 - analysis;
        for (int i = 0; i < a1.length; i++) {
            out[3 + i] = a1[i] ? 1 : 0;
        }
        for (int i = 0; i < a4.length; i++) {
            out[3 + a1.length + i] = a4[i] ? 1 : 0;
        }
        return out;
    }

    private static WatermarkKey key() {
        return new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
    }

    private static double median(List<Double> x) {
        return FfmpegRuns.median(x.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String spread(List<Double> x) {
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", median(x), x.stream().mapToDouble(d -> d).min()
                .orElse(Double.NaN), x.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
    }
}
