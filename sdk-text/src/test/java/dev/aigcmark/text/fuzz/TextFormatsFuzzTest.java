package dev.aigcmark.text.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.HandlerFuzzing;
import dev.aigcmark.testing.SilentOutput;

/**
 * Jazzer harnesses for the text carriers (docs/fuzzing.md). Plain text and Markdown come by name, not by magic
 * bytes, so each harness hands its bytes to its handlers directly: scan, content digest, label write and re-scan
 * (HandlerFuzzing), then the Verifier on the same bytes, which reads the explicit label and the invisible text mark
 * (variation selectors, zero-width characters) and must end without a codec failing. PDF goes through our bounded
 * front (BudgetedPdfSource) into PDFBox; DOCX, PPTX and XLSX through our bounded zip reader and SafeXml.
 */
class TextFormatsFuzzTest {
    private static final SdkContext CONTEXT = SdkContext.defaults();
    private static final Verifier VERIFIER = new Verifier(CONTEXT);

    @FuzzTest(maxDuration = "10m")
    void plainAndMarkdown(byte[] data) {
        SilentOutput.require(() -> throughHandlers(data, "txt", "md"));
    }

    @FuzzTest(maxDuration = "10m")
    void pdf(byte[] data) {
        SilentOutput.require(() -> throughHandlers(data, "pdf"));
    }

    @FuzzTest(maxDuration = "10m")
    void ooxml(byte[] data) {
        SilentOutput.require(() -> throughHandlers(data, "docx", "pptx", "xlsx"));
    }

    private static void throughHandlers(byte[] data, String... extensions) {
        for (String extension : extensions) {
            HandlerFuzzing.throughHandler(CONTEXT.handlers().stream()
                    .filter(h -> h.extensions().contains(extension)).findFirst().orElseThrow(), data, CONTEXT);
            HandlerFuzzing.assertNoCodecFailure(VERIFIER.verify(MediaInput.of(data, "upload." + extension)));
        }
    }
}
