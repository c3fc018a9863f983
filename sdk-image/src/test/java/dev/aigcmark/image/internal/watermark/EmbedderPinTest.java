package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedder's exact output, pinned: SHA-256 of the marked pixels (and of the mask's gains) on seeded covers,
 * taken from the embedder of session 15 (main d0e8397), with which issue 12's robustness tables and false-positive
 * proofs were made. A change made for speed must leave every bit as it was; any change to a delta, a gain, a
 * rounding or a clip fails here. The covers are pinned too ({@link #COVERS_SEED}), so every run seed compares.
 */
class EmbedderPinTest {
    private static final WatermarkKey KEY = new WatermarkKey(5, "embedder-pin-key".getBytes(StandardCharsets.US_ASCII));
    private static final PreparedWatermark MARK = LumaWatermarker.prepare(KEY, WatermarkPayload.of(KEY, 77).toBytes());

    /** Covers: 1 MP at the benchmark photo's size and a width that leaves a part block; texture from flat to busy. */
    private static final int[][] SIZES = {{1024, 759}, {517, 389}};
    private static final int[] NOISE = {0, 3, 12, 48};
    /**
     * The covers' noise is pinned with the hashes, not drawn from the run's seed, so the pin holds (and runs) under
     * every {@code -Daigc.test.seed}: this is {@code TestSeed.random("EmbedderPinTest.covers")}'s seed at the default
     * run seed, with which the hashes were taken. The hashes go through {@code Math.sin/cos/pow/exp}, which the JLS
     * lets differ by an ulp between platforms: they are x86_64 HotSpot's (the CI machine's).
     */
    private static final long COVERS_SEED = -3837568274090602157L;

    @Test
    void markedPixelsAndGainsAreThoseOfTheSession15Embedder() {
        Random random = new Random(COVERS_SEED);
        StringBuilder got = new StringBuilder();
        for (int[] size : SIZES) {
            for (int noise : NOISE) {
                byte[] rgb = cover(size[0], size[1], noise, random);
                got.append(pins(rgb, size[0], size[1])).append('\n');
            }
        }
        assertThat(got.toString()).isEqualTo(String.join("\n", EXPECTED) + "\n");
    }

    /** Gains (parts 1), R, G, B in place (1 part and all), B, G, R, A, B, G, R, the ARGB path, a luma plane. */
    private static String pins(byte[] rgb, int w, int h) {
        EmbedMask mask = new EmbedMask();
        mask.updateFromPixels(rgb, 3, true, w, h, MARK.strength(), 1);
        ByteBuffer gains = ByteBuffer.allocate(4 * mask.blocksX * mask.blocksY);
        for (int i = 0; i < mask.blocksX * mask.blocksY; i++) {
            gains.putInt(Float.floatToRawIntBits(mask.gains[i]));
        }
        BufferedImage one = rgbImage(rgb.clone(), w, h);
        BufferedImage all = rgbImage(rgb.clone(), w, h);
        assertThat(ImageWatermarker.embedInPlace(one, MARK, 1)).isTrue();
        assertThat(ImageWatermarker.embedInPlace(all, MARK, EmbedMask.CHUNKS)).isTrue();
        BufferedImage bgr = typed(rgb, w, h, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage abgr = typed(rgb, w, h, BufferedImage.TYPE_4BYTE_ABGR);
        BufferedImage ints = typed(rgb, w, h, BufferedImage.TYPE_INT_RGB);
        byte[] luma = new byte[w * h];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) ImageWatermarker.luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        }
        EmbedMask planeMask = new EmbedMask();
        planeMask.update(luma, w, h, w, MARK.strength());
        MARK.embed(luma, w, h, w, planeMask);
        return String.join(" ", w + "x" + h, PinHashes.of(gains.array()), PinHashes.of(argb(one)), PinHashes.of(argb(all)),
                PinHashes.of(argb(ImageWatermarker.embed(bgr, MARK))), PinHashes.of(argb(ImageWatermarker.embed(abgr, MARK))),
                PinHashes.of(argb(ImageWatermarker.embedArgb(ints, MARK))), PinHashes.of(luma));
    }

    /** A photo-like cover: gradients, a flat patch, a near-black and a near-white band, and noise of {@code noise} levels. */
    static byte[] cover(int w, int h, int noise, Random random) {
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = x * 255 / w;
                int g = y * 255 / h;
                int b = 128 + (int) (60 * Math.sin(x / 23.0) * Math.cos(y / 17.0));
                if (x > w / 3 && x < w / 2 && y > h / 3 && y < h / 2) {
                    r = g = b = 140; // flat
                } else if (y < h / 10) {
                    r = g = b = 4 + (x & 3); // near black
                } else if (y > h - h / 10) {
                    r = g = b = 250 + (x & 3); // near white
                } else if (noise > 0) {
                    r += random.nextInt(2 * noise + 1) - noise;
                    g += random.nextInt(2 * noise + 1) - noise;
                    b += random.nextInt(2 * noise + 1) - noise;
                }
                int i = 3 * (y * w + x);
                px[i] = (byte) Math.max(0, Math.min(255, r));
                px[i + 1] = (byte) Math.max(0, Math.min(255, g));
                px[i + 2] = (byte) Math.max(0, Math.min(255, b));
            }
        }
        return px;
    }

    /** R, G, B bytes as {@code Rasters.decodeForPainting} gives a colour JPEG. */
    private static BufferedImage rgbImage(byte[] rgb, int w, int h) {
        var cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        var raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), w, h, 3 * w, 3,
                new int[]{0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static BufferedImage typed(byte[] rgb, int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        img.setRGB(0, 0, w, h, argb, 0, w);
        return img;
    }


    private static byte[] argb(BufferedImage img) {
        int[] p = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        ByteBuffer b = ByteBuffer.allocate(4 * p.length);
        b.asIntBuffer().put(p);
        return b.array();
    }

    /** Per cover: size, gains, R, G, B in place (1 part, all parts), B, G, R, A, B, G, R, ARGB, luma plane. */
    private static final String[] EXPECTED = {
        "1024x759 e29eed85a5d8cbf1 cd2710b95037d485 cd2710b95037d485 cd2710b95037d485 cd2710b95037d485 cd2710b95037d485 67851a393bf7c359",
        "1024x759 3192291c1fa3b8ba ab5d94fe7a063206 ab5d94fe7a063206 ab5d94fe7a063206 ab5d94fe7a063206 ab5d94fe7a063206 77866717ba0d7dd5",
        "1024x759 497c79eddabf6097 bdbcc7339234d6d7 bdbcc7339234d6d7 bdbcc7339234d6d7 bdbcc7339234d6d7 bdbcc7339234d6d7 aa361bd80dc18e5e",
        "1024x759 ac4e58202140e48a 322b0a11d37350bb 322b0a11d37350bb 322b0a11d37350bb 322b0a11d37350bb 322b0a11d37350bb a330e1ab9939049e",
        "517x389 bd22c9d6a974cc9d 3c0b6aabf9884560 3c0b6aabf9884560 3c0b6aabf9884560 3c0b6aabf9884560 3c0b6aabf9884560 bc5b8f9174ca71f0",
        "517x389 514a96d1eee2fcfe f13425ee839cc9a0 f13425ee839cc9a0 f13425ee839cc9a0 f13425ee839cc9a0 f13425ee839cc9a0 346c4fd631d5c607",
        "517x389 1c2428dc352e1737 014d95f5c419ca0f 014d95f5c419ca0f 014d95f5c419ca0f 014d95f5c419ca0f 014d95f5c419ca0f 5df4556f7366bbea",
        "517x389 72475ee8e42dfdb5 4ea176f18d312c7a 4ea176f18d312c7a 4ea176f18d312c7a 4ea176f18d312c7a 4ea176f18d312c7a 169c8370a1f06ab0",
    };
}
