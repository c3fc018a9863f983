package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Verification of one file beside decoding it, in thread CPU time (a loaded machine inflates wall time far more
 * than CPU time) and wall time, {@code ROUNDS} rounds (default 3): marks {@code FILE} (label, visible label,
 * watermark, C2PA) with a throw-away development identity, then alternately decodes it with ImageIO and verifies it
 * {@code N} times. More and longer rounds ({@code 40 5}) steady the figures on a loaded machine. Verification runs on the calling thread, so its thread CPU time is the whole cost.
 * <p>
 * Each round also times ffmpeg decoding the same marked file (issue 13's baseline), when ffmpeg is on the path:
 * {@code ffmpeg -benchmark -threads 1 -loop 1 -i FILE -frames:v K -f null -} for K = 20 N + 1 and K = 1, the
 * difference of their user + system CPU time divided by 20 N (so process start and probing cancel out), and
 * prints verification's CPU time as a multiple of it. The unmarked original is verified and decoded by ffmpeg in the
 * same round (a platform mostly verifies unmarked uploads, where our watermark's detector pays its whole lattice
 * search), and the last line gives both ratios' median and range over the rounds after the first (the JIT's warm-up).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.VerifyCpuTimer FILE [N] [ROUNDS]</pre>
 */
public final class VerifyCpuTimer {

    private VerifyCpuTimer() {
    }

    /**
     * ffmpeg's CPU time (user + system) to decode {@code file} once, single-threaded: {@code frames} + 1 decodes
     * minus one, so start-up cancels out; NaN when ffmpeg cannot be run.
     */
    static double ffmpegDecodeMs(Path file, int frames) {
        try {
            return (FfmpegRuns.cpuSeconds(decode(file, frames + 1)) - FfmpegRuns.cpuSeconds(decode(file, 1))) * 1000 / frames;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** One single-threaded decode of {@code file}'s picture, {@code frames} times, reporting its CPU time. */
    private static List<String> decode(Path file, int frames) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-benchmark", "-threads", "1", "-loop", "1", "-i",
                file.toString(), "-frames:v", Integer.toString(frames), "-f", "null", "-");
    }

    public static void main(String[] args) throws IOException {
        TimerArgs parsed = TimerArgs.of(args, 1, "VerifyCpuTimer IMAGE [N] [ROUNDS]");
        int n = parsed.number(1, 10);
        int rounds = parsed.number(2, 3);
        Path dir = Files.createTempDirectory("aigc-verify-timer");
        try {
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Path marked = dir.resolve("marked-" + Path.of(args[0]).getFileName());
            new Marker(context).mark(Path.of(args[0]), marked, MarkIntent.builder().c2pa(true).build());
            Verifier verifier = new Verifier(context);
            Path original = Path.of(args[0]);
            System.out.println("state " + verifier.verify(marked).state() + ", unmarked " + verifier.verify(original).state());
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[] markedRatio = new double[Math.max(0, rounds - 1)];
            double[] unmarkedRatio = new double[markedRatio.length];
            for (int round = 0; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ImageIO.read(marked.toFile());
                }
                long c1 = mx.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    verifier.verify(marked);
                }
                long c2 = mx.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    verifier.verify(original);
                }
                long c3 = mx.getCurrentThreadCpuTime();
                double ffmpeg = ffmpegDecodeMs(marked, 20 * n);
                double ffmpegUnmarked = ffmpegDecodeMs(original, 20 * n);
                double unmarked = (c3 - c2) / 1e6 / n;
                System.out.printf(Locale.ROOT, "cpu: decode %.1f ms, verify %.1f ms, ratio %.2f | wall: decode %.1f ms,"
                                + " verify %.1f ms, ratio %.2f | ffmpeg decode %.2f ms cpu, verify/ffmpeg %.1f"
                                + " | unmarked: verify %.1f ms cpu, ffmpeg %.2f ms, verify/ffmpeg %.1f | load %.1f%n",
                        (c1 - c0) / 1e6 / n, (c2 - c1) / 1e6 / n, (double) (c2 - c1) / (c1 - c0),
                        (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (double) (t2 - t1) / (t1 - t0),
                        ffmpeg, (c2 - c1) / 1e6 / n / ffmpeg, unmarked, ffmpegUnmarked, unmarked / ffmpegUnmarked,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (round > 0) {
                    markedRatio[round - 1] = (c2 - c1) / 1e6 / n / ffmpeg;
                    unmarkedRatio[round - 1] = unmarked / ffmpegUnmarked;
                }
            }
            if (markedRatio.length > 0) {
                System.out.printf(Locale.ROOT, "verify/ffmpeg's decode, rounds 2-%d: marked median %.2f (%.2f-%.2f),"
                                + " unmarked median %.2f (%.2f-%.2f)%n", rounds, FfmpegRuns.median(markedRatio),
                        Arrays.stream(markedRatio).min().orElseThrow(), Arrays.stream(markedRatio).max().orElseThrow(),
                        FfmpegRuns.median(unmarkedRatio), Arrays.stream(unmarkedRatio).min().orElseThrow(),
                        Arrays.stream(unmarkedRatio).max().orElseThrow());
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }
}
