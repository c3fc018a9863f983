package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.Rasters;
import dev.aigcmark.image.internal.container.RiffStructure;
import dev.aigcmark.image.internal.watermark.ImageWatermarker;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WebP pixels (TwelveMonkeys decoder): our watermark and the SD detector run on WebP through the Verifier. */
class WebpPixelsTest {
    static final WatermarkKey KEY = new WatermarkKey(0x0D0D, "webp-pixels-test-key-0000".getBytes(StandardCharsets.US_ASCII));
    static final Verifier VERIFIER = new Verifier(TestContexts.builder().trust(new TrustRegistry(List.of(new TrustedPlatform(
            "webp", "WebP Platform", List.of(), List.of(), List.of(), Optional.of(KEY), false)))).build());

    @TempDir
    Path dir;

    VerificationReport verify(byte[] webp) throws Exception {
        Path f = Files.createTempFile(dir, "v", ".webp");
        Files.write(f, webp);
        return VERIFIER.verify(f);
    }

    static List<Watermark> watermarks(VerificationReport r) {
        return r.findings(Watermark.class).stream().map(f -> (Watermark) f.mark()).toList();
    }

    @Test
    void losslessWebpDecodesToTheExactPixelsOfItsPng() throws Exception {
        BufferedImage src = TestImages.textured(200, 120);
        byte[] webp = TestImages.webp(dir, TestImages.encode(src, "png"), "-lossless", "1");
        assertThat(new String(webp, 12, 4, StandardCharsets.ISO_8859_1)).isEqualTo("VP8L");
        BufferedImage decoded = Rasters.decode(webp, ReadLimits.defaults());
        assertThat(decoded.getWidth()).isEqualTo(200);
        assertThat(decoded.getHeight()).isEqualTo(120);
        assertThat(LabelRoundTripTest.pixels(decoded)).isEqualTo(LabelRoundTripTest.pixels(src));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-lossless 1", "-lossless 0 -quality 90"})
    void ourWatermarkIsDetectedInWebpThroughTheVerifier(String options) throws Exception {
        WatermarkPayload payload = WatermarkPayload.of(KEY, 90210);
        BufferedImage marked = ImageWatermarker.embed(TestImages.textured(512, 384), KEY, payload.toBytes());
        byte[] webp = TestImages.webp(dir, TestImages.encode(marked, "png"), options.split(" "));
        List<Watermark> found = watermarks(verify(webp));
        assertThat(found).as(options).singleElement().satisfies(w -> assertThat(w.payloadHex()).isEqualTo(payload.hex()));
    }

    @Test
    void sdxlVectorAsLosslessWebpIsReportedAsSdxl() throws Exception {
        byte[] png = Files.readAllBytes(SharedFiles.vectors("sd-watermark").resolve("sdxl_bgr_1024.png"));
        List<Watermark> found = watermarks(verify(TestImages.webp(dir, png, "-lossless", "1")));
        assertThat(found).singleElement().satisfies(w -> {
            assertThat(w.scheme()).isEqualTo("sd.sdxl");
            assertThat(w.details()).containsEntry("matchingBits", 48);
        });
    }

    @Test
    void unmarkedWebpReportsNoWatermark() throws Exception {
        byte[] webp = TestImages.webp(dir, TestImages.encode(TestImages.textured(512, 384), "png"), "-quality", "90");
        VerificationReport report = verify(webp);
        assertThat(Rasters.decode(webp, ReadLimits.defaults()).getWidth()).as("pixels were read").isEqualTo(512);
        assertThat(report.findings(Watermark.class)).isEmpty();
    }

    @Test
    void oversizedCanvasIsRefusedBeforeDecoding() throws Exception {
        // A VP8X canvas of 16M x 16M pixels in front of a tiny real bitstream: refused by the header, no allocation.
        byte[] small = TestImages.webp(dir, TestImages.encode(TestImages.textured(16, 16), "png"), "-lossless", "1");
        byte[] vp8x = new byte[10];
        Bytes.put24le(vp8x, 4, 0xFFFFFF);
        Bytes.put24le(vp8x, 7, 0xFFFFFF);
        byte[] body = TestImages.concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), RiffStructure.chunk("VP8X", vp8x),
                Arrays.copyOfRange(small, 12, small.length));
        byte[] file = TestImages.concat("RIFF".getBytes(StandardCharsets.ISO_8859_1), new byte[4], body);
        Bytes.put32le(file, 4, body.length);
        assertThatThrownBy(() -> Rasters.decode(file, ReadLimits.defaults()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("decoding limit");
        assertThat(verify(file).findings(Watermark.class)).isEmpty();
    }

    /**
     * Damaged WebP bitstreams (lossy, lossless, and an animation frame) give pixels or an UnreadableInputException,
     * never another exception, an error or a hang.
     */
    @Test
    void damagedBitstreamsAreRefusedCleanly() throws Exception {
        byte[] png = TestImages.encode(TestImages.textured(64, 48), "png");
        List<byte[]> seeds = List.of(TestImages.webp(dir, png, "-lossless", "1"), TestImages.webp(dir, png, "-quality", "60"),
                animated());
        SplittableRandom rnd = new SplittableRandom(7);
        Assertions.assertTimeoutPreemptively(Duration.ofMinutes(10), () -> { // a hang guard, not a speed check
            for (byte[] seed : seeds) {
                for (int i = 0; i < 300; i++) {
                    byte[] bad = seed.clone();
                    for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                        bad[20 + rnd.nextInt(bad.length - 20)] = (byte) rnd.nextInt(256);
                    }
                    try {
                        assertThat(Rasters.decode(bad, ReadLimits.defaults()).getWidth()).isPositive();
                    } catch (UnreadableInputException expected) {
                        // refused: fine
                    }
                }
            }
        });
    }

    /** A 3-frame lossless animated WebP (VP8X, ANIM, ANMF frames) from ffmpeg's test source. */
    byte[] animated() throws Exception {
        ExternalTools.assumeTool("ffmpeg");
        Path out = dir.resolve("anim.webp");
        ExternalTools.run("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10",
                "-t", "0.3", "-c:v", "libwebp_anim", "-lossless", "1", "-loop", "0", out.toString()).requireSuccess();
        return Files.readAllBytes(out);
    }

    @Test
    void animatedWebpGivesItsFirstFrameAndAnOversizedFrameIsRefused() throws Exception {
        byte[] anim = animated();
        RiffStructure st = RiffStructure.parse(anim, "WEBP", ReadLimits.defaults(), new ArrayList<>());
        assertThat(st.chunks()).extracting(RiffStructure.Chunk::fourcc).contains("ANIM", "ANMF");
        BufferedImage first = Rasters.decode(anim, ReadLimits.defaults());
        assertThat(first.getWidth()).isEqualTo(64);
        assertThat(first.getHeight()).isEqualTo(48);

        // the first frame's VP8L header now claims 16384 x 16384 pixels (the ANMF and canvas sizes stay small)
        RiffStructure.Chunk frame = st.chunks().stream().filter(c -> c.fourcc().equals("ANMF")).findFirst().orElseThrow();
        int vp8l = frame.dataOffset() + 16;
        assertThat(new String(anim, vp8l, 4, StandardCharsets.ISO_8859_1)).isEqualTo("VP8L");
        byte[] bad = anim.clone();
        long bits = Bytes.u32le(bad, vp8l + 9) | 0x3FFF | (0x3FFFL << 14);
        Bytes.put32le(bad, vp8l + 9, bits);
        assertThatThrownBy(() -> Rasters.decode(bad, ReadLimits.defaults()))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("decoding limit");
    }
    /**
     * A still image smaller than its VP8X canvas is refused before the decoder sizes buffers by the canvas (a
     * fuzzing find: a 32x24 frame in a 1,507,329x32 canvas cost 1.39 GB). libwebp refuses such files too.
     */
    @Test
    void aStillImageThatDoesNotFillItsCanvasIsRefusedBeforeDecoding() throws Exception {
        byte[] file = stillInCanvas(1_507_329, 32);

        assertThatThrownBy(() -> Rasters.decode(file, ReadLimits.defaults()))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("canvas 1507329x32 differs from its still image's 32x24");
    }

    /**
     * A VP8X canvas with no bitstream chunk (the fuzzing find kept as verifyBytes/webp-vp8x-canvas-without-bitstream.webp:
     * its only image chunk's name was damaged) is refused before the decoder sizes anything by the canvas; it
     * peaked at 573 MB, over the 512 MB bar, before.
     */
    @Test
    void aCanvasWithoutABitstreamIsRefusedBeforeDecoding() throws Exception {
        byte[] file = stillInCanvas(32, 1_507_409);
        file[12 + 18 + 1] = 'x'; // "VP8 " -> "Vx8 ": the bitstream chunk is now an unknown chunk

        assertThatThrownBy(() -> Rasters.decode(file, ReadLimits.defaults()))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("canvas 32x1507409 has no VP8 or VP8L bitstream");
    }

    /** A lossy 32x24 WebP with a VP8X chunk declaring a {@code width} x {@code height} canvas put before its bitstream. */
    private byte[] stillInCanvas(int width, int height) throws Exception {
        byte[] webp = TestImages.webp(dir, TestImages.encode(TestImages.textured(32, 24), "png"), "-q", "80");
        byte[] vp8x = new byte[10];
        Bytes.put24le(vp8x, 4, width - 1);
        Bytes.put24le(vp8x, 7, height - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(webp, 0, 12);
        out.write("VP8X".getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[] {10, 0, 0, 0});
        out.write(vp8x);
        out.write(webp, 12, webp.length - 12);
        byte[] file = out.toByteArray();
        Bytes.put32le(file, 4, file.length - 8);
        return file;
    }
}
