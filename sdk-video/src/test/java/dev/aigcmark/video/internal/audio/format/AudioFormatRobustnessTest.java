package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.container.OggPages;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relabelling keeps exactly one label; damaged files end in a clear error or a report, never a crash; an Ogg header
 * that outgrows its pages renumbers the audio pages with valid CRCs and ffmpeg still decodes the same samples.
 */
class AudioFormatRobustnessTest {
    private static final SdkContext CTX = TestContexts.defaults();
    @TempDir
    Path tmp;

    static AigcLabel label(String id) {
        return AigcLabel.produced(LabelValue.AI_GENERATED, "001191110102MACQD9K64010000", ProduceId.of(id));
    }

    static FormatHandler handler(String id) {
        return CTX.handler(id).orElseThrow();
    }

    static byte[] write(FormatHandler h, byte[] in, AigcLabel label) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) h).writeLabel(MediaInput.of(in, "in"), out, new LabelEdit(label, null), CTX);
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"wav,pcm_s16le,wav", "mp3,libmp3lame,mp3", "flac,flac,flac", "opus,libopus,ogg", "ogg,libvorbis,ogg"})
    void relabellingKeepsOneLabelAndDamageNeverCrashes(String ext, String codec, String id) throws Exception {
        byte[] in = Files.readAllBytes(AudioLabelRoundTripTest.clip(tmp, ext, codec));
        FormatHandler h = handler(id);
        byte[] once = write(h, in, label("first-"));
        byte[] twice = write(h, once, label("second"));
        var labels = h.scan(MediaInput.of(twice, "x." + ext), CTX).carriers(CarrierType.AIGC_JSON);
        assertThat(labels).singleElement().satisfies(c -> assertThat(c.text()).contains("\"second\""));
        if (!ext.equals("ogg") && !ext.equals("opus")) {
            assertThat(twice.length).as("the same-size label reuses its room").isEqualTo(once.length);
        }

        Random random = TestSeed.random("AudioFormatRobustnessTest." + ext);
        for (int i = 0; i < 300; i++) {
            byte[] bad = once.clone();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                bad[random.nextInt(Math.min(bad.length, 2048))] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                bad = Arrays.copyOf(bad, random.nextInt(bad.length));
            }
            try {
                h.scan(MediaInput.of(bad, "bad." + ext), CTX);
                write(h, bad, label("third"));
            } catch (IOException expected) {
                // unreadable or unwritable: a clear error is the contract, a RuntimeException is the defect
            }
        }
    }

    @Test
    void oggHeaderThatOutgrowsItsPagesRenumbersTheAudioPages() throws Exception {
        Path in = AudioLabelRoundTripTest.clip(tmp, "ogg", "libvorbis");
        String big = "A".repeat(70_000); // more than one page can hold: the comment header needs another page
        AigcLabel label = label("big").withReservedCode2(big);
        byte[] out = write(handler("ogg"), Files.readAllBytes(in), label);
        Path o = Files.write(tmp.resolve("big.ogg"), out);
        int pages = 0;
        long pos = 0;
        int expected = 0;
        try (MediaInput m = MediaInput.of(out, "o")) {
            while (pos < out.length) {
                OggPages.Page p = OggPages.page(m, pos);
                assertThat(OggPages.crcMatches(Arrays.copyOfRange(out, (int) pos, (int) p.end()))).isTrue();
                assertThat(p.sequence()).isEqualTo(expected++);
                pos = p.end();
                pages++;
            }
        }
        assertThat(pages).isGreaterThan(3);
        assertThat(AudioLabelRoundTripTest.decodedMd5(o)).isEqualTo(AudioLabelRoundTripTest.decodedMd5(in));
        ExternalTools.assumeTool("ffprobe");
        assertThat(AudioLabelRoundTripTest.ffprobeTags(o)).contains("\\\"ProduceID\\\":\\\"big\\\"");
    }
}
