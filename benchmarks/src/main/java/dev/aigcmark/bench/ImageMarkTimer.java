package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Image marking end to end (visible label, watermark, signed label; file to file) beside ImageIO decode + encode
 * of the same file at the same quality, alternating in one JVM, in thread CPU time and wall time: what
 * {@code ImageMarkBenchmark} compares, in a form that a loaded machine disturbs less and a profiler can attach to.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.ImageMarkTimer jpeg-12mp|png-1mp|... [N] [ROUNDS]</pre>
 */
public final class ImageMarkTimer {
    private ImageMarkTimer() {
    }

    public static void main(String[] args) throws IOException {
        String input = args.length > 0 ? args[0] : "jpeg-1mp";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("aigc-imagemark-timer");
        try {
            String format = input.substring(0, input.indexOf('-'));
            Path source = BenchInputs.photoFile(input.substring(input.indexOf('-') + 1), format);
            Path target = dir.resolve("out." + format);
            Marker marker = new Marker(BenchFiles.context(dir.resolve("home")));
            MarkIntent intent = MarkIntent.builder().build();
            marker.mark(source, target, intent);
            for (int round = 0; round < rounds; round++) {
                System.out.print(input + " ");
                PairedRound.run("decode+encode", () -> {
                    var pixels = ImageIO.read(source.toFile());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        BenchInputs.encode(pixels, format, out);
                    }
                }, "mark", () -> marker.mark(source, target, intent), n);
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }
}
