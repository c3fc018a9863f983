package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Watermark detection beside a plain decode of the same JPEG, in thread CPU time (far less disturbed by a loaded
 * machine than wall time), four rounds: the photo is resized to W×H (bicubic), marked, written as a JPEG; each
 * round decodes it N times with ImageIO, then detects on the decoded marked pixels and on the unmarked ones N
 * times each. The JMH twin is {@link WatermarkDetectBenchmark}; this one needs no JMH lock on a shared machine.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.WatermarkDetectCpuTimer PHOTO W H [N]</pre>
 */
public final class WatermarkDetectCpuTimer {
    private WatermarkDetectCpuTimer() {
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 3, "WatermarkDetectCpuTimer PHOTO WIDTH HEIGHT [N]");
        BufferedImage src = ImageIO.read(new File(args[0]));
        int w = a.number(1, 0);
        int h = a.number(2, 0);
        int n = a.number(3, 8);
        BufferedImage photo = BenchInputs.resizedBicubic(src, w, h);
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchInputs.encode(ImageWatermarker.embed(photo, key, WatermarkPayload.of(key, 99).toBytes()), "jpeg", out);
        byte[] jpeg = out.toByteArray();
        BufferedImage marked = ImageIO.read(new ByteArrayInputStream(jpeg));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 4; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                ImageIO.read(new ByteArrayInputStream(jpeg));
            }
            long c1 = mx.getCurrentThreadCpuTime();
            boolean found = true;
            for (int i = 0; i < n; i++) {
                found &= ImageWatermarker.detect(marked, key).found();
            }
            long c2 = mx.getCurrentThreadCpuTime();
            boolean falsePositive = false;
            for (int i = 0; i < n; i++) {
                falsePositive |= ImageWatermarker.detect(photo, key).found();
            }
            long c3 = mx.getCurrentThreadCpuTime();
            double decode = (c1 - c0) / 1e6 / n;
            double detect = (c2 - c1) / 1e6 / n;
            double unmarked = (c3 - c2) / 1e6 / n;
            System.out.printf(Locale.ROOT, "cpu: decode %.1f ms | detect marked %.1f ms (%.2f× decode, found %b) | unmarked %.1f ms"
                            + " (%.2f×, found %b) | load %.1f%n", decode, detect, detect / decode, found, unmarked,
                    unmarked / decode, falsePositive, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
