package dev.aigcmark.bench;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.image.internal.container.Rasters;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What ImageIO's JPEG reader costs per way of reading a colour JPEG, in thread CPU, in an order that rotates round by
 * round, beside ffmpeg's decode of the same file: {@code ImageIO.read} (B, G, R), the verifier's decode
 * ({@code Rasters.lazy}: R, G, B, the detectors' input) and {@code ImageReader.readRaster} (the file's Y, Cb, Cr after
 * upsampling, no colour conversion). First it checks that libjpeg's own integer colour conversion (jdcolor.c's tables)
 * of the raster gives the verifier's pixels exactly, and prints how many differ: the detectors could take the raw
 * planes only if converting them costs less than the reader's conversion saves.
 * <pre>java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.JpegDecodeTimer FILE.jpg [N] [ROUNDS]</pre>
 */
public final class JpegDecodeTimer {
    private JpegDecodeTimer() {
    }

    public static void main(String[] args) throws Exception {
        TimerArgs parsed = TimerArgs.of(args, 1, "JpegDecodeTimer FILE.jpg [N] [ROUNDS]");
        int n = parsed.number(1, 20);
        int rounds = parsed.number(2, 6);
        Path file = Path.of(args[0]);
        byte[] bytes = Files.readAllBytes(file);
        ReadLimits limits = ReadLimits.defaults();
        BufferedImage rgb = Rasters.lazy(bytes, limits).get().image();
        Raster ycc = raster(bytes);
        System.out.println(file.getFileName() + ": " + rgb.getWidth() + "x" + rgb.getHeight() + ", raster bands "
                + ycc.getNumBands() + ", pixels whose Y, Cb, Cr convert to other R, G, B than the verifier's: "
                + mismatches(ycc, rgb));
        Map<String, RotatingRound.Op> ops = new LinkedHashMap<>();
        ops.put("ImageIO.read", () -> ImageIO.read(new ByteArrayInputStream(bytes)));
        ops.put("verifier (R, G, B)", () -> Rasters.lazy(bytes, limits).get().image());
        ops.put("readRaster (Y, Cb, Cr)", () -> raster(bytes));
        for (int round = 0; round < rounds; round++) {
            double ffmpeg = VerifyCpuTimer.ffmpegDecodeMs(file, 20 * n);
            Map<String, Double> ms = RotatingRound.cpuMs(ops, round, n);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  ffmpeg %.2f ms", ffmpeg));
            ms.forEach((name, v) -> line.append(String.format(Locale.ROOT, " | %s %.2f (%.2f×)", name, v, v / ffmpeg)));
            line.append(String.format(Locale.ROOT, " | load %.1f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            System.out.println(line);
        }
    }

    private static Raster raster(byte[] bytes) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in, true, true);
                return reader.readRaster(0, null);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Pixels whose Y, Cb, Cr, through libjpeg's fixed-point conversion, differ from the verifier's R, G, B. */
    private static long mismatches(Raster ycc, BufferedImage rgb) {
        if (ycc.getNumBands() != 3 || !(ycc.getDataBuffer() instanceof DataBufferByte y)
                || !(rgb.getRaster().getDataBuffer() instanceof DataBufferByte c)) {
            return -1;
        }
        int[] crR = new int[256];
        int[] cbB = new int[256];
        int[] crG = new int[256];
        int[] cbG = new int[256];
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            crR[i] = (fix(1.40200) * x + (1 << 15)) >> 16;
            cbB[i] = (fix(1.77200) * x + (1 << 15)) >> 16;
            crG[i] = -fix(0.71414) * x;
            cbG[i] = -fix(0.34414) * x + (1 << 15);
        }
        byte[] a = y.getData();
        byte[] b = c.getData();
        long bad = 0;
        for (int i = 0; i + 2 < a.length && i + 2 < b.length; i += 3) {
            int luma = a[i] & 0xFF;
            int cb = a[i + 1] & 0xFF;
            int cr = a[i + 2] & 0xFF;
            int r = clamp(luma + crR[cr]);
            int g = clamp(luma + ((cbG[cb] + crG[cr]) >> 16));
            int bl = clamp(luma + cbB[cb]);
            bad += r != (b[i] & 0xFF) || g != (b[i + 1] & 0xFF) || bl != (b[i + 2] & 0xFF) ? 1 : 0;
        }
        return bad;
    }

    private static int fix(double x) {
        return (int) (x * (1 << 16) + 0.5);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
