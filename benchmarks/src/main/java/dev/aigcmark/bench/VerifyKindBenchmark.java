package dev.aigcmark.bench;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.MarkCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Verification throughput per mark kind against decoding alone: the same marked picture (label, visible label,
 * watermark, C2PA: {@link BenchFiles#marked}) verified by a {@link Verifier} that has only one kind's codec, beside
 * an ImageIO decode of the file, alternated in one fork ({@link Paired}, thread CPU time). A kind's cost is what
 * looking for it costs: format detection and the container scan, which every verifier pays, plus that codec.
 * Kinds: {@code label} (GB 45438 implicit label and its signature), {@code c2pa} (manifest and its validation),
 * {@code watermark} (our watermark, found without the label's hint of whose key to try first, so the full search),
 * {@code sd} (the Stable Diffusion watermark detector: the file carries none, and its votes are counted whatever
 * they say), {@code all} (every codec, as {@link VerifyBenchmark}).
 */
@Measurement(iterations = 3, time = 3)
public class VerifyKindBenchmark extends FileBenchmark {
    @Param({"jpeg1080", "png1080"})
    public String input;

    @Param({"label", "c2pa", "watermark", "sd", "all"})
    public String kind;

    private Path file;
    private Verifier verifier;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SdkContext context = workspace("verify-kind");
        file = markedIn(context, input);
        verifier = new Verifier(kind.equals("all") ? context : context.toBuilder().codecs(codecs(context, kind)).build());
        VerificationReport check = verifier.verify(file);
        if (!kind.equals("sd") && check.marks().isEmpty()) {
            throw new IllegalStateException("the " + kind + " verifier finds nothing in the marked " + input);
        }
    }

    /** The one codec of {@code kind}. */
    static List<MarkCodec> codecs(SdkContext context, String kind) {
        String id = switch (kind) {
            case "label" -> "gb45438";
            case "c2pa" -> "c2pa";
            case "watermark" -> "aigcmark-watermark";
            case "sd" -> "sd-watermark";
            default -> throw new IllegalArgumentException(kind);
        };
        List<MarkCodec> one = context.codecs().stream().filter(c -> c.id().equals(id)).toList();
        if (one.size() != 1) {
            throw new IllegalStateException("no codec " + id + " on the class path");
        }
        return one;
    }

    /** The verifier with one kind's codec, and an ImageIO decode of the same file, alternated. */
    @Benchmark
    public VerificationReport verifyPaired(Paired p) throws Exception {
        return Alternation.run(p, () -> ImageIO.read(file.toFile()), () -> verifier.verify(file));
    }
}
