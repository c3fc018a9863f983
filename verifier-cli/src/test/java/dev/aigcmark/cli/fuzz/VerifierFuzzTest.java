package dev.aigcmark.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.Formats;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.testing.HandlerFuzzing;
import dev.aigcmark.testing.SilentOutput;

import java.io.IOException;
import java.util.Optional;

/**
 * The verifier end to end on a byte array, every format the CLI knows (docs/fuzzing.md): the format is detected
 * from the bytes, as for an upload. The Verifier turns a parser's stray RuntimeException into a report entry so
 * a batch goes on; here that entry is a finding, so the harness also runs the detected handler's scan on its own
 * (only IOException may leave it) and fails on a codec that ended in asset.codecFailed.
 */
class VerifierFuzzTest {
    private static final SdkContext CONTEXT = SdkContext.defaults();
    private static final Verifier VERIFIER = new Verifier(CONTEXT);

    @FuzzTest(maxDuration = "10m")
    void verifyBytes(byte[] data) {
        SilentOutput.require(() -> {
            Optional<FormatHandler> handler;
            try {
                handler = Formats.detect(CONTEXT, MediaInput.of(data, "upload"));
                if (handler.isPresent()) {
                    handler.get().scan(MediaInput.of(data, "upload"), CONTEXT);
                }
            } catch (IOException refused) {
                // unreadable: the report below says so
            }
            HandlerFuzzing.assertNoCodecFailure(VERIFIER.verify(MediaInput.of(data, "upload")));
        });
    }
}
