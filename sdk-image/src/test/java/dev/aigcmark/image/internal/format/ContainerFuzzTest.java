package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.LabelWriter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random byte damage to marked files: scanning never fails with anything but UnreadableInputException, and
 * writing either refuses with an IOException or yields a file that scans with exactly one XMP carrier.
 */
class ContainerFuzzTest {
    static final SdkContext CTX = SdkContext.defaults();
    static final Map<String, byte[]> MARKED = marked();

    static Map<String, byte[]> marked() {
        try {
            return Map.of("jpeg", LabelRoundTripTest.mark("jpeg", TestImages.richJpeg(), LabelRoundTripTest.EDIT),
                    "png", LabelRoundTripTest.mark("png", TestImages.richPng(), LabelRoundTripTest.EDIT),
                    "gif", LabelRoundTripTest.mark("gif", TestImages.gif(24, 24), LabelRoundTripTest.EDIT),
                    "tiff", LabelRoundTripTest.mark("tiff", TestImages.tiff(24, 24, ByteOrder.BIG_ENDIAN), LabelRoundTripTest.EDIT));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of(List.of("jpeg", "png", "gif", "tiff"));
    }

    @Property(tries = 250)
    void damagedFilesNeverCrashTheHandler(@ForAll("formats") String id, @ForAll @IntRange(min = 0, max = 100_000) int seed,
                                          @ForAll @IntRange(min = 1, max = 8) int flips) throws Exception {
        byte[] f = MARKED.get(id).clone();
        Random r = new Random(seed);
        for (int i = 0; i < flips; i++) {
            f[r.nextInt(f.length)] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean()) {
            f = Arrays.copyOf(f, r.nextInt(f.length));
        }
        var handler = CTX.handler(id).orElseThrow();
        try {
            handler.scan(MediaInput.of(f, "fuzz"), CTX);
        } catch (UnreadableInputException expected) {
            // a clear refusal is fine
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ((LabelWriter) handler).writeLabel(MediaInput.of(f, "fuzz"), out, LabelRoundTripTest.EDIT, CTX);
        } catch (IOException refused) {
            return;
        }
        var rescanned = handler.scan(MediaInput.of(out.toByteArray(), "rewritten"), CTX);
        assertThat(rescanned.carriers(CarrierType.XMP)).hasSize(1);
    }
}
