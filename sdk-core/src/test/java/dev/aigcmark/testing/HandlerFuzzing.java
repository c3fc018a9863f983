package dev.aigcmark.testing;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.Formats;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every format harness does with fuzzed bytes (docs/fuzzing.md), so each one holds its handlers to the same
 * contract: scan, content digest, label write (from the file and from the scan, the same bytes), re-scan. Each step works or refuses with an IOException; a label
 * written into a file that scanned must scan again with a carrier in it; any other exception escapes and is the
 * fuzzer's finding.
 */
public final class HandlerFuzzing {
    /** A fixed label (no randomness: a replayed input must behave the same every time). */
    public static final AigcLabel LABEL = AigcLabel.produced(LabelValue.AI_GENERATED, "00119144030008867405X220001",
            ProduceId.of("fuzz0000000000000000000000000001"));

    private HandlerFuzzing() {
    }

    /**
     * The handler an upload of these bytes would get, when it lives in {@code packagePrefix} (each module's harness
     * drives its own handlers; the others have theirs). Detection itself may only refuse with an IOException.
     */
    public static Optional<FormatHandler> detect(SdkContext context, byte[] data, String packagePrefix) {
        try {
            return Formats.detect(context, MediaInput.of(data, "upload"))
                    .filter(h -> h.getClass().getName().startsWith(packagePrefix));
        } catch (IOException refused) {
            return Optional.empty();
        }
    }

    /** Scan, digest, label and re-scan: what marking and verifying do with a file of this handler's format. */
    public static void throughHandler(FormatHandler handler, byte[] data, SdkContext context) {
        String name = "fuzz." + handler.extensions().get(0);
        MediaInput input = MediaInput.of(data, name);
        Container scanned;
        try {
            scanned = handler.scan(input, context);
        } catch (IOException refused) {
            return;
        }
        IOException digestRefused = null;
        if (handler instanceof ContentDigester digester) {
            try {
                digester.contentDigest(scanned);
            } catch (IOException refused) {
                // content that cannot be digested: the verifier says gb45438.binding.unverifiable, and the Marker
                // will not bind (so not label) it as it is
                digestRefused = refused;
            }
        }
        if (!(handler instanceof LabelWriter writer)) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException twoPassRefused = null;
        try {
            writer.writeLabel(MediaInput.of(data, name), out, new LabelEdit(LABEL, null), context);
        } catch (IOException refused) {
            twoPassRefused = refused;
        }
        fromTheScan(writer, scanned, input, out.toByteArray(), twoPassRefused, digestRefused, context);
        if (twoPassRefused != null) {
            return;
        }
        Container rescanned;
        try {
            rescanned = handler.scan(MediaInput.of(out.toByteArray(), "labelled-" + name), context);
        } catch (IOException e) {
            throw new AssertionError("our own output does not scan: " + e.getMessage(), e);
        }
        assertThat(rescanned.carriers()).as("carriers of the labelled file (problems: %s)", rescanned.problems())
                .isNotEmpty();
    }

    /**
     * The Marker's path for a metadata-only mark: the label written from the scan ({@code writeLabel(Container, ...)},
     * which reads the input once where the handler can) is byte for byte what the writer that reads the file again
     * wrote, and refuses exactly the files that writer refuses (with an IOException), and besides them the files whose
     * content cannot be digested: it binds the label to the content digest, which the two-pass writer (handed a
     * finished label) never computes, and a label must not be bound to content that cannot be digested
     * ({@code LabelBindings}).
     */
    private static void fromTheScan(LabelWriter writer, Container scanned, MediaInput input, byte[] twoPass,
                                    IOException twoPassRefused, IOException digestRefused, SdkContext context) {
        ByteArrayOutputStream once = new ByteArrayOutputStream();
        try (MediaOutput out = MediaOutput.of(once)) {
            writer.writeLabel(scanned, input, out, digest -> new LabelEdit(LABEL, null), context);
        } catch (IOException refused) {
            if (twoPassRefused == null && digestRefused == null) {
                throw new AssertionError("the two-pass writer labels this file, the writer from the scan refuses it: "
                        + refused.getMessage(), refused);
            }
            return;
        }
        if (digestRefused != null) {
            throw new AssertionError("the writer from the scan labels a file whose content does not digest: "
                    + digestRefused.getMessage(), digestRefused);
        }
        if (twoPassRefused != null) {
            throw new AssertionError("the writer from the scan labels a file the two-pass writer refuses: "
                    + twoPassRefused.getMessage(), twoPassRefused);
        }
        assertThat(once.toByteArray()).as("labelled from the scan: the two-pass writer's bytes").isEqualTo(twoPass);
    }

    /**
     * The Verifier turns a parser's stray RuntimeException into a report entry ({@code asset.codecFailed}) so a
     * batch goes on; under the fuzzer that entry is a finding. Matched by code, never by text: a report quotes the
     * input's own words, which the fuzzer learns from the comparisons it sees.
     */
    public static void assertNoCodecFailure(VerificationReport report) {
        assertThat(report).isNotNull();
        for (Status s : report.diagnostics()) {
            assertThat(s.code()).as("a codec failed with an exception: %s", s.message())
                    .isNotEqualTo(StatusCodes.ASSET_CODEC_FAILED);
        }
    }
}
