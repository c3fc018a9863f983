package dev.aigcmark.bench;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a platform pays per uploaded 1080p image for metadata only (no pixels decoded): scanning the
 * container, writing the signed label losslessly (XMP update plus container rewrite), and placing a 20 KB
 * C2PA store. Images are photo-like noise so the compressed data has a realistic size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImageLabelBenchmark {
    @Param({"jpeg", "png"})
    public String format;

    private final SdkContext ctx = SdkContext.defaults();
    private FormatHandler handler;
    private byte[] file;
    private byte[] store;
    private LabelEdit edit;

    @Setup
    public void setUp() throws IOException {
        BufferedImage img = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int y = 0; y < 1080; y++) {
            for (int x = 0; x < 1920; x++) {
                int v = (x / 8 + y / 8 + rnd.nextInt(24)) & 0xFF;
                img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (v / 2));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        file = out.toByteArray();
        handler = ctx.handler(format).orElseThrow();
        edit = new LabelEdit(AigcLabel.produced(LabelValue.AI_GENERATED, "001191110102MACQD9K64010000",
                ProduceId.of("0f1e2d3c4b5a69788796a5b4c3d2e1f0")), DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA);
        store = new byte[20_000];
        byte[] head = {0, 0, 0x4E, 0x20, 'j', 'u', 'm', 'b'};
        System.arraycopy(head, 0, store, 0, head.length);
        // keep the label in the file so scan and re-mark see a realistic packet
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        ((LabelWriter) handler).writeLabel(MediaInput.of(file, "in"), marked, edit, ctx);
        file = marked.toByteArray();
    }

    @Benchmark
    public Container scan() throws IOException {
        return handler.scan(MediaInput.of(file, "in"), ctx);
    }

    @Benchmark
    public int writeLabel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 4096);
        ((LabelWriter) handler).writeLabel(MediaInput.of(file, "in"), out, edit, ctx);
        return out.size();
    }

    @Benchmark
    public long placeC2paStore() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + store.length + 4096);
        return ((C2paEmbedding) handler).writeStore(MediaInput.of(file, "in"), out, store, ctx).offset();
    }
}
