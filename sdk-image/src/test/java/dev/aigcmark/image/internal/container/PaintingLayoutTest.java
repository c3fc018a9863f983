package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Painting a JPEG decoded straight into the decoder's R, G, B byte order ({@link Rasters#decodeForPainting}, what
 * marking does) writes the same file, byte for byte, as painting ImageIO's B, G, R pixels ({@link Rasters#decode},
 * what marking did up to session 9): the visible label through {@link ContentPainter#bgrView}, the watermark in
 * place on either order, the encoder reading either. Over the shared camera photos, against digests of the files
 * the session-9 code wrote (before the change), and over seeded pictures in every EXIF orientation, against the
 * B, G, R path of the same run. Only pixels and their encoding are compared: the metadata a mark adds is signed
 * afresh each time and is not written here.
 */
class PaintingLayoutTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x5eed, "painting-layout-test-key".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] PAYLOAD = WatermarkPayload.of(KEY, 4242).toBytes();
    private static final ContentEdit BOTH = new ContentEdit("AI生成", "bottom-right", PAYLOAD, "{}");
    private static final ContentEdit WATERMARK = new ContentEdit(null, null, PAYLOAD, "{}");
    private static final ContentEdit LABEL = new ContentEdit("AI生成", "top-left", null, "{}");

    /**
     * SHA-256 of {@link #painted} of the shared photos with {@link #BOTH}, written by the session-9 code (main at
     * a444c8c: ImageIO's B, G, R pixels), {@code PaintingLayoutTest.golden} run against that build's classes.
     */
    private static final Map<String, String> GOLDEN = Map.of(
            "adobe-20220124-A.jpg", "ea9594344ac9915aa320adb74078f161cb18b616e59e27b4f464e21092a1eb27",
            "adobe-20220124-I.jpg", "e3812c1eaf38ac6d9adab4e8acd5fa6f7c8f69f2fbc58e6e384049ea8b42531d",
            "truepic-20230212-camera.jpg", "e783d16a4e9eeb562badd452cde81872cce0e3ab4b05fa0ff866ac1c8bd8febc",
            "truepic-20230212-landscape.jpg", "e1f9107011d4179e1bca30adf93a7d585ea3f197843605a7a93bf48d9b1c6d6a",
            "truepic-20230212-library.jpg", "8d4cd62b71fadfd9d9a421679c14aa243471996392d0a56aaa20a06f3ce70a6b");

    private static SdkContext context() {
        return TestContexts.builder().identity(new PlatformIdentity("test", "Test", "001191110102MACQD9K64010000",
                Signers.generate(SignatureAlgorithm.values()[0], TestSeed.secureRandom("PaintingLayoutTest")), null,
                KEY, true)).build();
    }

    @Test
    void theSharedPhotosGiveTheSession9FilesByteForByte() throws Exception {
        Path photos = SharedFiles.assumeVectors("photos");
        SdkContext ctx = context();
        for (Map.Entry<String, String> e : GOLDEN.entrySet()) {
            byte[] file = Files.readAllBytes(photos.resolve(e.getKey()));
            BufferedImage rgb = Rasters.decodeForPainting(file, ctx.limits());
            assertThat(PackedRgb.of(rgb)).as("%s decoded as R, G, B", e.getKey()).hasValueSatisfying(p -> assertThat(p.redAt()).isZero());
            byte[] painted = painted(file, rgb, BOTH, ctx);
            assertThat(sha256(painted)).as("%s", e.getKey()).isEqualTo(e.getValue());
            assertThat(painted).as("%s, B, G, R pixels", e.getKey())
                    .isEqualTo(painted(file, Rasters.decode(file, ctx.limits()), BOTH, ctx));
        }
    }

    @Test
    void seededPicturesInEveryOrientationGiveTheBgrFile() throws Exception {
        Random random = TestSeed.random("PaintingLayoutTest.pictures");
        SdkContext ctx = context();
        ContentEdit[] edits = {BOTH, WATERMARK, LABEL};
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] file = jpeg(picture(400 + random.nextInt(300), 330 + random.nextInt(200), random), orientation);
            ContentEdit edit = edits[random.nextInt(edits.length)];
            String[] corners = {"top-left", "top", "right", "bottom-left", "bottom-right"};
            if (edit.explicitLabel() != null) {
                edit = new ContentEdit(edit.explicitLabel(), corners[random.nextInt(corners.length)], edit.watermarkPayload(), "{}");
            }
            byte[] bgr = painted(file, Rasters.decode(file, ctx.limits()), edit, ctx);
            assertThat(painted(file, Rasters.decodeForPainting(file, ctx.limits()), edit, ctx))
                    .as("orientation %d, %s", orientation, edit.placement()).isEqualTo(bgr);
        }
    }

    /** What {@code ImageFormatHandler.repaint} writes for a JPEG from these decoded pixels: paint, then re-encode. */
    static byte[] painted(byte[] file, BufferedImage pixels, ContentEdit edit, SdkContext ctx) throws IOException {
        JpegStructure st = JpegStructure.parse(file, ReadLimits.defaults(), new ArrayList<>());
        ContentPainter.Painted p = ContentPainter.paint(pixels, Orientation.ofJpeg(file, st), edit, ctx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JpegReencoder.write(file, st, p.image(), out);
        return out.toByteArray();
    }

    /** Prints {@link #GOLDEN}'s digests for the photos in folder {@code args[0]} with the classes on the class path. */
    public static void main(String[] args) throws Exception {
        SdkContext ctx = context();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : GOLDEN.keySet().stream().sorted().toList()) {
            byte[] file = Files.readAllBytes(Path.of(args[0], name));
            out.put(name, sha256(painted(file, Rasters.decode(file, ctx.limits()), BOTH, ctx)));
        }
        out.forEach((k, v) -> System.out.println(k + " " + v));
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** Gradients, noise and saturated patches (where a channel clips and the watermark's change moves to the others). */
    private static BufferedImage picture(int w, int h, Random random) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x < w / 8 ? 255 : (x * 255 / w + random.nextInt(24)) & 0xFF;
                int g = (y * 255 / h + random.nextInt(24)) & 0xFF;
                int b = y < h / 8 ? random.nextInt(3) : ((x + y) * 200 / (w + h) + random.nextInt(40)) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** A JPEG of {@code img} at quality 0.85, with an EXIF APP1 saying {@code orientation}. */
    private static byte[] jpeg(BufferedImage img, int orientation) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", plain);
        byte[] b = plain.toByteArray();
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
                0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, 2);
        out.write(exif);
        out.write(b, 2, b.length - 2);
        return out.toByteArray();
    }
}
