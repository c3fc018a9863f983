package dev.aigcmark.bench.suite;

import dev.aigcmark.bench.suite.Comparison.Target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's contents: issue 15's list of costs, each beside its baseline, with issue 13's and 15's targets. The
 * quick profile is a check that each target still holds where it is cheapest to judge, in under five minutes from a
 * fresh clone: embed at every size (for the plot); image marking of JPEG and PNG at 1 MP; SM2 signing; 1080p JPEG
 * verification; metadata labelling of a 12 MP JPEG and a 256 MB MP4; audio embed. The full profile adds 12 MP image
 * marking (one operation takes seconds on a loaded machine: the two 12 MP cases were half the quick profile's wall
 * time), Markdown verification (no target), detection, label verification and the other algorithms (detection is
 * measured end to end by the verification comparison).
 */
final class Comparisons {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Comparisons() {
    }

    static List<Comparison> all() {
        return List.of(watermark(), imageMark(), verify(), signature(), metadataLabel(), audioWatermark());
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
        return new Comparison("ImageMarkBenchmark", Map.of("mark", "baselineDecodeEncode"), List.of("mark"),
                Map.of("input", new String[]{"jpeg-1mp", "png-1mp"}), Map.of(),
                List.of(Target.ratio("marking ≤ 1.05× decode + encode", 1.05, r -> true)), false, List.of(1));
    }

    private static Comparison verify() {
        return new Comparison("VerifyBenchmark", Map.of("verify", "baselineDecode"), List.of("verify"),
                Map.of("input", new String[]{"jpeg1080"}), Map.of(),
                List.of(Target.ratio("verify ≤ 3× decode (1080p JPEG, issue 13)", 3,
                        r -> r.param("input").equals("jpeg1080"))), false, List.of(1));
    }

    private static Comparison signature() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("labelSign", "bareSign");
        b.put("labelVerify", "bareVerify");
        return new Comparison("SignatureBenchmark", b, List.of("labelSign"),
                Map.of("algorithm", new String[]{"SM2_SM3"}), Map.of(),
                List.of(Target.ratio("signing ≤ 1.1× bare BouncyCastle", 1.1, r -> r.method().equals("labelSign"))),
                false, List.of(1));
    }

    private static Comparison metadataLabel() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("labelPaired", "durable copy, alternated in one fork");
        b.put("label", "baselineDurableCopy");
        b.put("labelVsPlainCopy", "baselineCopy");
        return new Comparison("MetadataLabelBenchmark", b, List.of("labelPaired"),
                Map.of("mp4Megabytes", new String[]{"256"}), Map.of(),
                List.of(Target.ratio("metadata labelling ≤ 1.5× a file copy (as durable: fsync + rename)", 1.5,
                        r -> r.method().startsWith("label") && !r.method().equals("labelVsPlainCopy"))), true, List.of(1));
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
