package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.PackedRgb;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.format.TestImages;
import dev.aigcmark.image.internal.sd.SdVotesProbe;
import dev.aigcmark.image.internal.sd.SdWatermarkDetector;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pixel detectors compute on real photos, pinned: the verifier's speed work (issue 13) must leave every
 * decision and every score as it was, so each photo's figures were recorded before it and must stay to the last
 * bit. Per photo of {@code ../shared/vectors/photos}, at most 1920 × 1080 of its centre (the size issue 13 measures;
 * the two Adobe photos are smaller, whole), through ImageIO's JPEG encoder at quality 0.9 and decoded as the verifier
 * decodes (R, G, B bytes read in place); the same watermarked with a fixed key and payload:
 * <ul>
 * <li>the working plane our detector reads: a digest of its samples' float bits;
 * <li>our detector on the unmarked picture (the full lattice search, its best miss) and on the marked one, with the
 * label's key expected (the identity geometry) and without (the search): found, payload, PNR, lattice, soft bits;
 * <li>the Stable Diffusion detector's votes (a digest of every block's vote under each convention) and its 40 reads
 * (matching bits per payload, convention and polarity), on both pictures.
 * </ul>
 * The assertion compares a digest of those figures and prints them. The JPEG round trip is the JDK's codec, so the
 * figures are those of the JDK the build runs on (Temurin 17 here and in CI).
 */
class DetectorPinTest {
    private static final WatermarkKey KEY = new WatermarkKey(0x0C13, "detector-pin-0001".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            adobe-20220124-A.jpg           | 63ceb3f5071bf609
            adobe-20220124-I.jpg           | db1fd4dd595b102e
            truepic-20230212-camera.jpg    | 5fea20202e05dc4d
            truepic-20230212-landscape.jpg | 2f609a740ed9d036
            truepic-20230212-library.jpg   | 9020a4c8d47dc46d
            """)
    void detectorsComputeWhatTheyComputedBefore(String name, String pinned) throws IOException {
        Path file = SharedFiles.assumeVectors("photos").resolve(name);
        BufferedImage photo = ImageIO.read(file.toFile());
        int w = Math.min(1920, photo.getWidth());
        int h = Math.min(1080, photo.getHeight());
        BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        crop.createGraphics().drawImage(photo.getSubimage((photo.getWidth() - w) / 2, (photo.getHeight() - h) / 2, w, h),
                0, 0, null);
        BufferedImage unmarked = viaJpeg(crop);
        BufferedImage marked = viaJpeg(ImageWatermarker.embed(crop, KEY, WatermarkPayload.of(KEY, 0x5EED).toBytes()));
        String figures = String.join("\n",
                "plane " + planeDigest(unmarked),
                "unmarked " + describe(ImageWatermarker.detect(unmarked, List.of(KEY))),
                "marked, expected " + describe(ImageWatermarker.detect(marked, List.of(KEY), List.of(KEY))),
                "marked, searched " + describe(ImageWatermarker.detect(marked, List.of(KEY))),
                "sd " + PinHashes.of(SdVotesProbe.votes(unmarked)) + " " + sdReads(unmarked),
                "sd marked " + PinHashes.of(SdVotesProbe.votes(marked)) + " " + sdReads(marked));
        assertThat(PinHashes.of(figures.getBytes(StandardCharsets.UTF_8))).as(name + ":\n" + figures).isEqualTo(pinned);
    }

    /** The picture through ImageIO's JPEG encoder at quality 0.9, decoded as the verifier decodes. */
    private static BufferedImage viaJpeg(BufferedImage image) throws IOException {
        BufferedImage decoded = Rasters.lazy(TestImages.jpeg(image, 0.9f), ReadLimits.defaults()).get().image();
        assertThat(PackedRgb.of(decoded)).as("the in-place R, G, B path").isPresent();
        return decoded;
    }

    private static String planeDigest(BufferedImage image) {
        WorkingPlane plane = WorkingPlane.of(PackedRgb.of(image).orElseThrow(), WorkingPlane.SHORT_SIDE);
        return plane.width + "x" + plane.height + " " + PinHashes.ofFloats(plane.samples);
    }

    private static String describe(Detection d) {
        return String.format(Locale.ROOT, "found=%s payload=%s pnr=%s shift=%d,%d period=%s rotation=%s aspect=%s "
                        + "mirrored=%s soft=%s", d.found(),
                d.payload().map(p -> HexFormat.of().formatHex(p.toBytes())).orElse("-"), d.pnr(), d.shiftX(),
                d.shiftY(), d.period(), d.rotation(), d.aspect(), d.mirrored(), PinHashes.ofFloats(d.softBits()));
    }

    private static String sdReads(BufferedImage image) {
        StringBuilder s = new StringBuilder();
        for (SdWatermarkDetector.Read r : SdWatermarkDetector.readAll(image)) {
            s.append(r.matching()).append(',');
        }
        return s.toString();
    }

}
