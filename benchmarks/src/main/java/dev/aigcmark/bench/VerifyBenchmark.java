package dev.aigcmark.bench;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.io.NIOUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an auditor or a platform pays to verify one marked file end to end through {@link Verifier#verify(Path)}:
 * format detection, container scan, every codec (GB 45438 signature, IPTC, C2PA validation, watermark
 * detection on the pixels or frames, text marks) and the cross-checks. Files are marked with everything their
 * format takes (label, visible label, watermark, C2PA), so every codec has work to do.
 * {@link #baselineDecode} is what merely decoding the same file costs in the same run (ImageIO for pictures, every
 * frame through jcodec for the MP4, reading the text for Markdown); issue 13's bar is verify ≤ 3x decode for
 * 1080p JPEGs.
 */
@Measurement(iterations = 3, time = 3)
public class VerifyBenchmark extends FileBenchmark {
    /** jpeg1080 and png1080: 1920x1080; markdown: 4 KB; mp4: 2 s of 320x240 H.264. */
    @Param({"jpeg1080", "png1080", "markdown", "mp4"})
    public String input;

    private Path file;
    private Verifier verifier;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        var context = workspace("verify");
        file = markedIn(context, input);
        verifier = new Verifier(context);
        VerificationReport check = verifier.verify(file);
        if (check.state() != TrustState.VALID) {
            throw new IllegalStateException("the marked " + input + " does not verify: " + check.failureCodes());
        }
    }

    /** Baseline: decode the file alone (no metadata, no marks). */
    @Benchmark
    public Object baselineDecode() throws IOException {
        switch (input) {
            case "markdown":
                return Files.readString(file);
            case "mp4":
                return decodeAllFrames(file);
            default:
                return ImageIO.read(file.toFile());
        }
    }

    private static int decodeAllFrames(Path mp4) throws IOException {
        try (var channel = NIOUtils.readableChannel(mp4.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            int frames = 0;
            while (grab.getNativeFrame() != null) {
                frames++;
            }
            return frames;
        } catch (JCodecException e) {
            throw new IOException(e);
        }
    }

    @Benchmark
    public VerificationReport verify() {
        return verifier.verify(file);
    }

    /** {@link #verify} and {@link #baselineDecode} alternated within each invocation ({@link Paired}), thread CPU time. */
    @Benchmark
    public VerificationReport verifyPaired(Paired p) throws Exception {
        return Alternation.run(p, this::baselineDecode, this::verify);
    }
}
