package dev.aigcmark.video.c2pa;

import dev.aigcmark.core.internal.c2pa.ReferenceVerdicts;
import dev.aigcmark.testing.NeedsShared;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared MP4 C2PA vectors (bmff v2 and v3) through the real MP4 handler agree with the reference verdicts. */
@ExtendWith(NeedsShared.class) // every case reads ../shared
class Mp4ReferenceVectorsTest {
    static Stream<Path> vectors() throws IOException {
        return ReferenceVerdicts.vectors(".mp4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAgreesWithTheReference(Path vector) throws IOException {
        ReferenceVerdicts.assertAgrees(vector);
    }
}
