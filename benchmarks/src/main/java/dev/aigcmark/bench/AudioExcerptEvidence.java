package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long an excerpt of a marked file must be for the audio mark to be read, and why: the hosts of
 * {@code benchmarks/audio-robustness.sh} (its work directory's {@code white.wav}, {@code pink.wav},
 * {@code speech.wav}, {@code chord.wav}, {@code music.wav}: 30 s mono 44.1 kHz), each marked in-process with three
 * payloads (one fixed key), quantised to 16 bits, then cut at 7.3 s to 10, 15 and 20 s (and the whole 30 s). Per host
 * and length: how many of the three payloads {@link AudioDetector#detect} reads, and the evidence the samples hold for
 * the true codeword ({@link AudioDetector#codewordEvidence}: its matched-filter z at the best alignment, and the
 * coded-bit agreement there). Optional: the excerpts' start times and lengths (comma lists, seconds; an excerpt
 * that would run past the end is left out), so the exact-payload rate of one length is measured over several cuts,
 * with a total line per length.
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioExcerptEvidence DIR 0,2.5,5,7.3,10,13.77,15,17.5,20 10</pre>
 * <p>
 * The bound it prints: a detector that names one of 2^32 serials at one of 4,096 alignments with at most
 * {@code FP} false positives per file needs about {@code 32 + log2(4096 / FP)} bits of evidence (76 at the
 * 2.5e-10 of docs/audio-watermark.md), and soft values of total matched-filter SNR z² carry at most
 * {@code z² / (2 ln 2)} bits under a Gaussian model, whatever the code: so z ≥ 10.3 is necessary. A format (coding)
 * change can only approach that z, not lower it.
 * <pre>benchmarks/audio-robustness.sh DIR   (once, for the hosts)
 * java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioExcerptEvidence DIR</pre>
 * <p>
 * Session 17: each unmarked cut is also searched for an unknown payload, as verify does for a stripped file (the
 * total line counts the cuts where anything was read: none may be).
 * <p>
 * Session 14, the known-payload test ({@link AudioDetector#confirm}, what verify does when the file's signed label
 * names the payload): per row, how many of the three payloads verify would report with the label kept (read, or,
 * where nothing was read, confirmed; the test's z range), and the test's false positives: each unmarked excerpt
 * (the same cut of the host without a mark) asked for all three payloads, and each marked excerpt asked for the
 * two payloads it does not carry; totals per length, with the largest z seen (the threshold is
 * {@link AudioDetector#CONFIRM_Z}); and each unmarked cut asked for 100 random payloads more, how often the test's
 * largest Z reaches 3, 4 and 5 beside the bound {@code 64 · exp(-t²/2)} it must stay under.
 */
public final class AudioExcerptEvidence {
    private AudioExcerptEvidence() {
    }

    private static final int RATE = 44_100;
    private static final double FALSE_POSITIVES = 2.5e-10;
    /** Random payloads asked of each unmarked cut: how the test's largest Z is spread where there is no mark. */
    private static final int RANDOM_ASKED = 100;
    /** Levels of Z whose exceedances are counted against the bound 64 · exp(-t²/2). */
    private static final double[] TAIL = {3, 4, 5};

    public static void main(String[] args) throws Exception {
        TimerArgs a = TimerArgs.of(args, 1, "AudioExcerptEvidence DIR (the work directory of audio-robustness.sh) "
                + "[STARTS [LENGTHS]] (comma lists of seconds; default 7.3 and 10,15,20,30)");
        Path dir = Path.of(a.text(0, "."));
        WatermarkKey key = new WatermarkKey(0x2A17, "audio-excerpt-evidence-key".getBytes(StandardCharsets.US_ASCII));
        long[] serials = {0xC0FFEEL, 0x12345678L, 0xDEADBEEFL};
        double[] starts = decimals(a.text(1, null));
        if (starts != null && Arrays.stream(starts).anyMatch(s -> s < 0)) { // before the sound: nothing to cut
            throw new IllegalArgumentException("excerpts start at 0 s or later: " + Arrays.toString(starts));
        }
        double[] lengths = a.text(2, null) == null ? new double[]{10, 15, 20, 30} : decimals(a.text(2, null));
        int[] totalReads = new int[lengths.length];
        int[] totalTried = new int[lengths.length];
        int[] totalKnown = new int[lengths.length];
        java.util.Random random = new java.util.Random(20261207L);
        int[] randomAsked = new int[lengths.length];
        int[][] randomOver = new int[lengths.length][TAIL.length];
        int[] unmarkedSearched = new int[lengths.length];
        int[] unmarkedRead = new int[lengths.length];
        int[] unmarkedAsked = new int[lengths.length];
        int[] unmarkedConfirmed = new int[lengths.length];
        int[] otherAsked = new int[lengths.length];
        int[] otherConfirmed = new int[lengths.length];
        double[] unmarkedMostZ = new double[lengths.length];
        double[] otherMostZ = new double[lengths.length];
        Arrays.fill(unmarkedMostZ, Double.NEGATIVE_INFINITY);
        Arrays.fill(otherMostZ, Double.NEGATIVE_INFINITY);
        double needBits = 32 + Math.log(4096 / FALSE_POSITIVES) / Math.log(2);
        System.out.printf(Locale.ROOT, "needed: %.0f bits (32-bit serial, 4096 alignments, %.1e per file) -> z >= %.1f%n",
                needBits, FALSE_POSITIVES, Math.sqrt(needBits * 2 * Math.log(2)));
        System.out.printf(Locale.ROOT, "known payload: %d alignments, t = %.2f, at most %.1e per payload asked%n",
                AudioDetector.CONFIRM_ALIGNMENTS, AudioDetector.CONFIRM_Z, AudioDetector.CONFIRM_FALSE_POSITIVES);
        System.out.println("| host | excerpt | from | payloads read (of 3) | codeword z | bits the evidence can carry, "
                + "z²/(2 ln 2) | coded-bit agreement | label's payload reported (of 3) | known-payload z |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String host : List.of("white", "pink", "speech", "chord", "music")) {
            Path raw = dir.resolve(host + ".evidence.f32");
            FfmpegRuns.run(List.of("ffmpeg", "-v", "error", "-y", "-i", dir.resolve(host + ".wav").toString(), "-ac", "1",
                    "-ar", Integer.toString(RATE), "-f", "f32le", raw.toString()));
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[b.remaining() / 4];
            b.asFloatBuffer().get(samples);
            float[][] marked = new float[serials.length + 1][]; // the last one unmarked
            for (int p = 0; p <= serials.length; p++) {
                marked[p] = samples.clone();
                if (p < serials.length) {
                    new AudioWatermarker(key, WatermarkPayload.of(key, serials[p]).toBytes()).embed(marked[p], RATE);
                }
                for (int i = 0; i < marked[p].length; i++) { // what a 16-bit WAV keeps
                    marked[p][i] = Math.round(Math.max(-1, Math.min(1, marked[p][i])) * 32767) / 32767f;
                }
            }
            for (int l = 0; l < lengths.length; l++) {
                double seconds = lengths[l];
                double[] from = starts != null ? starts : new double[]{seconds >= 30 ? 0 : 7.3};
                for (double start : from) {
                    int at = (int) Math.round(start * RATE);
                    int n = (int) Math.round(seconds * RATE);
                    if (at + n > samples.length + RATE / 100) { // past the end (10 ms of slack for rounding)
                        continue;
                    }
                    int reads = 0;
                    int known = 0;
                    double[] z = new double[serials.length];
                    double[] agreement = new double[serials.length];
                    double[] confirmZ = new double[serials.length];
                    for (int p = 0; p <= serials.length; p++) {
                        float[] x = Arrays.copyOfRange(marked[p], at, Math.min(marked[p].length, at + n));
                        java.util.List<WatermarkPayload> asked = new java.util.ArrayList<>(Arrays.stream(serials)
                                .mapToObj(serial -> WatermarkPayload.of(key, serial)).toList());
                        if (p == serials.length) { // the unmarked cut: RANDOM_ASKED more payloads, for the tail
                            for (int k = 0; k < RANDOM_ASKED; k++) {
                                asked.add(WatermarkPayload.of(key, random.nextLong() & 0xFFFF_FFFFL));
                            }
                        }
                        double[] tested = AudioDetector.confirmationZ(x, RATE, key, asked);
                        boolean[] confirmed = AudioDetector.confirmations(x, RATE, key, asked.subList(0, serials.length));
                        for (int k = serials.length; k < tested.length; k++) {
                            randomAsked[l]++;
                            for (int t = 0; t < TAIL.length; t++) {
                                randomOver[l][t] += tested[k] >= TAIL[t] ? 1 : 0;
                            }
                        }
                        for (int q = 0; q < serials.length; q++) { // the known-payload test for each payload
                            double t = tested[q];
                            boolean yes = confirmed[q]; // the threshold and the one-bit neighbours' rule
                            if (p == serials.length) {
                                unmarkedAsked[l]++;
                                unmarkedConfirmed[l] += yes ? 1 : 0;
                                unmarkedMostZ[l] = Math.max(unmarkedMostZ[l], t);
                            } else if (q != p) {
                                otherAsked[l]++;
                                otherConfirmed[l] += yes ? 1 : 0;
                                otherMostZ[l] = Math.max(otherMostZ[l], t);
                            } else {
                                confirmZ[p] = t;
                            }
                        }
                        if (p == serials.length) { // the unknown-payload search on the unmarked cut: must read nothing
                            unmarkedSearched[l]++;
                            unmarkedRead[l] += new AudioDetector().detect(x, RATE, List.of(key)).isPresent() ? 1 : 0;
                            continue;
                        }
                        WatermarkPayload payload = WatermarkPayload.of(key, serials[p]);
                        var read = new AudioDetector().detect(x, RATE, List.of(key));
                        if (read.filter(d -> d.payload().equals(payload)).isPresent()) {
                            reads++;
                            known++;
                        } else if (read.isEmpty() && confirmed[p]) {
                            known++; // what verify does with the label kept: asked for only when nothing was read
                        }
                        double[] e = AudioDetector.codewordEvidence(x, RATE, key, payload.toBytes());
                        z[p] = e[0];
                        agreement[p] = e[1];
                    }
                    totalReads[l] += reads;
                    totalKnown[l] += known;
                    totalTried[l] += serials.length;
                    Arrays.sort(z);
                    Arrays.sort(agreement);
                    Arrays.sort(confirmZ);
                    System.out.printf(Locale.ROOT, "| %s | %.0f s | %.2f s | %d | %.1f–%.1f | %.0f–%.0f | %.2f–%.2f | %d "
                                    + "| %.2f–%.2f |%n", host, seconds, start, reads, z[0], z[z.length - 1], bits(z[0]),
                            bits(z[z.length - 1]), agreement[0], agreement[agreement.length - 1], known, confirmZ[0],
                            confirmZ[confirmZ.length - 1]);
                }
            }
        }
        for (int l = 0; l < lengths.length; l++) {
            System.out.printf(Locale.ROOT, "total %.0f s excerpts: %d of %d payloads exact; unmarked cuts searched: a "
                    + "payload read on %d of %d%n", lengths[l], totalReads[l], totalTried[l], unmarkedRead[l],
                    unmarkedSearched[l]);
            System.out.printf(Locale.ROOT, "total %.0f s excerpts with the label kept: %d of %d payloads reported "
                    + "(%d read, %d more confirmed); false confirmations: unmarked %d of %d asked (largest z %.2f), "
                    + "other payloads %d of %d asked (largest z %.2f)%n", lengths[l], totalKnown[l], totalTried[l],
                    totalReads[l], totalKnown[l] - totalReads[l], unmarkedConfirmed[l], unmarkedAsked[l],
                    unmarkedMostZ[l], otherConfirmed[l], otherAsked[l], otherMostZ[l]);
            for (int t = 0; t < TAIL.length; t++) {
                System.out.printf(Locale.ROOT, "  unmarked %.0f s excerpts, %d random payloads asked: largest Z >= %.0f "
                                + "in %d (%.2e; Hoeffding bound %d · exp(-t²/2) = %.2e)%n", lengths[l], randomAsked[l],
                        TAIL[t], randomOver[l][t], randomOver[l][t] / (double) Math.max(1, randomAsked[l]),
                        AudioDetector.CONFIRM_ALIGNMENTS, AudioDetector.CONFIRM_ALIGNMENTS * Math.exp(-TAIL[t] * TAIL[t] / 2));
            }
        }
    }

    /** A comma list of seconds, or null for null. */
    private static double[] decimals(String list) {
        return list == null ? null : Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double bits(double z) {
        return z * z / (2 * Math.log(2));
    }
}
