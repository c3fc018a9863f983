package dev.aigcmark.image.watermark;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.watermark.PayloadCode;
import dev.aigcmark.core.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Detects our mark in an 8-bit luma plane: whiten (cross Laplacian, clipped), fold the plane onto one
 * 128×128 tile, find the tile's offset by FFT correlation with the keyed sync pattern (so translation and
 * cropping are free), read soft bits, Viterbi-decode, check CRC, version, issuer and keyed tag. If the plane
 * was resized, the tile period is estimated from the autocorrelation of the whitened plane and refined by
 * the sync peak. Stateless and thread-safe.
 * <p>
 * False-positive bound: a wrong decision needs, for one tried (key, scale, position) hypothesis, both a sync
 * peak with PNR ≥ {@value #PNR_THRESHOLD} and a decoded word that passes CRC-16, the 4-bit version, the
 * 16-bit issuer and the 12-bit keyed tag: 2^-48 ≈ 3.6e-15 for the decode alone. With at most
 * {@value #MAX_HYPOTHESES} hypotheses per key that is ≤ 2.6e-14 per image and key, before even counting the
 * sync threshold (≈ 16384·Q(5) ≈ 5e-3 for Gaussian noise).
 */
public final class LumaDetector {
    /** Sync PNR a candidate needs before its payload is decoded. Unmarked content scores about 3–5. */
    public static final double PNR_THRESHOLD = 5.0;
    /** Upper bound on (scale, position) hypotheses decoded per key, used in the false-positive bound. */
    public static final int MAX_HYPOTHESES = 7; // scale 1, then 2 decodes for each of 3 refined periods
    private static final int MIN_SIDE = 64;
    private static final int REFINED_PERIODS = 3;
    /**
     * Resize ratios that pipelines use all the time (4K→1080p, 1080p→720p, 1440p→1080p...): always probed
     * besides the autocorrelation's candidates, which periodic host content or JPEG block grids can hide.
     */
    private static final double[] STANDARD_RATIOS = {0.5, 0.5625, 2.0 / 3, 0.75, 0.8, 0.9, 1.25, 1.5, 2.0};
    /** A period candidate is refined only if its quick sync reaches this (noise maxima are about 3.5–4.7). */
    private static final double CANDIDATE_PNR = 4.8;

    private LumaDetector() {
    }

    public static Detection detect(byte[] luma, int width, int height, int stride, WatermarkKey key) {
        return detect(luma, width, height, stride, List.of(key));
    }

    /**
     * Tries every key (e.g. every platform's detection key in a trust registry) and returns the first mark
     * found; when none is found, the attempt with the strongest sync.
     */
    public static Detection detect(byte[] luma, int width, int height, int stride, Collection<WatermarkKey> keys) {
        PreparedWatermark.checkPlane(luma, width, height, stride);
        if (keys.isEmpty() || width < MIN_SIDE || height < MIN_SIDE) {
            return Detection.none(0, 0, 0, 1, null);
        }
        Analysis analysis = new Analysis(Whitening.whiten(luma, width, height, stride), width, height);
        List<WatermarkPattern> patterns = new ArrayList<>();
        for (WatermarkKey k : keys) {
            patterns.add(WatermarkPattern.of(k));
        }
        List<WatermarkKey> keyList = List.copyOf(keys);
        Detection best = null;
        // 1. the plane at its marked size (also cropped / shifted / re-encoded content)
        for (int i = 0; i < keyList.size(); i++) {
            Detection d = analysis.tryScale(1.0, patterns.get(i), keyList.get(i), true);
            if (d.found()) {
                return d;
            }
            best = better(best, d);
        }
        // 2. resized content: periods from the autocorrelation, ranked by a quick sync on a central crop,
        //    then refined around the best few and decoded on the whole plane
        List<Double> periods = new ArrayList<>(analysis.periodCandidates());
        FileBudget budget = FileBudget.current();
        for (double ratio : STANDARD_RATIOS) {
            periods.add(ratio * WatermarkPattern.TILE);
        }
        for (int i = 0; i < keyList.size(); i++) {
            WatermarkPattern pattern = patterns.get(i);
            List<double[]> ranked = new ArrayList<>();
            for (double period : periods) {
                budget.checkpointUnchecked(); // each period hypothesis costs a sync pass: a deadline checkpoint
                double coarse = period / WatermarkPattern.TILE;
                if (Math.abs(coarse - 1) >= 0.002) { // 1.0 was tried above
                    ranked.add(new double[] {period, analysis.quickPnr(coarse, pattern)});
                }
            }
            ranked.sort((a, b) -> Double.compare(b[1], a[1]));
            for (int c = 0; c < Math.min(REFINED_PERIODS, ranked.size()); c++) {
                if (ranked.get(c)[1] < CANDIDATE_PNR) {
                    break; // nothing there: saves the refinement on unmarked content
                }
                double period = ranked.get(c)[0];
                Detection d = analysis.refineAndDecode(period / WatermarkPattern.TILE, period, pattern, keyList.get(i));
                if (d.found()) {
                    return d;
                }
                best = better(best, d);
            }
        }
        return best;
    }

    /**
     * Upper bound on the probability that an unmarked plane is reported as marked when {@code keys} keys are
     * tried: hypotheses × 2^-48 per key (CRC-16, 4-bit version, 16-bit issuer and 12-bit tag must all match),
     * ignoring the sync threshold, which only lowers it further.
     */
    public static double falsePositiveBound(int keys) {
        return keys * MAX_HYPOTHESES * Math.pow(2, -48);
    }

    /** Decodes soft bits (e.g. accumulated over video frames) into a payload of {@code key}'s issuer. */
    public static Optional<WatermarkPayload> decode(float[] softBits, WatermarkKey key) {
        if (softBits.length != PayloadCode.CODED_BITS) {
            return Optional.empty();
        }
        return PayloadCode.decode(softBits).flatMap(b -> WatermarkPayload.parse(b, key));
    }

    private static Detection better(Detection a, Detection b) {
        return a == null || b.pnr() > a.pnr() ? b : a;
    }
}
