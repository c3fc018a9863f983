package dev.aigcmark.image.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.testing.HandlerFuzzing;
import dev.aigcmark.testing.SilentOutput;

import java.io.IOException;
import java.util.ArrayList;

/**
 * Jazzer harnesses for the JPEG segment and PNG chunk readers and what the handlers build on them (docs/fuzzing.md):
 * the structure parse, the handler's scan, the content digest a label binding signs, and the label writer. Each
 * step either works or refuses with an IOException; a label written into a file that scanned must scan again
 * with that label's carrier in it. Anything else is a finding.
 */
class ImageStructureFuzzTest {
    private static final SdkContext CONTEXT = SdkContext.defaults();

    @FuzzTest(maxDuration = "10m")
    void jpegSegments(byte[] data) {
        SilentOutput.require(() -> {
            try {
                JpegStructure.parse(data, CONTEXT.limits(), new ArrayList<>());
            } catch (IOException refused) {
                // damaged: refused, as it must be
            }
            throughHandler("jpeg", data);
        });
    }

    @FuzzTest(maxDuration = "10m")
    void pngChunks(byte[] data) {
        SilentOutput.require(() -> {
            try {
                PngStructure.parse(data, CONTEXT.limits(), new ArrayList<>());
            } catch (IOException refused) {
                // damaged: refused, as it must be
            }
            throughHandler("png", data);
        });
    }

    /**
     * WebP, GIF, TIFF, HEIC, AVIF and JPEG XL, whichever the bytes are detected as (as for an upload): their
     * structure readers (RIFF chunks, GIF blocks, TIFF IFDs, HEIF item tables, JXL boxes) through the handler.
     */
    @FuzzTest(maxDuration = "10m")
    void imageContainers(byte[] data) {
        SilentOutput.require(() -> HandlerFuzzing.detect(CONTEXT, data, "dev.aigcmark.image.")
                .ifPresent(handler -> HandlerFuzzing.throughHandler(handler, data, CONTEXT)));
    }

    private static void throughHandler(String id, byte[] data) {
        HandlerFuzzing.throughHandler(CONTEXT.handler(id).orElseThrow(), data, CONTEXT);
    }
}
