package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the embed → encode → decode → detect round trip on small generated pictures (a JPEG is encoded and
 * decoded once before it is marked, as the marker receives it), below and above
 * {@link ImageWatermarker#MIN_SIDE} (the gate is not applied here): per format and shorter side, N pictures in
 * each of five aspects (1, 4:3, 16:9 and both portraits), half grainy and half smooth, each with its own key and
 * payload, all from {@link TestSeed}. Not a test (the gate's test is {@code WatermarkSizeGateTest}): the figures
 * it prints set the gate (docs/watermark-robustness.md#smallest-picture).
 * <pre>java -cp sdk-image/target/test-classes:... dev.aigcmark.image.internal.watermark.WatermarkSizeSweep N SIDE...
 *   [-Dformats=jpeg,png,tiff] [-Dquality=0.75]</pre>
 */
public final class WatermarkSizeSweep {
    private static final double[] ASPECTS = {1.0, 4 / 3.0, 16 / 9.0, 3 / 4.0, 9 / 16.0};

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        String[] formats = System.getProperty("formats", "jpeg,png,tiff").split(",");
        float quality = Float.parseFloat(System.getProperty("quality", "0.75"));
        for (int a = 1; a < args.length; a++) {
            int side = Integer.parseInt(args[a]);
            for (String format : formats) {
                Random random = TestSeed.random("WatermarkSizeSweep." + side + "." + format);
                int found = 0;
                int total = 0;
                for (double aspect : ASPECTS) {
                    int w = aspect >= 1 ? (int) Math.round(side * aspect) : side;
                    int h = aspect >= 1 ? side : (int) Math.round(side / aspect);
                    for (int i = 0; i < n; i++, total++) {
                        found += roundTrip(w, h, format, quality, random, i % 2 == 0 ? 24 : 6) ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "side %4d %-5s %4d/%4d%n", side, format, found, total);
            }
        }
    }

    /** Whether the payload embedded in a generated picture is read back after the format's encoding. */
    static boolean roundTrip(int w, int h, String format, float quality, Random random, int grain) throws IOException {
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        WatermarkKey key = new WatermarkKey(random.nextInt(0x10000), keyBytes);
        byte[] payload = WatermarkPayload.of(key, random.nextLong() & 0xFFFFFFFFL).toBytes();
        BufferedImage picture = image(w, h, random.nextLong(), grain);
        if (format.equals("jpeg")) { // what the marker gets: a JPEG at this quality, decoded, to be encoded again
            picture = ImageIO.read(new ByteArrayInputStream(encode(picture, format, quality)));
        }
        BufferedImage marked = ImageWatermarker.embed(picture, key, payload);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(encode(marked, format, quality)));
        return ImageWatermarker.detect(back, key).payload().map(p -> Arrays.equals(p.toBytes(), payload)).orElse(false);
    }

    public static byte[] encode(BufferedImage image, String format, float quality) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!format.equals("jpeg")) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (MemoryCacheImageOutputStream os = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(os);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The Spark archive's kind of picture: a gradient plus uniform noise of the given amplitude. */
    public static BufferedImage image(int width, int height, long seed, int grain) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(seed);
        int tint = noise.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / width + y * 128 / height + noise.nextInt(grain)) & 0xFF;
                img.setRGB(x, y, (v << 16) | (((255 - v) ^ tint) & 0xFF) << 8 | ((v + x / 16) & 0xFF));
            }
        }
        return img;
    }
}
