package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Verification cost against the number of watermark keys in the trust registry, in thread CPU time beside an
 * ImageIO decode of the same file in the same run. The verifier has no identity of its own and a registry of
 * {@code K} platforms: {@code K - 1} with random watermark keys and, last, the platform that marked the file (the
 * worst place for it). Two files per registry size: the marked one (found only with the last key) and the same
 * picture unmarked (every key tried at every lattice hypothesis).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.RegistryScaleTimer FILE [N] [K...]</pre>
 */
public final class RegistryScaleTimer {
    private RegistryScaleTimer() {
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 1, "RegistryScaleTimer IMAGE [N] [KEYS...]");
        int n = a.number(1, 3);
        List<Integer> sizes = a.numbersFrom(2, List.of(1, 10, 100, 1000));
        Path dir = Files.createTempDirectory("aigc-registry-timer");
        try {
            SdkContext marking = BenchFiles.context(dir.resolve("home"));
            Path unmarked = Path.of(args[0]);
            Path marked = dir.resolve("marked-" + unmarked.getFileName());
            new Marker(marking).mark(unmarked, marked, MarkIntent.builder().build());
            PlatformIdentity marker = marking.requireIdentity();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            System.out.printf(Locale.ROOT, "%6s %10s %14s %16s %14s %16s %8s%n", "keys", "decode ms", "marked ms",
                    "marked/decode", "unmarked ms", "unmarked/decode", "load");
            for (int k : sizes) {
                SdkContext verifying = SdkContext.defaults().toBuilder().trust(registry(marker, k)).build();
                Verifier verifier = new Verifier(verifying);
                VerificationReport check = verifier.verify(marked);
                if (check.marks().stream().noneMatch(m -> m.mark() instanceof Watermark w
                        && w.scheme().equals("aigcmark.image.v2") && m.state() != TrustState.INVALID)) {
                    throw new IllegalStateException("the marked file's watermark was not found: " + check.marks());
                }
                verifier.verify(unmarked); // warm-up, and builds the patterns of every key once
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    ImageIO.read(marked.toFile());
                }
                long c1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    verifier.verify(marked);
                }
                long c2 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    verifier.verify(unmarked);
                }
                long c3 = mx.getCurrentThreadCpuTime();
                double decode = (c1 - c0) / 1e6 / n;
                double m = (c2 - c1) / 1e6 / n;
                double u = (c3 - c2) / 1e6 / n;
                System.out.printf(Locale.ROOT, "%6d %10.1f %14.1f %15.1fx %14.1f %15.1fx %8.1f%n", k, decode, m, m / decode,
                        u, u / decode, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }

    /** {@code k - 1} platforms with random watermark keys (fixed seed), then the marker's own entry. */
    private static TrustRegistry registry(PlatformIdentity marker, int k) {
        SplittableRandom random = new SplittableRandom(13);
        List<TrustedPlatform> platforms = new ArrayList<>();
        for (int i = 0; i < k - 1; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            platforms.add(new TrustedPlatform("platform-" + i, "Platform " + i, List.of("P" + i), List.of(), List.of(),
                    Optional.of(new WatermarkKey(1 + i % 0xFFFE, secret)), false));
        }
        platforms.add(TrustedPlatform.of(marker));
        return new TrustRegistry(platforms);
    }
}
