package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Watermark detection on a real photo beside a plain decode of the same JPEG, in the same run, so the figure
 * is read as a ratio ({@code detect / decodeJpeg}) that a loaded machine does not distort as much as absolute
 * times: "1080p" is the busy Adobe stone photo resized to 1920×1080, "12mp" the 4032×3024 Truepic landscape.
 * {@link #detectMarked} stops at the first lattice hypothesis whose payload decodes; {@link #detectUnmarked}
 * tries and rejects every one (the common case on a platform). Both include the luma extraction from the
 * decoded pixels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WatermarkDetectBenchmark {
    @Param({"1080p", "12mp"})
    public String size;

    private WatermarkKey key;
    private byte[] markedJpeg;
    private BufferedImage marked;
    private BufferedImage unmarked;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        BufferedImage photo = size.equals("12mp") ? BenchInputs.photo("12mp") : BenchInputs.resizedBicubic(BenchInputs.photo("1mp"), 1920, 1080);
        key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        BufferedImage withMark = ImageWatermarker.embed(photo, key, WatermarkPayload.of(key, 99).toBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BenchInputs.encode(withMark, "jpeg", out);
        markedJpeg = out.toByteArray();
        marked = decodeJpeg();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        BenchInputs.encode(photo, "jpeg", plain);
        unmarked = ImageIO.read(new ByteArrayInputStream(plain.toByteArray()));
        if (!ImageWatermarker.detect(marked, key).found() || ImageWatermarker.detect(unmarked, key).found()) {
            throw new IllegalStateException("benchmark inputs: the marked JPEG must decode, the plain one must not");
        }
    }

    /** The baseline: ImageIO decodes the marked JPEG. */
    @Benchmark
    public BufferedImage decodeJpeg() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(markedJpeg));
    }

    @Benchmark
    public Detection detectMarked() {
        return ImageWatermarker.detect(marked, key);
    }

    @Benchmark
    public Detection detectUnmarked() {
        return ImageWatermarker.detect(unmarked, key);
    }
}
