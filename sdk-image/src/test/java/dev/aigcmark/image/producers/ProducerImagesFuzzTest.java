package dev.aigcmark.image.producers;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged HEIC, AVIF and JPEG XL files (labelled by the real tools and by us, then bytes flipped and cut, from one
 * printed seed): scanning fails only with a clear "unreadable", writing only with an IOException, and a report
 * always comes back (no parser bug escapes as a crash).
 */
class ProducerImagesFuzzTest {
    static final SdkContext CTX = SdkContext.defaults();
    static final int MUTANTS = 150;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"heic", "avif", "jxl"})
    void damagedFilesNeverCrashTheHandler(String ext) throws Exception {
        byte[] sample = sample(ext);
        FormatHandler handler = CTX.handler(ext.equals("heic") ? "heif" : ext).orElseThrow();
        Random r = TestSeed.random("ProducerImagesFuzzTest." + ext);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] f = sample.clone();
            for (int k = 1 + r.nextInt(8); k > 0; k--) {
                f[r.nextInt(f.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                f = Arrays.copyOf(f, r.nextInt(f.length));
            }
            try {
                handler.scan(MediaInput.of(f, "fuzz." + ext), CTX);
            } catch (UnreadableInputException expected) {
                // a clear refusal is fine
            }
            try {
                ((LabelWriter) handler).writeLabel(MediaInput.of(f, "fuzz." + ext), new ByteArrayOutputStream(),
                        JpegProducerFormsTest.edit(HeifLabelTest.LABEL), CTX);
            } catch (IOException refused) {
                // refusing a damaged file is fine
            }
            assertThat(new Verifier(CTX).verify(MediaInput.of(f, "fuzz." + ext)).source()).isEqualTo("fuzz." + ext);
        }
    }

    /** A file made by the real encoder, labelled by exiftool (XMP) and by us (so the mutants hit our structures too). */
    byte[] sample(String ext) throws Exception {
        Path f;
        if (ext.equals("jxl")) {
            JxlLabelTest t = new JxlLabelTest();
            t.tmp = tmp;
            f = t.image(true);
        } else {
            HeifLabelTest t = new HeifLabelTest();
            t.tmp = tmp;
            f = t.image(ext);
        }
        HeifLabelTest.exiftool("-EXIF:ImageDescription=" + LabelJson.toWrappedJson(HeifLabelTest.LABEL), f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) CTX.handler(ext.equals("heic") ? "heif" : ext).orElseThrow()).writeLabel(MediaInput.of(Files.readAllBytes(f),
                "s"), out, JpegProducerFormsTest.edit(HeifLabelTest.LABEL), CTX);
        return out.toByteArray();
    }
}
