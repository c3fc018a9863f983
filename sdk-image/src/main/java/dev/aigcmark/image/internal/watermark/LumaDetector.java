package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Detects our mark in an 8-bit luma plane. Area-average the plane to a working resolution and whiten it
 * ({@link WorkingPlane}); find the tile lattice from the autocorrelation peaks ({@link Lattice}: rotation,
 * scale, aspect and shear in one step); fold the plane through the lattice's affine map onto one tile and
 * correlate with the keyed sync template under the square's eight symmetries (translation, crop offset,
 * mirror, quarter turns; {@link Analysis}); read soft bits, Viterbi-decode, check CRC, version, issuer and
 * keyed tag. Stateless and thread-safe.
 * <p>
 * Hypotheses, in order: the nominal lattice (the period the embedder draws for this size, upright), upright
 * lattices at the periods of the autocorrelation's upright profile (crops that were not rescaled back), then
 * the lattice search. Each but the nominal one is screened by a coarse sync of the key first, so an unmarked
 * image pays for one full sync and a screen per hypothesis rather than ten full syncs.
 * <p>
 * False-positive bound: a wrong decision needs, for one decoded hypothesis (a lattice candidate at its best
 * sync), a word that passes CRC-16 and matches the 4-bit version, the 16-bit
 * issuer and the 12-bit keyed tag: 2^-48 ≈ 3.6e-15. At most {@value #MAX_HYPOTHESES} hypotheses are decoded
 * per key, so ≤ {@value #MAX_HYPOTHESES} × 2^-48 ≈ 3.6e-14 per image and key, before the sync threshold
 * lowers it further.
 */
public final class LumaDetector {
    /** Sync PNR a candidate needs before its payload is decoded. Unmarked content scores about 3.5–5. */
    public static final double PNR_THRESHOLD = 5.0;
    /**
     * Lattice candidates tried: the nominal one and the autocorrelation's best. On busy textures the true
     * lattice is often not the autocorrelation's first choice but is among its first few, and the sync
     * correlation (a matched filter, far more sensitive than the blind autocorrelation) tells it apart.
     */
    static final int LATTICES = 10;
    /** Upright lattices proposed beside them, at the periods of the autocorrelation's upright profile (crops). */
    static final int UPRIGHT = 4;
    /**
     * Lattices of the search ({@link Lattice#candidates}: pairs of autocorrelation peaks and square lattices, ranked
     * among {@value #LATTICES}) that are screened, after the nominal and upright ones: the first of the search's
     * ranking, so the hypotheses are a prefix of what the nine before session 19 gave (the same bases in the same
     * order), and a payload this detector finds is one the nine-hypothesis detector found too (its false positives
     * are a subset of that detector's). Marks are read early: in the whole robustness table (350 cells, session 19)
     * the deepest hypothesis that decoded was the 7th of up to 14 (rotations by ±2° and ±5°), and in 75 strong marks
     * turned, rescaled, cropped and mirrored (session 18) the 9th; each of the five searched lattices cut
     * saved an unmarked picture a coarse screen (≈ 0.55 ms at 1080p) and, when its screen passed by chance, a full
     * sync and the rescue of a wrong lattice (docs/watermark-robustness.md, "Session 19").
     */
    static final int SEARCHED = 4;
    /**
     * Coarse sync PNR ({@link Analysis#coarsePnr}) below which a hypothesis other than the nominal one is not
     * synced in full. With the coarse spectrum flattened by the −¾ power ({@link Analysis#COARSE_FLATTENING},
     * session 11), 60 unmarked images made as the false-positive run makes them (776 hypotheses after the nominal
     * one) scored at most 5.36 and 21 of them passed (at −½, as the full sync: 5.43, 26), while 29 of the 30 true
     * non-nominal hypotheses that decode in WatermarkRobustnessTest passed (28 at −½). At −½ the busy photos of
     * the robustness table (adobe-I and the library crop, all 70 attacks) scored 3.4–4.9 on wrong lattices and
     * ≥ 5.7 on every true one that decoded; at −¾ their 58 geometric cells decode with the same bit rates. Most
     * hypotheses of an unmarked image stop here. The gate is a cost screen: the false-positive bound counts
     * decoded hypotheses ({@value #MAX_HYPOTHESES} per key), whatever passes it.
     */
    static final double COARSE_GATE = 4.7;
    /**
     * Affine corrections of a lattice whose sync is clear but whose payload failed ({@link Analysis#refined}),
     * each followed by a decode that counts against {@link #MAX_HYPOTHESES}. One step on a busy photo can land
     * a fraction of the error past the truth (aspect 0.9 of the 12 MP library: 91.2 → 92.6 → 92.4 working samples
     * for 92.1), the next takes most of that back.
     */
    static final int REFINE_STEPS = 3;
    /**
     * Sync PNR from which a hypothesis whose payload failed gets the whole {@link #rescue}: {@value #REFINE_STEPS}
     * refinement steps, then {@link #sharpen}. Between {@link #PNR_THRESHOLD} and this it gets one refinement step.
     * Every marked hypothesis measured that decoded only after refinement decoded at the first step: in the
     * robustness table (167 of its 350 cells traced: x264 CRF 35 of both adobe photos, adobe-I's contrast 1.4; syncs
     * 5.81–7.75), WatermarkRobustnessTest (the texture halved, 5.52), LatticeRefinementTest's lattice 2 % off (5.84)
     * and most weak syncs of {@code RescuePathTest}'s lattices a little off (those further off: {@link #FAR_STEP}). A wrong
     * lattice that clears the sync bar on an unmarked picture is mostly weak (600 images of the false-positive run ×
     * 2 keys: 58 cleared it, 53 below 5.5) and its refinement fits the noise: the refined sync wanders around the bar
     * (adobe-I at 1080p, 5.17: 6.33, 5.88, 6.22), so the whole rescue (three refinements with their decodes, the
     * hill-climb's syncs: ~25 ms of that picture's 67) was spent where nothing was to be found. Every decode still
     * counts against {@link #MAX_HYPOTHESES}, so the false-positive bound is unchanged.
     */
    static final double RESCUE_PNR = 5.5;
    /**
     * A weak sync whose first refinement step moved its lattice by this much or more (relative to the lattice,
     * {@link Lattice.Basis#relativeDistance}) gets the rest of the {@value #REFINE_STEPS} steps (session 14): a
     * lattice that far off is corrected only in part by one step, and the next finds most of what is left.
     * {@code RescuePathTest}'s weak marked lattices 1.2–2.6 % off, seeds 1–19 ({@code RescueTrace}): the 14 of 214
     * that one step lost and the whole rescue decoded had moved 1.03–3.3 % in their first step (1.3–2.0 % in the
     * second) and decode at the second or third; with this rule 196 of 214 decode, as with the whole rescue. The
     * noise fits of an unmarked picture move less: adobe-I at 1080p 0.47 % (its detection cost unchanged); in 1,000
     * images of the false-positive run × 2 keys, 16 weak wrong lattices kept the sync ≥ {@link #PNR_THRESHOLD}
     * after the first step, which had moved them 0.21–1.25 %, 4 of them ≥ 0.8 %. The first step's sync does not
     * separate them (adobe-I's noise fit 6.33, a marked lattice that decodes at its second step 5.49).
     */
    static final double FAR_STEP = 0.008;
    /** Period steps of {@link #sharpen}: 0.25 % each, at most four either way. */
    private static final double SHARPEN_STEP = 0.0025;
    private static final int SHARPEN_STEPS = 4;
    /**
     * Upper bound on hypotheses decoded per key, used in the false-positive bound: up to ten lattices are screened
     * (one or two nominal, {@value #UPRIGHT} upright, {@value #SEARCHED} searched; fourteen before session 19), and
     * at most ten decodes are made, each refined step and the re-decode of a sharpened period counted as one.
     */
    public static final int MAX_HYPOTHESES = LATTICES;
    private static final int MIN_SIDE = 64;

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
        return detect(luma, width, height, stride, keys, List.of());
    }

    /**
     * {@link #detect(byte[], int, int, int, Collection)}, trying the {@code expected} keys (those a label in the file's
     * metadata names) first at the identity geometry: the nominal period, upright, not refined, which is where an
     * unaltered marked file's mark is. That costs one fold and a sync per expected key instead of the
     * autocorrelation and lattice search. When it decodes, the payload passed every check of any other hypothesis
     * (sync threshold, CRC, version, issuer, keyed tag) and counts as one of the key's {@link #MAX_HYPOTHESES}
     * decoded hypotheses, so the false-positive bound is unchanged; when it does not, detection goes on exactly as
     * without it (that attempt is not reported as the best miss).
     */
    public static Detection detect(byte[] luma, int width, int height, int stride, Collection<WatermarkKey> keys,
                                   Collection<WatermarkKey> expected) {
        PreparedWatermark.checkPlane(luma, width, height, stride);
        return detect(() -> WorkingPlane.of(luma, width, height, stride, WorkingPlane.SHORT_SIDE), width, height, keys,
                expected);
    }

    /** Detection on the working plane of a {@code width × height} image, made only if the image is large enough. */
    static Detection detect(Supplier<WorkingPlane> workingPlane, int width, int height, Collection<WatermarkKey> keys,
                            Collection<WatermarkKey> expected) {
        return detect(workingPlane, width, height, keys, expected, true);
    }

    /**
     * {@link #detect(Supplier, int, int, Collection, Collection)}; without {@code missSoftBits} a miss comes without
     * the soft bits of its best sync ({@link Detection#none}): only video adds them across frames, and a still
     * picture's verification, which reports found marks only, saves their transforms (session 18: about 2–3 % of an
     * unmarked 1080p detection). Every decision and every found detection is the same.
     */
    static Detection detect(Supplier<WorkingPlane> workingPlane, int width, int height, Collection<WatermarkKey> keys,
                            Collection<WatermarkKey> expected, boolean missSoftBits) {
        if (keys.isEmpty() || width < MIN_SIDE || height < MIN_SIDE) {
            return Detection.none(0, null);
        }
        List<WatermarkKey> keyList = List.copyOf(keys);
        List<WatermarkPattern> patterns = new ArrayList<>();
        for (WatermarkKey k : keyList) {
            patterns.add(WatermarkPattern.of(k));
        }
        WorkingPlane plane = workingPlane.get();
        FileBudget budget = FileBudget.current();
        Analysis bestAnalysis = null;
        Analysis.Sync best = null;
        int bestKey = -1;
        int[] decoded = new int[keyList.size()];
        double identity = TileGeometry.period(width, height) / plane.factor;
        Analysis atIdentity = identity >= Lattice.MIN_LAG ? new Analysis(plane, new Lattice.Basis(identity, 0, 0, identity, 0)) : null;
        for (WatermarkKey k : expected) {
            int i = keyList.indexOf(k);
            if (atIdentity != null && i >= 0 && decoded[i] == 0) {
                Analysis.Sync s = atIdentity.sync(patterns.get(i));
                if (s.pnr() >= PNR_THRESHOLD) {
                    decoded[i]++;
                    Optional<Detection> found = atIdentity.decode(s, patterns.get(i), k);
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        }
        boolean first = true; // the nominal lattice, when the plane's size has one (Lattice.candidates puts it first)
        for (Iterator<Lattice.Basis> it = Lattice.candidates(plane, LATTICES, UPRIGHT, SEARCHED,
                TileGeometry.nominalPeriods(width, height));
                it.hasNext(); first = false) {
            budget.checkpointUnchecked(); // each lattice hypothesis costs a fold...
            Analysis analysis = new Analysis(plane, it.next());
            for (int i = 0; i < keyList.size(); i++) {
                budget.checkpointUnchecked(); // ...and a sync pass per key: a registry of thousands of keys is long work
                // the first hypothesis always gets the full sync (its soft bits are what video adds over frames);
                // any other is screened by the coarse sync first, which is how an unmarked image stops early
                if (!first && analysis.coarsePnr(patterns.get(i)) < COARSE_GATE) {
                    continue;
                }
                Analysis.Sync s = analysis.sync(patterns.get(i));
                if (s.pnr() >= PNR_THRESHOLD && decoded[i]++ < MAX_HYPOTHESES) {
                    Optional<Detection> found = analysis.decode(s, patterns.get(i), keyList.get(i));
                    if (found.isEmpty()) {
                        found = rescue(analysis, s, patterns.get(i), keyList.get(i), decoded, i);
                    }
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
                if (best == null || s.pnr() > best.pnr()) {
                    bestAnalysis = analysis;
                    best = s;
                    bestKey = i;
                }
            }
        }
        if (best == null) {
            return Detection.none(0, null);
        }
        return missSoftBits ? bestAnalysis.miss(best, patterns.get(bestKey)) : Detection.none(best.pnr(), null);
    }

    /**
     * A hypothesis whose sync cleared {@link #PNR_THRESHOLD} but whose payload failed: the lattice may be slightly
     * off. First correct it from how the sync peak drifts across the plane ({@link Analysis#refined}), then (if that
     * fails too) hill-climb its scale ({@link #sharpen}). A sync below {@link #RESCUE_PNR} gets one refinement step
     * (all {@value #REFINE_STEPS} when that step moved the lattice by {@link #FAR_STEP} or more) and no hill-climb.
     * Each decode counts in {@code decoded[k]} against {@link #MAX_HYPOTHESES}.
     */
    static Optional<Detection> rescue(Analysis analysis, Analysis.Sync s, WatermarkPattern pattern, WatermarkKey key,
                                      int[] decoded, int k) {
        return rescue(analysis, s, pattern, key, decoded, k, s.pnr() >= RESCUE_PNR);
    }

    /** {@link #rescue} as a clear sync ({@code clear}: the whole rescue) or a weak one gets it (tests compare them). */
    static Optional<Detection> rescue(Analysis analysis, Analysis.Sync s, WatermarkPattern pattern, WatermarkKey key,
                                      int[] decoded, int k, boolean clear) {
        Analysis refined = analysis;
        Analysis.Sync rs = s;
        int steps = clear ? REFINE_STEPS : 1;
        for (int step = 0; step < steps; step++) {
            Analysis next = refined.refined(rs, pattern);
            if (next == null) {
                break;
            }
            if (step == 0 && next.basis().relativeDistance(refined.basis()) >= FAR_STEP) {
                steps = REFINE_STEPS; // a lattice this far off: the first step may land short of it
            }
            refined = next;
            rs = refined.sync(pattern);
            if (rs.pnr() < PNR_THRESHOLD || decoded[k]++ >= MAX_HYPOTHESES) {
                break;
            }
            Optional<Detection> again = refined.decode(rs, pattern, key);
            if (again.isPresent()) {
                return again;
            }
        }
        if (clear) {
            Analysis sharper = sharpen(analysis, s, pattern);
            if (sharper != analysis && decoded[k]++ < MAX_HYPOTHESES) {
                return sharper.decode(sharper.sync(pattern), pattern, key);
            }
        }
        return Optional.empty();
    }

    /**
     * The hypothesis at the period, within ±1 %, where the key's sync peaks. A lattice found from the
     * autocorrelation's peaks or profile can be a fraction of a percent off; over the 3–4 periods a crop keeps,
     * the fold then smears the chips at the plane's ends and the sync stays clear while the payload does not
     * decode (measured: a library crop to 40 % found at 163.0 working samples for 161.9 read 81 % of the coded
     * bits). Hill-climbs the sync PNR in steps of 0.25 %; runs only where the sync reached the threshold and the
     * payload failed, so unmarked images almost never pay for it.
     */
    static Analysis sharpen(Analysis analysis, Analysis.Sync sync, WatermarkPattern pattern) {
        Analysis best = analysis;
        double bestPnr = sync.pnr();
        double scale = 1;
        for (double direction : new double[] {1, -1}) {
            for (int step = 0; step < SHARPEN_STEPS; step++) {
                Analysis next = analysis.scaled(scale * (1 + direction * SHARPEN_STEP));
                double pnr = next.sync(pattern).pnr();
                if (pnr <= bestPnr) {
                    break;
                }
                best = next;
                bestPnr = pnr;
                scale *= 1 + direction * SHARPEN_STEP;
            }
            if (best != analysis) {
                break; // it climbed this way: the other way is downhill
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
}
