package dev.aigcmark.image.c2pa;

import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.testing.NeedsShared;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared JPEG, PNG and WebP C2PA vectors through the real image handlers agree with the reference verdicts. */
@ExtendWith(NeedsShared.class) // every case reads ../shared
class ImageReferenceVectorsTest {
    static Stream<Path> vectors() throws IOException {
        return ReferenceVerdicts.vectors(".jpg", ".png", ".webp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAgreesWithTheReference(Path vector) throws IOException {
        ReferenceVerdicts.assertAgrees(vector);
    }
}
