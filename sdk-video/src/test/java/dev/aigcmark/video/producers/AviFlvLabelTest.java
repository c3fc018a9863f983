package dev.aigcmark.video.producers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AVI ({@code LIST INFO/AIGC}) and FLV ({@code onMetaData} AIGC, as ffmpeg writes it): both read; our AVI label is read
 * back by ffprobe with every packet unchanged, and a producer's older INFO label does not survive beside it.
 */
class AviFlvLabelTest {
    static final AigcLabel LABEL = MatroskaLabelTest.LABEL;
    static final SdkContext CTX = TestContexts.defaults();

    @TempDir
    Path tmp;

    @Test
    void ffmpegsFlvOnMetaDataLabelIsRead() throws Exception {
        Path f = clip("flv", "flv1", List.of("-metadata", "AIGC=" + LabelJson.toBareJson(LABEL)));
        ImplicitLabel label = MatroskaLabelTest.onlyLabel(new Verifier(CTX).verify(f));
        assertThat(label.label()).isEqualTo(LABEL);
        assertThat(label.placement()).isEqualTo(Placement.STANDARD);
        assertThat(label.carrier()).startsWith("FLV onMetaData AIGC");
    }

    @Test
    void aviInfoLabelIsReadAndOursIsReadBackByFfprobe() throws Exception {
        Path plain = clip("avi", "mpeg4", List.of());
        Path labelled = Files.write(tmp.resolve("producer.avi"), withInfoBeforeMovi(Files.readAllBytes(plain),
                "{\"Label\":\"2\",\"ContentProducer\":\"\",\"ProduceID\":\"x\",\"ReservedCode1\":\"\",\"ContentPropagator\":\"\","
                        + "\"PropagateID\":\"\",\"ReservedCode2\":\"\"}"));
        assertThat(MatroskaLabelTest.ffprobeTag(labelled)).as("ffprobe reads the producer's INFO label").contains("\"Label\":\"2\"");
        ImplicitLabel found = MatroskaLabelTest.onlyLabel(new Verifier(CTX).verify(labelled));
        assertThat(found.placement()).isEqualTo(Placement.STANDARD);
        assertThat(found.label().label()).isEqualTo("2");

        Path out = tmp.resolve("marked.avi");
        try (MediaInput in = MediaInput.of(labelled); OutputStream os = Files.newOutputStream(out)) {
            ((LabelWriter) CTX.handler("avi").orElseThrow()).writeLabel(in, os, new LabelEdit(LABEL, null), CTX);
        }
        assertThat(MatroskaLabelTest.ffprobeTag(out)).isEqualTo(LabelJson.toBareJson(LABEL));
        VerificationReport report = new Verifier(CTX).verify(out);
        assertThat(MatroskaLabelTest.onlyLabel(report).label()).isEqualTo(LABEL);
        MatroskaLabelTest.assertSamePackets(labelled, out);
        var probe = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags", "-of", "json", out.toString())
                .requireSuccess();
        assertThat(new ObjectMapper().readTree(probe.stdout()).path("format").path("tags").has("JUNK")).isFalse();
    }

    Path clip(String ext, String codec, List<String> extra) {
        ExternalTools.assumeTool("ffmpeg");
        Path out = tmp.resolve("in-" + System.nanoTime() + "." + ext);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=96x64:rate=10", "-t", "1.5", "-c:v", codec, "-g", "5"));
        cmd.addAll(extra);
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }

    /**
     * A RIFF whose last bytes are too few to be a chunk (a damaged tail: VideoContainersFuzzTest#containers,
     * {@code containers/avi-riff-tail-shorter-than-a-chunk.avi}): the label list used to be appended after them, so a
     * reader took those bytes and its header for one chunk of 1.2 GB and our own output no longer scanned. The list
     * now follows the last whole chunk, the tail stays behind it, and the label reads back.
     */
    @Test
    void aTailTooShortForAChunkStaysBehindTheNewLabelList() throws Exception {
        byte[] tail = "2\":\"\"}".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer avi = ByteBuffer.allocate(12 + 12 + 8 + 56 + 12 + tail.length).order(ByteOrder.LITTLE_ENDIAN);
        avi.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(avi.capacity() - 8).put("AVI ".getBytes(StandardCharsets.US_ASCII));
        avi.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + 56).put("hdrl".getBytes(StandardCharsets.US_ASCII))
                .put("avih".getBytes(StandardCharsets.US_ASCII)).putInt(56).put(new byte[56]);
        avi.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4).put("movi".getBytes(StandardCharsets.US_ASCII)).put(tail);
        byte[] in = avi.array();
        var handler = CTX.handler("avi").orElseThrow();
        assertThat(handler.scan(MediaInput.of(in, "in.avi"), CTX).carriers()).isEmpty();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((LabelWriter) handler).writeLabel(MediaInput.of(in, "in.avi"), out, new LabelEdit(LABEL, null), CTX);
        byte[] labelled = out.toByteArray();
        assertThat(handler.scan(MediaInput.of(labelled, "out.avi"), CTX).carriers()).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo(LabelJson.toBareJson(LABEL)));
        assertThat(Arrays.copyOfRange(labelled, labelled.length - tail.length, labelled.length)).isEqualTo(tail);
    }

    /** A producer's {@code LIST INFO} with an AIGC chunk, inserted before {@code LIST movi} (byte-wise: ffmpeg writes only known INFO keys). */
    static byte[] withInfoBeforeMovi(byte[] avi, String json) {
        int movi = indexOf(avi, "movi".getBytes(StandardCharsets.US_ASCII)) - 8;
        byte[] text = (json + "\0").getBytes(StandardCharsets.UTF_8);
        int aigcSize = 8 + text.length + (text.length & 1);
        ByteBuffer info = ByteBuffer.allocate(12 + aigcSize).order(ByteOrder.LITTLE_ENDIAN);
        info.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4 + aigcSize).put("INFO".getBytes(StandardCharsets.US_ASCII))
                .put("AIGC".getBytes(StandardCharsets.US_ASCII)).putInt(text.length).put(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(avi, 0, movi);
        out.writeBytes(info.array());
        out.write(avi, movi, avi.length - movi);
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 8);
        // idx1 offsets are relative to movi, so moving movi keeps them right.
        return b;
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no movi list");
    }
}
