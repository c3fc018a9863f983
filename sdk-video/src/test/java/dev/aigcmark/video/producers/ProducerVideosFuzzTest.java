package dev.aigcmark.video.producers;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged MKV, WebM, AVI and FLV files (made by ffmpeg with a label, then bytes flipped and cut, from one printed
 * seed): scanning fails only with a clear "unreadable", writing only with an IOException, a report always comes
 * back; our bounded EBML/RIFF/AMF0 readers never let a parser bug escape.
 */
class ProducerVideosFuzzTest {
    static final SdkContext CTX = SdkContext.defaults();
    static final int MUTANTS = 150;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mkv,libx264", "webm,libvpx-vp9", "avi,mpeg4", "flv,flv1"})
    void damagedFilesNeverCrashTheHandler(String ext, String codec) throws Exception {
        MatroskaLabelTest clips = new MatroskaLabelTest();
        clips.tmp = tmp;
        Path f = clips.clip(ext, codec, List.of("-metadata", "AIGC=" + LabelJson.toBareJson(MatroskaLabelTest.LABEL)));
        byte[] sample = Files.readAllBytes(f);
        FormatHandler handler = CTX.handler(ext).orElseThrow();
        Random r = TestSeed.random("ProducerVideosFuzzTest." + ext);
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = sample.clone();
            // Damage lands in the first 2 KB half the time: that is where the metadata these readers parse lives.
            for (int k = 1 + r.nextInt(8); k > 0; k--) {
                int at = r.nextBoolean() ? r.nextInt(Math.min(2048, m.length)) : r.nextInt(m.length);
                m[at] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                m = Arrays.copyOf(m, r.nextInt(m.length));
            }
            try {
                handler.scan(MediaInput.of(m, "fuzz." + ext), CTX);
            } catch (UnreadableInputException expected) {
                // a clear refusal is fine
            }
            if (handler instanceof LabelWriter w) {
                try {
                    w.writeLabel(MediaInput.of(m, "fuzz." + ext), new ByteArrayOutputStream(),
                            new LabelEdit(MatroskaLabelTest.LABEL, null), CTX);
                } catch (IOException refused) {
                    // refusing a damaged file is fine
                }
            }
            assertThat(new Verifier(CTX).verify(MediaInput.of(m, "fuzz." + ext)).source()).isEqualTo("fuzz." + ext);
        }
    }
}
