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
import java.util.Locale;

/**
 * Verification of one file beside decoding it, in thread CPU time (a loaded machine inflates wall time far more
 * than CPU time) and wall time, three rounds after the first: marks {@code FILE} (label, visible label, watermark,
 * C2PA) with a throw-away development identity, then alternately decodes it with ImageIO and verifies it
 * {@code N} times. Verification runs on the calling thread, so its thread CPU time is the whole cost.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.VerifyCpuTimer FILE [N]</pre>
 */
public final class VerifyCpuTimer {
    private VerifyCpuTimer() {
    }

    public static void main(String[] args) throws IOException {
        int n = TimerArgs.of(args, 1, "VerifyCpuTimer IMAGE [N]").number(1, 10);
        Path dir = Files.createTempDirectory("aigc-verify-timer");
        try {
            SdkContext context = BenchFiles.context(dir.resolve("home"));
            Path marked = dir.resolve("marked-" + Path.of(args[0]).getFileName());
            new Marker(context).mark(Path.of(args[0]), marked, MarkIntent.builder().c2pa(true).build());
            Verifier verifier = new Verifier(context);
            System.out.println("state " + verifier.verify(marked).state());
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 3; round++) {
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
                System.out.printf(Locale.ROOT, "cpu: decode %.1f ms, verify %.1f ms, ratio %.2f | wall: decode %.1f ms,"
                                + " verify %.1f ms, ratio %.2f | load %.1f%n",
                        (c1 - c0) / 1e6 / n, (c2 - c1) / 1e6 / n, (double) (c2 - c1) / (c1 - c0),
                        (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (double) (t2 - t1) / (t1 - t0),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }
}
