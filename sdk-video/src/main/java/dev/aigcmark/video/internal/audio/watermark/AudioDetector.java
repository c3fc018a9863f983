package dev.aigcmark.video.internal.audio.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.ListViterbi;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BANDS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BAND_START;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCK;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.BLOCKS_PER_PAIR;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIR;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.PAIRS;
import static dev.aigcmark.video.internal.audio.watermark.AudioMarkLayout.RATE;

/**
 * Finds and decodes our audio mark in any excerpt, after any gain, resampling or lossy coding. The audio is brought
 * to {@value AudioMarkLayout#RATE} Hz and cut into Hann-windowed blocks at 8 sub-block offsets; for
 * every way the blocks can group into pairs, each cell's log-energy difference between its A and B blocks, with the
 * host's local trend and the part the pair's other bands predict ({@link CrossBandHost}) taken away, is divided by
 * the band's local spread, clipped (so a transient cannot dominate),
 * weighted by the strength the embedder gave that cell (recomputed from what is heard: silent and empty cells weigh
 * nothing) and folded over the period; each alignment's folds then pool those of the alignments up to 3 sub-blocks
 * away ({@link SubBlockOffsets}, session 19). The keyed sync pattern then ranks the alignments; every one is
 * Viterbi-decoded (the best list-decoded), and a payload counts only if its CRC-16, version, issuer id and keyed
 * tag all check.
 *
 * <p><b>False positives.</b> For each key the detector decodes every alignment (8 sub-block offsets × 8 block phases
 * × 64 period shifts = 4096), in the order of their sync correlation: a short excerpt's sync cells are too few to
 * rank the true alignment first reliably (session 5), and a Viterbi decode costs microseconds. The best
 * {@value #LIST_ALIGNMENTS} alignments are list-decoded ({@value #LIST_PATHS} code paths each), the rest by their best
 * path; then (session 9) the same 64 once more by their best path with each band weighted by its own sync evidence
 * ({@link #bandWeights}), and (session 11) once more with each cell weighed by its share of energy over the band's
 * noise floor ({@link #floorReading}): 64 × 1024 + 4032 + 64 + 64 = 69 696 payloads; then (session 18) the first
 * reading's lists again, on cells whose host is predicted from the near and the far bands apart ({@link
 * CrossBandHost.Predictor#NEAR_AND_FAR}): 64 × 1024 = 65 536 more, 135 232 payloads tried per key and file. On audio
 * without this issuer's mark each is a random 80-bit word: the CRC-16 passes with probability 2^-16, then the version
 * (4 bits), issuer id (16) and keyed tag (12) must all match: 2^-48 ≈ 3.6e-15 per payload tried, so at most 4.8e-10
 * per key and file (135 232 × 2^-48 = 4.80e-10; 2.48e-10 before session 18's fourth reading, 1.5e-11 with the best
 * path alone before session 7). Session 8 made the list search cheap (ListViterbi's deviation search: the same paths
 * in the same order, so the same bound); an unmarked file still pays every alignment and every list, and the fourth
 * reading's folds and lists.
 */
public final class AudioDetector {
    static final int OFFSETS = 8;
    static final int CANDIDATES = OFFSETS * AudioMarkLayout.BLOCKS_PER_PAIR * AudioMarkLayout.PAIRS;
    /**
     * The alignments with the best sync correlation are list-decoded ({@value #LIST_PATHS} most likely code paths
     * each, {@link ListViterbi}); the others by their best path alone. Measured through the CLI on three payloads
     * (docs/audio-watermark.md): speech 23 → 27 and music 23 → 28 of 30 attacks read; 64 × 1024 read one more
     * excerpt than 128 × 256, and the sync ranks a whole file's true alignment near the top.
     */
    static final int LIST_ALIGNMENTS = 64;
    static final int LIST_PATHS = 1024;
    /** Normalised differences are clipped here: a cell is one vote, whatever the host did in it. */
    private static final double CLIP = 1.5;
    /** Pairs either side over which a band's median pair difference (the host's trend) is estimated. */
    private static final int TREND = 4;
    /** Pairs either side over which a band's spread (the host's own pair-to-pair change) is estimated. */
    private static final int SPREAD = 8;
    /** The least spread assumed (nepers), so a perfectly steady tone does not make its cells infinitely sure. */
    private static final double MIN_SPREAD = 0.02;
    /** Energy floor (about -100 dBFS per band) so digital silence reads as "no information", not as -infinity. */
    private static final double FLOOR = 1e-9;

    /**
     * How each block's log-energy counts in its cell: +A, -B, the two end blocks at half weight. The taper is what
     * cancels the host: a syllable's rise or fall over the pair biases A against B by a whole block's change with
     * equal weights, by almost nothing with the ends halved (measured on espeak-ng speech: the host's pair-to-pair
     * spread falls by a quarter).
     */
    private static final double[] TAPER = taper();

    private static double[] taper() {
        double[] t = new double[BLOCKS_PER_PAIR];
        for (int j = 0; j < t.length; j++) {
            double w = j == 0 || j == t.length - 1 ? 0.5 : 1;
            t[j] = (j % 2 == 0 ? w : -w) / (BLOCKS_PER_PAIR / 2 - 0.5);
        }
        return t;
    }

    /** Up to how many seconds of audio are analysed (from the start). */
    public static final double MAX_SECONDS = 120;

    public Optional<AudioDetection> detect(float[] mono, int sampleRate, Collection<WatermarkKey> keys) {
        return detect(Heard.of(mono, sampleRate), keys);
    }

    /**
     * What the detector hears, computed once for every key and question: the first {@value #MAX_SECONDS} s at
     * {@value AudioMarkLayout#RATE} Hz and its cells folded over the period for each of the 8 × 8 offsets and phases
     * (null where there is no whole pair), each with its neighbouring sub-block offsets' pooled in (session 19,
     * {@link SubBlockOffsets}).
     */
    static final class Heard {
        final float[] x;
        final double[][][][] folds;
        final double seconds;
        /** The known-payload test's rankings of the alignments, one per key and shared cells' signs ({@link #best}). */
        private final List<Ranking> rankings = new ArrayList<>();
        /** The folds with the host predicted from the near and the far bands apart (the fourth reading), once asked. */
        private double[][][][] nearAndFar;

        private Heard(float[] x, double[][][][] folds) {
            this.x = x;
            this.folds = folds;
            this.seconds = x.length / (double) RATE;
        }

        static Heard of(float[] mono, int sampleRate) {
            long limit = (long) (MAX_SECONDS * sampleRate);
            float[] in = mono.length > limit ? Arrays.copyOf(mono, (int) limit) : mono;
            float[] x = Resampler.resample(in, sampleRate, RATE, Resampler.length(in.length, sampleRate, RATE));
            return new Heard(x, SubBlockOffsets.pooled(folds(x, CrossBandHost.Predictor.OTHERS)));
        }

        /**
     * The folds with the host predicted from the near and the far bands apart (neighbouring offsets pooled, as for
     * {@link #folds}), computed the first time asked.
     */
        synchronized double[][][][] nearAndFar() {
            if (nearAndFar == null) {
                nearAndFar = SubBlockOffsets.pooled(folds(x, CrossBandHost.Predictor.NEAR_AND_FAR));
            }
            return nearAndFar;
        }

        private static double[][][][] folds(float[] x, CrossBandHost.Predictor predictor) {
            double[][][][] folds = new double[OFFSETS][BLOCKS_PER_PAIR][][];
            for (int o = 0; o < OFFSETS; o++) {
                BlockSpectra blocks = BlockSpectra.of(x, o * BLOCK / OFFSETS);
                for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                    folds[o][phase] = fold(blocks, phase, null, predictor);
                }
            }
            return folds;
        }

        /**
         * The {@value AudioDetector#CONFIRM_ALIGNMENTS} alignments the shared cells rank best for these cell signs ({@code
         * expected}: only its shared cells count), best first. The ranking depends only on which cells are shared
         * and their signs, the same for every payload of one key, so it is computed once per key and kept: a file
         * may ask up to 4 payloads of one key (it was computed again for each).
         */
        synchronized List<Candidate> best(AudioMarkLayout layout, int[] expected) {
            int[] shared = new int[expected.length];
            for (int cell = 0; cell < shared.length; cell++) {
                shared[cell] = layout.bit[cell] >= SHARED_SYMBOLS ? 0 : expected[cell];
            }
            for (Ranking r : rankings) {
                if (Arrays.equals(r.bit(), layout.bit) && Arrays.equals(r.shared(), shared)) {
                    return r.best();
                }
            }
            List<Candidate> ranked = new ArrayList<>();
            for (int o = 0; o < OFFSETS; o++) {
                for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                    double[][] folded = folds[o][phase];
                    for (int r = 0; folded != null && r < PAIRS; r++) {
                        ranked.add(new Candidate(o, phase, r, correlation(layout, shared, folded, r, false), folded));
                    }
                }
            }
            ranked.sort(Comparator.comparingDouble(Candidate::z).reversed());
            List<Candidate> best = List.copyOf(ranked.subList(0, Math.min(CONFIRM_ALIGNMENTS, ranked.size())));
            rankings.add(new Ranking(layout.bit, shared, best));
            return best;
        }

        /** How many rankings {@link #best} has computed (for tests). */
        synchronized int rankingsComputed() {
            return rankings.size();
        }

        private record Ranking(int[] bit, int[] shared, List<Candidate> best) {
        }
    }

    Optional<AudioDetection> detect(Heard heard, Collection<WatermarkKey> keys) {
        float[] x = heard.x;
        double seconds = heard.seconds;
        for (WatermarkKey key : keys) {
            AudioMarkLayout layout = AudioMarkLayout.of(key);
            List<Candidate> candidates = ranked(layout, heard.folds);
            Optional<AudioDetection> first = search(layout, key, candidates, CANDIDATES, seconds);
            if (first.isPresent()) {
                return first;
            }
            // a second reading of the best-sync alignments, each band weighted by its own sync evidence: noise that
            // filled bands the embedder left empty (a chord's gaps) votes at random with full weight otherwise
            for (int i = 0; i < Math.min(LIST_ALIGNMENTS, candidates.size()); i++) {
                Candidate c = candidates.get(i);
                float[] soft = soft(layout, c.folded, c.shift, bandWeights(layout, c.folded, c.shift));
                Optional<WatermarkPayload> p = ListViterbi.decode(soft, 1, b -> WatermarkPayload.parse(b, key).isPresent())
                        .flatMap(b -> WatermarkPayload.parse(b, key));
                if (p.isPresent()) {
                    return Optional.of(found(p.get(), c, soft, seconds));
                }
            }
            Optional<AudioDetection> third = floorReading(x, layout, candidates, key, seconds);
            if (third.isPresent()) {
                return third;
            }
            // a fourth reading (session 18): the first one's lists again, on cells whose host is predicted from the
            // near and the far bands apart, whose noise differs from the first predictor's where the evidence is near
            // the threshold (its reads came at sync ranks 0-46 and needed lists of up to 1024 paths; the other 4032
            // alignments' best paths read nothing more and cost a third of an unmarked file's search)
            Optional<AudioDetection> fourth = search(layout, key, ranked(layout, heard.nearAndFar()), LIST_ALIGNMENTS,
                    seconds);
            if (fourth.isPresent()) {
                return fourth;
            }
        }
        return Optional.empty();
    }

    /** Every alignment of these folds, best sync correlation first. */
    private static List<Candidate> ranked(AudioMarkLayout layout, double[][][][] folds) {
        List<Candidate> candidates = new ArrayList<>();
        for (int o = 0; o < OFFSETS; o++) {
            for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                double[][] folded = folds[o][phase];
                for (int r = 0; folded != null && r < PAIRS; r++) {
                    candidates.add(new Candidate(o, phase, r, syncZ(layout, folded, r), folded));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::z).reversed());
        return candidates;
    }

    /**
     * The first {@code alignments} of {@code candidates} decoded in order: the best {@value #LIST_ALIGNMENTS} by the
     * list decoder ({@value #LIST_PATHS} paths), the others by their best path; the first payload that checks.
     */
    private static Optional<AudioDetection> search(AudioMarkLayout layout, WatermarkKey key, List<Candidate> candidates,
                                                   int alignments, double seconds) {
        for (int i = 0; i < Math.min(alignments, candidates.size()); i++) {
            Candidate c = candidates.get(i);
            float[] soft = soft(layout, c.folded, c.shift);
            Optional<WatermarkPayload> p = ListViterbi.decode(soft, i < LIST_ALIGNMENTS ? LIST_PATHS : 1,
                    b -> WatermarkPayload.parse(b, key).isPresent()).flatMap(b -> WatermarkPayload.parse(b, key));
            if (p.isPresent()) {
                return Optional.of(found(p.get(), c, soft, seconds));
            }
        }
        return Optional.empty();
    }

    /** The band's noise floor: the energy of its block at this quantile of the file's blocks. */
    static final double FLOOR_QUANTILE = 0.1;
    /** A cell's vote is scaled by {@code max(0, 1 - FLOOR_MARGIN · floor / its mean block energy)}. */
    static final double FLOOR_MARGIN = 1.5;

    /**
     * A third reading (session 11) where noise fills the host's quiet cells: background noise at 20 dB SNR turns a
     * speech pause or a weak band into noise the embedder never marked, which the strengths recomputed from what is
     * heard weigh like marked cells (weak cells get the most strength). Each band's noise floor is the energy of its
     * block at the {@value #FLOOR_QUANTILE} quantile of the file; each cell's weight is scaled by {@code max(0, 1 -
     * 1.5 · floor / E)}, {@code E} the mean energy of its blocks in that band (a cell at the floor holds only noise),
     * and the {@value #LIST_ALIGNMENTS} best-sync alignments are decoded once more (best path). Runs only when nothing
     * read and the file has no digital silence (a band whose floor is under a thousandth of its median is silent at
     * times: nothing fills it); earlier reads are unchanged. Measured (session 11, benchmarks/audio-robustness.sh's
     * files): speech with white noise at 20 dB, p1 and p3, and music with pink noise at 20 dB, p1, read (all three
     * missed before); no payload on any of the 50 unmarked files.
     */
    private static Optional<AudioDetection> floorReading(float[] x, AudioMarkLayout layout, List<Candidate> candidates,
                                                         WatermarkKey key, double seconds) {
        double[] floor = noiseFloor(BlockSpectra.of(x, 0));
        if (floor == null) {
            return Optional.empty();
        }
        Map<Integer, double[][]> folds = new HashMap<>();
        Map<Integer, BlockSpectra> spectra = new HashMap<>();
        for (int i = 0; i < Math.min(LIST_ALIGNMENTS, candidates.size()); i++) {
            Candidate c = candidates.get(i);
            double[][] folded = folds.computeIfAbsent(c.offset * BLOCKS_PER_PAIR + c.phase, k -> fold(
                    spectra.computeIfAbsent(c.offset, o -> BlockSpectra.of(x, o * BLOCK / OFFSETS)), c.phase, floor));
            if (folded == null) {
                continue;
            }
            float[] soft = soft(layout, folded, c.shift);
            Optional<WatermarkPayload> p = ListViterbi.decode(soft, 1, b -> WatermarkPayload.parse(b, key).isPresent())
                    .flatMap(b -> WatermarkPayload.parse(b, key));
            if (p.isPresent()) {
                return Optional.of(found(p.get(), c, soft, seconds));
            }
        }
        return Optional.empty();
    }

    /**
     * Per band, the energy of the block at the {@value #FLOOR_QUANTILE} quantile; null when there are too few blocks
     * or every band is silent at times (its floor under a thousandth of its median).
     */
    static double[] noiseFloor(BlockSpectra blocks) {
        int n = blocks.blocks();
        if (n < 16) {
            return null;
        }
        double[] floor = new double[BANDS];
        double[] e = new double[n];
        boolean noisy = false;
        for (int b = 0; b < BANDS; b++) {
            for (int j = 0; j < n; j++) {
                e[j] = blocks.band()[j][b];
            }
            Arrays.sort(e);
            floor[b] = e[(int) (FLOOR_QUANTILE * n)];
            noisy |= floor[b] > 1e-3 * e[n / 2];
        }
        return noisy ? floor : null;
    }

    private static AudioDetection found(WatermarkPayload p, Candidate c, float[] soft, double seconds) {
        double start = (c.offset * BLOCK / (double) OFFSETS + c.phase * BLOCK - c.shift * (double) PAIR) / RATE;
        double period = (double) PAIRS * PAIR / RATE;
        return new AudioDetection(p, c.z, ((start % period) + period) % period, seconds,
                PayloadCode.agreement(soft, p.toBytes()));
    }

    /**
     * Coded symbols 0 to {@value} are the same in every payload of one key and version: the first 20 information bits
     * are the version and the issuer id, and the code's register starts at zero. They (and the sync cells) say "a mark
     * of this issuer is here", not which payload, so a known-payload test must not count them as evidence for it.
     */
    static final int SHARED_SYMBOLS = 40;
    /** How many alignments a known-payload test looks at: the best by the shared cells' correlation. */
    public static final int CONFIRM_ALIGNMENTS = 64;
    /** The most a known-payload test may report on audio without that mark, per payload asked (and per track). */
    public static final double CONFIRM_FALSE_POSITIVES = 2.5e-10;
    /**
     * The known-payload test's threshold: {@code CONFIRM_ALIGNMENTS · exp(-t²/2) = CONFIRM_FALSE_POSITIVES}, so
     * t = √(2 ln(64 / 2.5e-10)) = 7.25 (Hoeffding's bound; see {@link #confirm}).
     */
    public static final double CONFIRM_Z = Math.sqrt(2 * Math.log(CONFIRM_ALIGNMENTS / CONFIRM_FALSE_POSITIVES));

    /**
     * A known-payload test (session 14): is {@code payload} (of {@code key}) in these samples? Not a detection: it
     * answers for this one payload, asked because the file's signed label names it, and proves nothing about any
     * other. Used when {@link #detect} read nothing.
     * <p>
     * <b>The test.</b> The cells are split in two: the <i>shared</i> cells (sync cells and those of coded symbols
     * 0 to {@value #SHARED_SYMBOLS}, which every payload of the key has alike) and the <i>specific</i> cells (the
     * other coded symbols, which depend on the serial, tag and CRC). Each of the 4,096 alignments is ranked by the
     * shared cells' normalised correlation {@code Σ e·v / √Σ v²} (e the cell's expected sign, v its folded value);
     * at each of the {@value #CONFIRM_ALIGNMENTS} best, the statistic is the same correlation over the specific
     * cells, {@code Z = Σ e·v / √Σ v²}; the payload is confirmed when the largest Z reaches {@link #CONFIRM_Z}.
     * <p>
     * <b>False positives.</b> On audio without this payload's mark the folded values v depend on the host alone and
     * the cells' keyed signs are independent ±1 (the model every bound of this detector uses), so at any one
     * alignment Z is a Rademacher sum normalised by its own magnitudes and Hoeffding's inequality gives
     * {@code P(Z ≥ t) ≤ exp(-t²/2)} whatever the host's values; the alignments are chosen by the shared cells, whose
     * signs are independent of the specific cells', so the union over the {@value #CONFIRM_ALIGNMENTS} gives
     * {@code 64 · exp(-t²/2) = 2.5e-10} per payload asked at t = 7.25. A mark of <i>another</i> payload of the same
     * key agrees with this one on the shared cells, which is why they only rank. Over the specific cells it agrees in
     * proportion to how close the two codewords are: the code's memory is short, so a serial one bit away keeps about
     * half of them (a mark of serial s scores 8.6-9.5 for s with one low bit flipped where s scores 17.5: over the
     * threshold). So the asked payload must also beat every payload one serial bit away ({@link #neighbourZ}), which
     * a mark of another serial, near or far, makes it lose or leaves it under the threshold.
     */
    public static Optional<AudioConfirmation> confirm(float[] mono, int sampleRate, WatermarkKey key,
                                                      WatermarkPayload payload) {
        return confirm(Heard.of(mono, sampleRate), key, payload);
    }

    /** A diagnostic: the known-payload test's statistic for each payload, whether or not it reaches the threshold. */
    public static double[] confirmationZ(float[] mono, int sampleRate, WatermarkKey key, List<WatermarkPayload> payloads) {
        Heard heard = Heard.of(mono, sampleRate);
        return payloads.stream().mapToDouble(p -> test(heard, key, p).z()).toArray();
    }

    /** A diagnostic: whether {@link #confirm} confirms each payload (one analysis of the samples for all). */
    public static boolean[] confirmations(float[] mono, int sampleRate, WatermarkKey key, List<WatermarkPayload> payloads) {
        Heard heard = Heard.of(mono, sampleRate);
        boolean[] out = new boolean[payloads.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = confirm(heard, key, payloads.get(i)).isPresent();
        }
        return out;
    }

    static Optional<AudioConfirmation> confirm(Heard heard, WatermarkKey key, WatermarkPayload payload) {
        return Optional.of(test(heard, key, payload, false)).filter(c -> c.z() >= CONFIRM_Z && c.z() > c.neighbourZ());
    }

    /** The cells' expected signs for {@code payload}: the keyed sign, times the coded symbol for a data cell. */
    private static int[] expectedSigns(AudioMarkLayout layout, WatermarkPayload payload) {
        int[] code = PayloadCode.encode(payload.toBytes());
        int[] expected = new int[AudioMarkLayout.CELLS];
        for (int cell = 0; cell < expected.length; cell++) {
            int bit = layout.bit[cell];
            expected[cell] = bit < 0 ? layout.sign[cell] : layout.sign[cell] * code[bit];
        }
        return expected;
    }

    /**
     * The largest specific-cell statistic, over {@code alignments}, of the payloads whose serial differs from
     * {@code payload}'s in one bit. The code's memory is short, so such a neighbour shares most of the specific
     * symbols: a mark of serial s scores about half its own strength for s with one bit flipped, enough to pass the
     * threshold where s is strong. A payload is confirmed only when it beats every neighbour: on audio that carries a
     * neighbour (or one a few bits away), some neighbour of the asked payload is closer to the carried one and
     * scores higher. This only removes confirmations, so the false-positive bound stands.
     */
    private static double neighbourZ(AudioMarkLayout layout, WatermarkKey key, WatermarkPayload payload,
                                     List<Candidate> alignments) {
        double most = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < 32; b++) {
            int[] expected = expectedSigns(layout, WatermarkPayload.of(payload.version(), key, payload.serial() ^ (1L << b)));
            for (Candidate c : alignments) {
                most = Math.max(most, correlation(layout, expected, c.folded, c.shift, true));
            }
        }
        return most;
    }

    /** The known-payload test's figures for {@code payload}, whether or not its statistic reaches the threshold. */
    static AudioConfirmation test(Heard heard, WatermarkKey key, WatermarkPayload payload) {
        return test(heard, key, payload, true);
    }

    /**
     * The same; with {@code allNeighbours} false the one-bit neighbours' statistic (32 × 64 correlations) is computed
     * only when the payload's own reaches {@link #CONFIRM_Z}, since under it the answer is no whatever they score:
     * the figure is then NaN (what {@link #confirm} asks, not reported).
     */
    static AudioConfirmation test(Heard heard, WatermarkKey key, WatermarkPayload payload, boolean allNeighbours) {
        AudioMarkLayout layout = AudioMarkLayout.of(key);
        int[] expected = expectedSigns(layout, payload);
        List<Candidate> ranked = heard.best(layout, expected);
        Candidate best = null;
        double bestZ = Double.NEGATIVE_INFINITY;
        for (Candidate c : ranked) {
            double z = correlation(layout, expected, c.folded, c.shift, true);
            if (z > bestZ) {
                bestZ = z;
                best = c;
            }
        }
        if (best == null) { // no whole pair
            return new AudioConfirmation(payload, 0, CONFIRM_Z, 0, CONFIRM_FALSE_POSITIVES, 0, 0, heard.seconds, 0, 0);
        }
        AudioDetection at = found(payload, best, soft(layout, best.folded, best.shift), heard.seconds);
        double neighbours = allNeighbours || bestZ >= CONFIRM_Z ? neighbourZ(layout, key, payload, ranked) : Double.NaN;
        return new AudioConfirmation(payload, bestZ, CONFIRM_Z, CONFIRM_ALIGNMENTS, CONFIRM_FALSE_POSITIVES, best.z,
                at.offsetSeconds(), heard.seconds, at.agreement(), neighbours);
    }

    /**
     * {@code Σ e·v / √Σ v²} over the specific cells (coded symbols from {@value #SHARED_SYMBOLS} on) or over the
     * shared ones (sync cells and the symbols before), when the excerpt's pair 0 is period position {@code shift}.
     */
    static double correlation(AudioMarkLayout layout, int[] expected, double[][] folded, int shift, boolean specific) {
        double dot = 0;
        double energy = 0;
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            if ((layout.bit[cell] >= SHARED_SYMBOLS) != specific) {
                continue;
            }
            double v = folded[Math.floorMod(cell / BANDS - shift, PAIRS)][cell % BANDS];
            dot += expected[cell] * v;
            energy += v * v;
        }
        return energy == 0 ? 0 : dot / Math.sqrt(energy);
    }

    /**
     * Per band, how much its sync cells agree with the sync pattern at this alignment: the band's normalised sync
     * correlation {@code Σ sign·v / √Σ v²} (about N(0, 1) where the band holds no mark), 0 when negative. Measured
     * (session 9, the eight-sine chord + white or pink noise at 20 dB, three payloads): 0 → 6 of 6 read; nothing on
     * the unmarked hosts.
     */
    static double[] bandWeights(AudioMarkLayout layout, double[][] folded, int shift) {
        double[] dot = new double[BANDS];
        double[] energy = new double[BANDS];
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            if (layout.bit[cell] >= 0) {
                continue;
            }
            int band = cell % BANDS;
            double v = folded[Math.floorMod(cell / BANDS - shift, PAIRS)][band];
            dot[band] += layout.sign[cell] * v;
            energy[band] += v * v;
        }
        double[] w = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            w[b] = energy[b] == 0 ? 0 : Math.max(0, dot[b] / Math.sqrt(energy[b]));
        }
        return w;
    }

    private record Candidate(int offset, int phase, int shift, double z, double[][] folded) {
    }

    /**
     * A diagnostic, not a detection: how much evidence for {@code payload8}'s codeword these samples hold. At the
     * alignment where the soft values correlate best with the codeword's ±1 symbols {@code c}, the products
     * {@code soft[i]·c[i]} have a mean μ and a spread σ over the N coded bits: returns {@code {√N·μ/σ, agreement}},
     * the matched-filter SNR as an amplitude (z² is the total SNR; near 0 where the codeword is absent) and the
     * coded-bit agreement there. A detector that must name one of 2^32 serials at one of 4,096 alignments within the
     * false-positive bound needs z of about 10 or more whatever its code (docs/audio-watermark.md, "Excerpt length").
     * The soft values are those of the first reading (since session 19 with the sub-block offsets pooled).
     */
    public static double[] codewordEvidence(float[] mono, int sampleRate, WatermarkKey key, byte[] payload8) {
        double[][][][] folds = Heard.of(mono, sampleRate).folds; // what the detector's first reading decodes
        AudioMarkLayout layout = AudioMarkLayout.of(key);
        byte[] payload = payload8.clone();
        int[] code = PayloadCode.encode(payload);
        double best = Double.NEGATIVE_INFINITY;
        float[] bestSoft = null;
        for (int o = 0; o < OFFSETS; o++) {
            for (int phase = 0; phase < BLOCKS_PER_PAIR; phase++) {
                double[][] folded = folds[o][phase];
                for (int r = 0; folded != null && r < PAIRS; r++) {
                    float[] soft = soft(layout, folded, r);
                    double dot = 0;
                    double energy = 0;
                    for (int i = 0; i < soft.length; i++) {
                        dot += soft[i] * code[i];
                        energy += (double) soft[i] * soft[i];
                    }
                    double z = energy == 0 ? 0 : dot / Math.sqrt(energy);
                    if (z > best) {
                        best = z;
                        bestSoft = soft;
                    }
                }
            }
        }
        if (bestSoft == null) {
            return new double[]{0, 0};
        }
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < code.length; i++) {
            double v = bestSoft[i] * code[i];
            sum += v;
            squares += v * v;
        }
        double mean = sum / code.length;
        double spread = Math.sqrt(Math.max(0, squares / code.length - mean * mean));
        double z = spread == 0 ? (mean > 0 ? Double.POSITIVE_INFINITY : 0) : Math.sqrt(code.length) * mean / spread;
        return new double[]{z, PayloadCode.agreement(bestSoft, payload)};
    }

    /**
     * The cells of the pairs that start at block {@code phase}: log-energy difference of A and B blocks, the host's
     * local trend (median over ±{@value #TREND} pairs) taken away, divided by the band's local spread (median
     * absolute value over ±{@value #SPREAD} pairs), clipped, weighted by the cell's strength, summed into the period's
     * {@value AudioMarkLayout#PAIRS} positions; null when there is no whole pair.
     */
    static double[][] fold(BlockSpectra blocks, int phase) {
        return fold(blocks, phase, null, CrossBandHost.Predictor.OTHERS);
    }

    /** The same with each cell's strength scaled by its share over the band's noise {@code floor} (null: none). */
    static double[][] fold(BlockSpectra blocks, int phase, double[] floor) {
        return fold(blocks, phase, floor, CrossBandHost.Predictor.OTHERS);
    }

    /** The same with the host across bands predicted by {@code predictor}. */
    static double[][] fold(BlockSpectra blocks, int phase, double[] floor, CrossBandHost.Predictor predictor) {
        float[][] strength = CellStrengths.of(blocks, phase, new double[0]);
        if (floor != null) {
            for (int m = 0; m < strength.length; m++) {
                for (int b = 0; b < BANDS; b++) {
                    double e = 0;
                    for (int j = phase + m * BLOCKS_PER_PAIR; j < phase + (m + 1) * BLOCKS_PER_PAIR; j++) {
                        e += blocks.band()[j][b];
                    }
                    e /= BLOCKS_PER_PAIR;
                    strength[m][b] *= (float) (e <= 0 ? 0 : Math.max(0, 1 - FLOOR_MARGIN * floor[b] / e));
                }
            }
        }
        int pairs = strength.length;
        if (pairs < 1) {
            return null;
        }
        double[][] d = detrended(blocks, phase, strength, predictor);
        double[][] folded = new double[PAIRS][BANDS];
        double[] column = new double[pairs];
        double[] weight = new double[pairs];
        double[] spread = new double[pairs];
        double[] window = new double[2 * SPREAD + 1];
        for (int b = 0; b < BANDS; b++) {
            for (int m = 0; m < pairs; m++) {
                column[m] = d[m][b];
                weight[m] = strength[m][b] / CellStrengths.MAX;
            }
            // the spread is local and robust: speech alternates steady vowels and fast transitions, and onsets make
            // a few huge differences that an RMS would let drown every other pair of the band
            localMedians(column, weight, SPREAD, true, window, spread);
            for (int m = 0; m < pairs; m++) {
                if (!Double.isNaN(column[m])) {
                    double scale = Math.max(MIN_SPREAD, 1.4826 * spread[m]);
                    folded[m % PAIRS][b] += weight[m] * Math.max(-CLIP, Math.min(CLIP, column[m] / scale));
                }
            }
        }
        return folded;
    }

    /**
     * Per pair (starting at block {@code phase}) and band: the cell's tapered A-B log-energy difference with the
     * band's local trend (median over ±{@value #TREND} pairs) taken away and then the part the pair's other bands
     * predict ({@link CrossBandHost}), in nepers; NaN where the cell has no strength: what each cell votes with, before
     * it is scaled by the band's spread. (Session 5 tried countering this
     * host value in the embedder, informed embedding: at half strength it cost 6 dB of segmental SNR for no gain.)
     */
    static double[][] detrended(BlockSpectra blocks, int phase, float[][] strength) {
        return detrended(blocks, phase, strength, CrossBandHost.Predictor.OTHERS);
    }

    /** The same with the host across bands predicted by {@code predictor}. */
    static double[][] detrended(BlockSpectra blocks, int phase, float[][] strength, CrossBandHost.Predictor predictor) {
        int pairs = strength.length;
        double[][] out = new double[pairs][BANDS];
        double[] raw = new double[pairs];
        double[] weight = new double[pairs];
        double[] trend = new double[pairs];
        double[] window = new double[2 * TREND + 1];
        for (int b = 0; b < BANDS; b++) {
            double width = BAND_START[b + 1] - BAND_START[b];
            for (int m = 0; m < pairs; m++) {
                int first = phase + m * BLOCKS_PER_PAIR;
                double r = 0;
                for (int j = 0; j < BLOCKS_PER_PAIR; j++) {
                    r += TAPER[j] * Math.log(blocks.band()[first + j][b] / width + FLOOR);
                }
                raw[m] = r;
                weight[m] = strength[m][b];
            }
            // a decay or swell biases every pair alike: take its local median away (a median, because a note's
            // onset is one huge difference that a mean would spread over its neighbours)
            localMedians(raw, weight, TREND, false, window, trend);
            for (int m = 0; m < pairs; m++) {
                out[m][b] = weight[m] == 0 ? Double.NaN : raw[m] - trend[m];
            }
        }
        // what the host does across the whole spectrum between A and B (an onset, a voice's loudness) is predicted
        // from the pair's other bands and taken away (session 17)
        CrossBandHost.cancel(out, predictor);
        return out;
    }

    /**
     * For every m, the median of {@code v} (or of |v|) over the weighted cells within {@code radius} of m (0 where
     * there are none) into {@code out}: one sorted window slid along (one value in, one out, each a short shift)
     * instead of a sort per cell, which was a sixth of a verify's CPU; the window is kept in {@link Double#compare}'s
     * order, the order {@link Arrays#sort(double[])} gave, so the medians are the same to the bit.
     */
    static void localMedians(double[] v, double[] weight, int radius, boolean abs, double[] window, double[] out) {
        int len = v.length;
        int n = 0;
        for (int i = 0; i < Math.min(len, radius); i++) { // the window of m = 0 less its last cell, added below
            n = counted(v, weight, i, abs) ? insert(window, n, value(v, i, abs)) : n;
        }
        for (int m = 0; m < len; m++) {
            int in = m + radius;
            int out0 = m - radius - 1;
            if (out0 >= 0 && counted(v, weight, out0, abs)) {
                n = remove(window, n, value(v, out0, abs));
            }
            if (in < len && counted(v, weight, in, abs)) {
                n = insert(window, n, value(v, in, abs));
            }
            out[m] = n == 0 ? 0 : n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
        }
    }

    private static boolean counted(double[] v, double[] weight, int i, boolean abs) {
        return weight[i] > 0 && !Double.isNaN(v[i]);
    }

    private static double value(double[] v, int i, boolean abs) {
        return abs ? Math.abs(v[i]) : v[i];
    }

    /** Inserts x into the sorted window[0, n); returns n + 1. */
    private static int insert(double[] window, int n, double x) {
        int at = n;
        while (at > 0 && Double.compare(window[at - 1], x) > 0) {
            window[at] = window[at - 1];
            at--;
        }
        window[at] = x;
        return n + 1;
    }

    /** Removes one x (present) from the sorted window[0, n); returns n - 1. */
    private static int remove(double[] window, int n, double x) {
        int at = 0;
        while (at < n - 1 && Double.compare(window[at], x) != 0) {
            at++;
        }
        System.arraycopy(window, at + 1, window, at, n - at - 1);
        return n - 1;
    }

    /** Normalised correlation of the sync cells when the excerpt's pair 0 is period position {@code shift}. */
    static double syncZ(AudioMarkLayout layout, double[][] folded, int shift) {
        double dot = 0;
        double energy = 0;
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            if (layout.bit[cell] >= 0) {
                continue;
            }
            double v = folded[Math.floorMod(cell / BANDS - shift, PAIRS)][cell % BANDS];
            dot += layout.sign[cell] * v;
            energy += v * v;
        }
        return energy == 0 ? 0 : dot / Math.sqrt(energy);
    }

    static float[] soft(AudioMarkLayout layout, double[][] folded, int shift) {
        return soft(layout, folded, shift, null);
    }

    /** The coded bits' soft values at this alignment, each band's cells scaled by {@code bandWeight} (null: 1). */
    static float[] soft(AudioMarkLayout layout, double[][] folded, int shift, double[] bandWeight) {
        float[] soft = new float[PayloadCode.CODED_BITS];
        for (int cell = 0; cell < AudioMarkLayout.CELLS; cell++) {
            int bit = layout.bit[cell];
            if (bit >= 0) {
                int band = cell % BANDS;
                double v = layout.sign[cell] * folded[Math.floorMod(cell / BANDS - shift, PAIRS)][band];
                soft[bit] += (float) (bandWeight == null ? v : bandWeight[band] * v);
            }
        }
        return soft;
    }
}
