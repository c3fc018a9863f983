package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.c2pa.TestIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.core.internal.watermark.WatermarkPayloads;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known-payload test through {@link Marker} and {@link Verifier}: 10 s excerpts of a marked 30 s music WAV, cut
 * by an editor that keeps the file's other chunks (so the signed label stays; a WAV label binds no content digest).
 * Where no payload can be read without knowing it, verify asks for the one the label names and reports it as
 * {@code wm.audio.confirmed}, with the test's figures, never as {@code wm.audio.found}; the same excerpts without the
 * label report no such finding (the test does not help a stripped file), and the label put on the unmarked music
 * confirms nothing.
 */
class AudioKnownPayloadTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;
    private static SdkContext context;
    private static TestIdentity dev;

    @BeforeAll
    static void identity() throws Exception {
        dev = TestIdentity.create(home.resolve("aigc-home"));
        context = dev.trustingContext("AudioKnownPayloadTest");
    }

    @Test
    void excerptsThatKeepTheLabelConfirmItsPayloadAndOnlyThen() throws Exception {
        Pcm host = TestAudio.music(30, 44100, "AudioKnownPayloadTest");
        Path in = TestAudio.writeWav(host, tmp.resolve("in.wav"));
        Path out = tmp.resolve("out.wav");
        MarkResult r = new Marker(context).mark(in, out, MarkIntent.builder().c2pa(false).build());
        String expected = HexFormat.of().formatHex(WatermarkPayloads.forLabel(r.label(), dev.identity()));
        WatermarkKey key = dev.identity().watermarkKey();
        WatermarkPayload payload = WatermarkPayload.unpack(HexFormat.of().parseHex(expected));
        int confirmed = 0;
        StringBuilder seen = new StringBuilder();
        for (double from : new double[]{3, 9, 15, 21}) {
            Path excerpt = withData(out, tmp.resolve("excerpt-" + from + ".wav"), d -> slice(out, d, from, 10));
            VerificationReport report = new Verifier(context).verify(excerpt);
            MarkFinding label = report.findings(ImplicitLabel.class).get(0);
            assertThat(label.hasStatus(StatusCodes.SIG_PRODUCER_VALID)).isTrue();
            List<MarkFinding> marks = audioMarks(report);
            seen.append(String.format(Locale.ROOT, " %.0f s: %s;", from, marks.stream()
                    .map(f -> f.statuses().get(0).code().id() + " " + ((Watermark) f.mark()).details()).toList()));
            // what verify must say follows from the detector on the same samples, whatever the seed's music:
            // read -> found; else the label's payload asked -> confirmed exactly when the test confirms it
            float[] mono = TestAudio.decode(excerpt, 44100, 2).mono();
            boolean read = new AudioDetector().detect(mono, 44100, List.of(key)).isPresent();
            boolean confirmable = !read && AudioDetector.confirm(mono, 44100, key, payload).isPresent();
            assertThat(marks).as(seen.toString()).hasSize(read || confirmable ? 1 : 0);
            if (marks.isEmpty()) {
                continue;
            }
            Watermark w = (Watermark) marks.get(0).mark();
            assertThat(w.payloadHex()).isEqualTo(expected);
            assertThat(marks.get(0).hasStatus(StatusCodes.WM_AUDIO_FOUND)).isEqualTo(read);
            assertThat(marks.get(0).hasStatus(StatusCodes.WM_AUDIO_CONFIRMED)).isEqualTo(confirmable);
            if (confirmable) {
                confirmed++;
                assertThat(w.details()).containsEntry("read", "confirmedKnownPayload").containsEntry("payloadsAsked", 1)
                        .containsEntry("falsePositiveBound", AudioDetector.CONFIRM_FALSE_POSITIVES);
                assertThat((Double) w.details().get("confirmZ")).isGreaterThanOrEqualTo(
                        (Double) w.details().get("confirmThreshold")).isGreaterThan((Double) w.details().get("nearestSerialZ"));
                // without the label, nothing names the payload: the same samples report no watermark
                Path stripped = TestAudio.writeWav(TestAudio.decode(excerpt, 44100, 2), tmp.resolve("stripped.wav"));
                VerificationReport bare = new Verifier(context).verify(stripped);
                assertThat(bare.findings(ImplicitLabel.class)).isEmpty();
                assertThat(audioMarks(bare)).isEmpty();
            }
        }
        // how many of the four the label's payload saved depends on the seed's music (0 to 4, review of session 14)
        System.out.println("AudioKnownPayloadTest: " + confirmed + " of 4 cuts confirmed;" + seen);

        // the label on music that was never marked (its samples in the marked file's place): nothing to confirm
        Path transplant = withData(out, tmp.resolve("transplant.wav"), d -> slice(in, pcm16(in), 3, 10));
        VerificationReport report = new Verifier(context).verify(transplant);
        assertThat(report.findings(ImplicitLabel.class)).isNotEmpty();
        assertThat(audioMarks(report)).isEmpty();
    }

    private static List<MarkFinding> audioMarks(VerificationReport report) {
        return report.findings(Watermark.class).stream()
                .filter(f -> ((Watermark) f.mark()).scheme().equals(AudioWatermarkCodec.SCHEME)).toList();
    }

    /** A copy of {@code wav} with every chunk as it was but {@code data}, whose bytes {@code data} replaces. */
    private static Path withData(Path wav, Path out, UnaryOperator<byte[]> data) throws IOException {
        byte[] b = Files.readAllBytes(wav);
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b, 0, 12);
        for (int pos = 12; pos + 8 <= b.length; ) {
            String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
            int size = in.getInt(pos + 4);
            byte[] body = Arrays.copyOfRange(b, pos + 8, pos + 8 + size);
            if (id.equals("data")) {
                body = data.apply(body);
            }
            o.write(b, pos, 4);
            o.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
            o.write(body);
            if (body.length % 2 == 1) {
                o.write(0);
            }
            pos += 8 + size + (size & 1);
        }
        byte[] w = o.toByteArray();
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putInt(4, w.length - 8);
        return Files.write(out, w);
    }

    /** The bytes of {@code seconds} of samples from {@code from} in a 16-bit stereo 44.1 kHz {@code data} chunk. */
    private static byte[] slice(Path wav, byte[] data, double from, double seconds) {
        int frame = 4;
        int start = (int) Math.round(from * 44100) * frame;
        return Arrays.copyOfRange(data, start, Math.min(data.length, start + (int) Math.round(seconds * 44100) * frame));
    }

    private static byte[] pcm16(Path wav) {
        try {
            byte[] b = Files.readAllBytes(wav);
            return Arrays.copyOfRange(b, 44, b.length); // TestAudio.writeWav: a 44-byte header, then the samples
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
