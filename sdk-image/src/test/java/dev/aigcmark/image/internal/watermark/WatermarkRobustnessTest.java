package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Robustness on 12 varied generated images (each of the six kinds — gradients, flat areas, text, textures,
 * noise fields, mixtures — at two of the sizes 384–768 px): PSNR ≥ 40 dB, and the exact payload after each attack, made with
 * the JDK's JPEG writer and an area-averaging resizer.
 */
class WatermarkRobustnessTest {
    static final WatermarkKey KEY = new WatermarkKey(0x2A17, "robustness-suite-key-0001".getBytes(StandardCharsets.US_ASCII));
    static final int IMAGES = 12;
    static final int KINDS = TestImages.KINDS.length;
    static final int[][] SIZES = {{512, 384}, {640, 480}, {768, 512}, {384, 512}, {600, 600}, {720, 405}};

    static final Map<String, UnaryOperator<BufferedImage>> ATTACKS = new LinkedHashMap<>();

    static {
        ATTACKS.put("none", i -> i);
        ATTACKS.put("jpeg q50", i -> Attacks.jpeg(i, 0.5f));
        ATTACKS.put("resize 0.5x", i -> Attacks.resize(i, 0.5));
        ATTACKS.put("crop 75% odd offset", i -> Attacks.crop(i, 0.75));
        ATTACKS.put("jpeg q50 + crop 10% + resize 0.75x", i -> Attacks.resize(Attacks.crop(Attacks.jpeg(i, 0.5f), 0.9), 0.75));
        ATTACKS.put("brightness +20%", i -> Attacks.brightness(i, 1.2));
        ATTACKS.put("brightness -20%", i -> Attacks.brightness(i, 0.8));
        ATTACKS.put("gaussian noise sigma 5", i -> Attacks.noise(i, 5, 77));
    }

    record Outcome(int image, String kind, String attack, boolean exact, double pnr, double period, int markedPeriod) {
    }

    static final List<Outcome> OUTCOMES = new ArrayList<>();
    static final Map<Integer, Double> PSNR = new ConcurrentHashMap<>();

    @BeforeAll
    static void runSuite() {
        List<Outcome> all = IntStream.range(0, IMAGES).parallel().boxed().flatMap(i -> {
            int[] size = SIZES[(i + i / KINDS) % SIZES.length]; // every kind at several sizes
            BufferedImage cover = TestImages.generate(i, size[0], size[1]);
            WatermarkPayload payload = WatermarkPayload.of(KEY, 1000 + i);
            BufferedImage marked = ImageWatermarker.embed(cover, KEY, payload.toBytes());
            PSNR.put(i, psnr(cover, marked));
            List<Outcome> out = new ArrayList<>();
            ATTACKS.forEach((name, attack) -> {
                Detection d = ImageWatermarker.detect(attack.apply(marked), KEY);
                boolean exact = d.found() && d.payload().orElseThrow().equals(payload);
                out.add(new Outcome(i, TestImages.kind(i), name, exact, d.pnr(), d.period(),
                        PreparedWatermark.period(size[0], size[1])));
            });
            return out.stream();
        }).toList();
        OUTCOMES.addAll(all);
        Map<String, long[]> perAttack = new LinkedHashMap<>();
        for (Outcome o : all) {
            long[] c = perAttack.computeIfAbsent(o.attack(), k -> new long[2]);
            c[0] += o.exact() ? 1 : 0;
            c[1]++;
        }
        perAttack.forEach((a, c) -> System.out.printf("watermark robustness: %-36s %d/%d exact, min PNR %.1f%n", a, c[0], c[1],
                all.stream().filter(o -> o.attack().equals(a)).mapToDouble(Outcome::pnr).min().orElse(0)));
        all.stream().filter(o -> !o.exact()).forEach(o -> System.out.println("  MISSED " + o));
        System.out.printf("watermark PSNR (luma): min %.2f dB, mean %.2f dB%n",
                PSNR.values().stream().mapToDouble(d -> d).min().orElse(0),
                PSNR.values().stream().mapToDouble(d -> d).average().orElse(0));
    }

    @Test
    void psnrIsAtLeast40dbOnEveryImage() {
        assertThat(PSNR).hasSize(IMAGES);
        assertThat(PSNR.values()).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(40.0));
    }

    @Test
    void payloadIsExactAfterNearlyEveryAttackOnEveryImage() {
        assertThat(OUTCOMES).hasSize(IMAGES * ATTACKS.size());
        // v2 draws its chips in proportion to the image (TileGeometry) so the mark survives 0.3× on photos; on
        // these small synthetic covers the strong low-frequency sinusoid "texture" kind (its spectrum overlaps the
        // chips') is the hard one. Measured: 94 of 96 exact in session 8, both misses on "texture" (crops of the
        // 600×600 one, PNR 4.1–4.2: the sync correlation reads a whitened fold, FoldFlattening.whitenSpectrum; before
        // it 13 of texture's 16 cells were sync misses at PNR < 5 although the soft bits at the true lattice read
        // 98 %); 83 in session 7, 82 in session 5, 78 in session 4. In session 10 both misses turned out to be screen
        // misses: a lattice that decodes is found (full sync PNR 6.19 and 7.06), but the coarse screen scored it 4.07
        // and 4.52 < LumaDetector.COARSE_GATE. Since session 11 the screen flattens its spectrum by the -3/4 power
        // (Analysis.COARSE_FLATTENING; 4.27 and 5.26): 95 of 96, the one miss is texture's crop 75 %. The floors allow
        // one cell of slack and catch any real regression; the recovered cell is asserted by name (it misses at -1/2).
        // Real photos through real encoders: RealEncoderRobustnessTest.
        assertThat(OUTCOMES.stream().filter(Outcome::exact).count()).isGreaterThanOrEqualTo(94);
        assertThat(OUTCOMES).filteredOn(o -> !o.exact() && !o.kind().equals("texture")).hasSizeLessThanOrEqualTo(1);
        assertThat(OUTCOMES).filteredOn(o -> o.image() == 9 && o.attack().equals("jpeg q50 + crop 10% + resize 0.75x"))
                .singleElement().satisfies(o -> {
                    assertThat(o.kind()).isEqualTo("texture"); // the 600×600 one
                    assertThat(o.exact()).isTrue();
                });
    }

    @Test
    void resizedContentReportsTheTilePeriodItSees() {
        assertThat(OUTCOMES).filteredOn(o -> o.attack().equals("resize 0.5x") && o.exact())
                .allSatisfy(o -> assertThat(o.period() / o.markedPeriod()).isCloseTo(0.5, Offset.offset(0.01)));
    }

    static double psnr(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        byte[] ya = ImageWatermarker.luma(a.getRGB(0, 0, w, h, null, 0, w));
        byte[] yb = ImageWatermarker.luma(b.getRGB(0, 0, w, h, null, 0, w));
        double se = 0;
        for (int i = 0; i < ya.length; i++) {
            double d = (ya[i] & 0xFF) - (yb[i] & 0xFF);
            se += d * d;
        }
        double mse = se / ya.length;
        return mse == 0 ? 99 : 10 * Math.log10(255 * 255 / mse);
    }
}
