package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LumaDetector#SEARCHED}: the detector screens only the first lattices of the search's ranking, and they are
 * exactly the first of the nine it screened before session 19 (the same bases in the same order, after the same
 * nominal and upright ones). That is what makes the cut safe for false positives: every hypothesis this detector
 * decodes, with its decode count, is one the nine-hypothesis detector decoded in the same place, so it reports a
 * payload only where that detector reported the same one. If the cut re-ranked or re-refined the search's lattices,
 * or let a later one in, the prefix check fails; if the cut were gone, the count check fails.
 */
class SearchedHypothesesTest {
    /** What the search screened before the cut: {@link LumaDetector#LATTICES} less the nominal lattice. */
    private static final int ALL_SEARCHED = LumaDetector.LATTICES - 1;
    private static final WatermarkKey KEY = new WatermarkKey(0x0C19, "searched-prefix-test-key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theScreenedSearchIsAPrefixOfTheWholeRanking() {
        Random rnd = TestSeed.random("SearchedHypothesesTest.covers");
        int cut = 0;
        for (int i = 0; i < 6; i++) {
            int w = 640 + 64 * rnd.nextInt(12);
            int h = 480 + 48 * rnd.nextInt(8);
            BufferedImage cover = TestImages.generate(rnd.nextInt(1_000_000), w, h);
            BufferedImage picture = i % 2 == 0 ? cover
                    : LatticeSearchTest.turnAndCrop(ImageWatermarker.embed(cover, KEY,
                    WatermarkPayload.of(KEY, rnd.nextInt(1 << 20)).toBytes()), 2 + 3 * rnd.nextDouble());
            WorkingPlane plane = WorkingPlane.of(ImageWatermarker.luma(picture), picture.getWidth(), picture.getHeight(),
                    picture.getWidth(), WorkingPlane.SHORT_SIDE);
            double[] nominal = TileGeometry.nominalPeriods(picture.getWidth(), picture.getHeight());
            List<Lattice.Basis> screened = list(Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT,
                    LumaDetector.SEARCHED, nominal));
            List<Lattice.Basis> all = list(Lattice.candidates(plane, LumaDetector.LATTICES, LumaDetector.UPRIGHT,
                    ALL_SEARCHED, nominal));

            assertThat(screened).as("cover %d", i).isEqualTo(all.subList(0, screened.size()));
            assertThat(screened.size()).isLessThanOrEqualTo(nominal.length + LumaDetector.UPRIGHT + LumaDetector.SEARCHED);
            cut += all.size() - screened.size();
        }
        assertThat(cut).as("searched lattices no longer screened").isPositive()
                .isGreaterThanOrEqualTo(6 * (ALL_SEARCHED - LumaDetector.SEARCHED) / 2);
    }

    private static List<Lattice.Basis> list(Iterator<Lattice.Basis> it) {
        List<Lattice.Basis> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
