package dev.aigcmark.image.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngStructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jazzer harnesses for the JPEG segment and PNG chunk readers and what the handlers build on them (docs/fuzzing.md):
 * the structure parse, the handler's scan, the content digest a label binding signs, and the label writer. Each
 * step either works or refuses with an IOException; a label written into a file that scanned must scan again
 * with that label's carrier in it. Anything else is a finding.
 */
class ImageStructureFuzzTest {
    private static final SdkContext CONTEXT = SdkContext.defaults();
    private static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED, "00119144030008867405X220001",
            "fuzz0000000000000000000000000001");

    @FuzzTest(maxDuration = "10m")
    void jpegSegments(byte[] data) {
        try {
            JpegStructure.parse(data, CONTEXT.limits(), new ArrayList<>());
        } catch (IOException refused) {
            // damaged: refused, as it must be
        }
        throughHandler("jpeg", data);
    }

    @FuzzTest(maxDuration = "10m")
    void pngChunks(byte[] data) {
        try {
            PngStructure.parse(data, CONTEXT.limits(), new ArrayList<>());
        } catch (IOException refused) {
            // damaged: refused, as it must be
        }
        throughHandler("png", data);
    }

    /** Scan, digest, label: what marking and verifying do with a file of this format. */
    private static void throughHandler(String id, byte[] data) {
        FormatHandler handler = CONTEXT.handler(id).orElseThrow();
        Container scanned;
        try {
            scanned = handler.scan(MediaInput.of(data, "fuzz." + id), CONTEXT);
        } catch (IOException refused) {
            return;
        }
        try {
            ((ContentDigester) handler).contentDigest(scanned);
        } catch (IOException refused) {
            // content that cannot be digested: the verifier says gb45438.binding.unverifiable
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ((LabelWriter) handler).writeLabel(MediaInput.of(data, "fuzz." + id), out, new LabelEdit(LABEL, null), CONTEXT);
        } catch (IOException refused) {
            return;
        }
        Container rescanned;
        try {
            rescanned = handler.scan(MediaInput.of(out.toByteArray(), "labelled." + id), CONTEXT);
        } catch (IOException e) {
            throw new AssertionError("our own output does not scan: " + e.getMessage(), e);
        }
        List<Status> problems = rescanned.problems();
        assertThat(rescanned.carriers()).as("carriers of the labelled file (problems: %s)", problems).isNotEmpty();
    }
}
