package dev.aigcmark.bench.suite;

import dev.aigcmark.bench.suite.Comparison.Target;
import dev.aigcmark.video.internal.pipeline.VideoBackends;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's contents: issue 15's list of costs, each beside its baseline, with issue 13's and 15's targets; every
 * ratio with a target is paired ({@code dev.aigcmark.bench.Paired}). The quick profile is a check that each target
 * still holds where it is cheapest to judge, in under five minutes from a fresh clone: embed at every size (for the
 * plot); image marking of JPEG and PNG at 1 MP; SM2 signing; 1080p JPEG verification, whole and per mark kind;
 * metadata labelling of a 12 MP JPEG and a 256 MB MP4; the video pipeline at 360p on each backend; audio embed. The
 * full profile adds 12 MP image marking (one operation takes seconds on a loaded machine), PNG, Markdown and MP4
 * verification, detection, label verification, the other algorithms, the 1 GB MP4 and 720p/1080p video.
 */
final class Comparisons {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** How a paired case's baseline column starts: both sides alternate within each invocation ({@code Paired}). */
    private static final String PAIRED_WITH = "alternated in one fork: ";

    private Comparisons() {
    }

    static List<Comparison> all() {
        return List.of(watermark(), imageMark(), verify(), verifyKind(), signature(), metadataLabel(), videoPipeline(),
                audioWatermark());
    }

    private static Comparison watermark() {
        Map<String, String> b = new LinkedHashMap<>();
        for (String m : List.of("embedMasked", "embedUniform", "gopFirstFrame", "maskUpdate", "detect", "detectUnmarked")) {
            b.put(m, "baselineCopy");
        }
        return new Comparison("WatermarkBenchmark", b, List.of("embedMasked"),
                Map.of("size", new String[]{"720p", "1080p", "4k"}), Map.of(),
                List.of(Target.absolute("embed ≤ 0.5 ms per 1080p frame (500 µs)", 500,
                        r -> r.method().startsWith("embed") && r.param("size").equals("1080p") && r.threads() == 1)),
                false, CORES > 1 ? List.of(1, CORES) : List.of(1));
    }

    private static Comparison imageMark() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("markPaired", PAIRED_WITH + "decode + encode");
        b.put("paintLayoutPaired", PAIRED_WITH + "painting pixels decoded as in session 9 (B, G, R)");
        return new Comparison("ImageMarkBenchmark", b,
                List.of("markPaired"), Map.of("input", new String[]{"jpeg-1mp", "png-1mp"}), Map.of(),
                List.of(Target.ratio("marking ≤ 1.05× decode + encode", 1.05, r -> r.method().equals("markPaired"))),
                false, List.of(1));
    }

    private static Comparison verify() {
        return new Comparison("VerifyBenchmark", Map.of("verifyPaired", PAIRED_WITH + "decode"), List.of("verifyPaired"),
                Map.of("input", new String[]{"jpeg1080"}), Map.of(),
                List.of(Target.ratio("verify ≤ 3× decode (1080p JPEG, issue 13)", 3,
                        r -> r.param("input").equals("jpeg1080"))), false, List.of(1));
    }

    private static Comparison signature() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("labelSignPaired", PAIRED_WITH + "BouncyCastle's bare sign");
        b.put("labelVerifyPaired", PAIRED_WITH + "BouncyCastle's bare verify");
        return new Comparison("SignatureBenchmark", b, List.of("labelSignPaired"),
                Map.of("algorithm", new String[]{"SM2_SM3"}), Map.of(),
                List.of(Target.ratio("signing ≤ 1.1× bare BouncyCastle", 1.1, r -> r.method().startsWith("labelSign"))),
                false, List.of(1));
    }

    private static Comparison metadataLabel() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("labelPaired", PAIRED_WITH + "durable copy");
        b.put("labelPairedWall", PAIRED_WITH + "durable copy");
        b.put("label", "baselineDurableCopy");
        b.put("labelVsPlainCopy", "baselineCopy");
        // the target is the user's wait: wall time (labelPairedWall, and label's separate wall-time benchmarks);
        // labelPaired is the cost in the process's CPU time, reported beside it
        return new Comparison("MetadataLabelBenchmark", b, List.of("labelPairedWall"),
                Map.of("mp4Megabytes", new String[]{"256"}), Map.of(),
                List.of(Target.ratio("metadata labelling ≤ 1.5× a file copy (as durable: fsync + rename), wall time",
                        1.5, r -> r.method().equals("labelPairedWall") || r.method().equals("label"))), true, List.of(1));
    }

    /**
     * Verification per mark kind (a verifier with that kind's codec only) against decoding the same marked 1080p
     * picture, paired; no target of its own (issue 13's 3× is for the whole verification).
     */
    private static Comparison verifyKind() {
        return new Comparison("VerifyKindBenchmark", Map.of("verifyPaired", PAIRED_WITH + "decode"),
                List.of("verifyPaired"), Map.of("input", new String[]{"jpeg1080"}), Map.of(), List.of(), false,
                List.of(1));
    }

    /**
     * The video pipeline per codec backend: marking against a plain transcode through the same pipeline and backend,
     * paired in process CPU time, with the decode / mark / encode split per frame. The quick profile runs a 360p
     * clip (a 720p jcodec pair takes seconds on a loaded machine).
     */
    private static Comparison videoPipeline() {
        return new Comparison("video.VideoPipelineBenchmark", Map.of("markPaired", PAIRED_WITH
                + "decode + encode (transcode without marks)"), List.of("markPaired"),
                Map.of("size", new String[]{"360p"}, "backend", backends()),
                Map.of("size", new String[]{"720p", "1080p"}, "backend", backends()), List.of(), false, List.of(1));
    }

    /** The video backends that can run here: jcodec always, FFmpeg when its natives load. */
    private static String[] backends() {
        boolean ffmpeg = VideoBackends.named("ffmpeg").filter(b -> b.unavailable() == null).isPresent();
        return ffmpeg ? new String[]{"ffmpeg", "jcodec"} : new String[]{"jcodec"};
    }

    /** Issue 19: embed ≤ 1 % of real time per channel; an operation is 10 s of one channel, so ≤ 100 ms. */
    private static Comparison audioWatermark() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("embed", "baselineCopy");
        b.put("detect", "baselineCopy");
        return new Comparison("AudioWatermarkBenchmark", b, List.of("embed"), Map.of("rate", new String[]{"44100"}),
                Map.of(), List.of(Target.absolute("audio embed ≤ 1 % of real time per channel (100 ms per 10 s)", 100,
                        r -> r.method().equals("embed"))), false, List.of(1));
    }
}
