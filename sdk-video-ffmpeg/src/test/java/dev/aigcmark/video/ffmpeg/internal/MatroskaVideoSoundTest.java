package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Marking a Matroska (and WebM) video marks its sound: the file is made by the real tools (ffmpeg: H.264 or VP8
 * pictures with Opus sound, seeded pink noise; mkvmerge: a title, track names and languages, an SRT subtitle track, a
 * binary attachment, Segment-wide and track tags; mkvpropedit: chapters, one aimed at the audio track). After {@code
 * Marker.mark}: the same tracks (mkvmerge -J), every video and subtitle packet the same (ffmpeg framemd5), the sound
 * in sync with the picture to the sample (cross-correlated on the files' own timelines), the Morse prompt played over
 * its start without lengthening it, the payload linked to the label read by verify, and the user's data back in place
 * (attachment byte for byte, the chapter and the tags aimed at the new track UIDs, all of it in the SeekHead).
 */
class MatroskaVideoSoundTest {
    private static final int RATE = 48000;
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "mkvmerge", "mkvextract", "mkvpropedit", "mkvinfo");

    @ParameterizedTest
    @ValueSource(strings = {"mkv", "webm"}) // WebM: VP8, no subtitles or attachments
    void aVideosSoundIsMarkedInSyncWithEverythingElseKept(String ext) throws Exception {
        boolean webm = ext.equals("webm");
        Random random = TestSeed.random("MatroskaVideoSoundTest." + ext);
        System.out.println("seed " + TestSeed.seed());
        Path src = dir.resolve("src." + ext);
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25:duration=12", "-f", "lavfi", "-i",
                "anoisesrc=color=pink:amplitude=0.3:seed=" + (1 + random.nextInt(1 << 20)) + ":sample_rate=48000:duration=12",
                "-c:v", webm ? "libvpx" : "libx264", "-preset", "ultrafast", "-deadline", "realtime", "-c:a", "libopus",
                "-b:a", "64k", "-shortest", src.toString()).requireSuccess();
        byte[] cover = new byte[3000];
        random.nextBytes(cover);
        Path coverFile = Files.write(dir.resolve("cover-" + ext + ".bin"), cover);
        Path srt = Files.writeString(dir.resolve("sub.srt"), "1\n00:00:02,000 --> 00:00:04,000\nHello\n");
        Path tags = Files.writeString(dir.resolve("tags.xml"), "<?xml version=\"1.0\"?><Tags><Tag><Targets/>"
                + "<Simple><Name>ARTIST</Name><String>Generator</String></Simple></Tag></Tags>");
        Path trackTags = Files.writeString(dir.resolve("track-tags.xml"), "<?xml version=\"1.0\"?><Tags><Tag><Targets/>"
                + "<Simple><Name>COMMENT</Name><String>voice take 7</String></Simple></Tag></Tags>");
        Path in = dir.resolve("in." + ext);
        List<String> mux = new ArrayList<>(List.of("mkvmerge", "-q", "-o", in.toString(), "--title", "Host"));
        mux.addAll(webm ? List.of("--webm") : List.of("--attachment-mime-type", "application/octet-stream",
                "--attach-file", coverFile.toString(), "--global-tags", tags.toString()));
        mux.addAll(List.of("--track-name", "0:Picture", "--track-name", "1:Voice", "--language", "1:fre",
                "--tags", "1:" + trackTags, src.toString()));
        if (!webm) {
            mux.add(srt.toString());
        }
        ExternalTools.run(mux).requireSuccess();
        JsonNode before = mkvmerge(in);
        long oldAudioUid = before.path("tracks").get(1).path("properties").path("uid").asLong();
        Path chapters = Files.writeString(dir.resolve("chapters-" + ext + ".xml"), "<?xml version=\"1.0\"?><Chapters>"
                + "<EditionEntry><ChapterAtom><ChapterTimeStart>00:00:00.000000000</ChapterTimeStart><ChapterDisplay>"
                + "<ChapterString>Intro</ChapterString></ChapterDisplay></ChapterAtom><ChapterAtom><ChapterTimeStart>"
                + "00:00:06.000000000</ChapterTimeStart>" + (webm ? "" : "<ChapterTrack><ChapterTrackNumber>"
                + Long.toUnsignedString(oldAudioUid) + "</ChapterTrackNumber></ChapterTrack>") + "<ChapterDisplay>"
                + "<ChapterString>Talk</ChapterString></ChapterDisplay></ChapterAtom></EditionEntry></Chapters>");
        ExternalTools.run("mkvpropedit", "-q", in.toString(), "--chapters", chapters.toString()).requireSuccess();
        Path out = dir.resolve("marked." + ext);

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        assertThat(r.steps().toString()).contains("played over the sound", "frames not marked");
        JsonNode after = mkvmerge(out);
        assertThat(after.path("errors")).as("%s", after.path("errors")).isEmpty();
        assertThat(after.path("container").path("properties").path("title").asText()).isEqualTo("Host");
        assertThat(after.path("tracks")).hasSize(before.path("tracks").size());
        for (int i = 0; i < before.path("tracks").size(); i++) {
            assertThat(after.path("tracks").get(i).path("type").asText())
                    .isEqualTo(before.path("tracks").get(i).path("type").asText());
            assertThat(after.path("tracks").get(i).path("codec").asText())
                    .isEqualTo(before.path("tracks").get(i).path("codec").asText());
        }
        JsonNode audio = after.path("tracks").get(1).path("properties");
        long newAudioUid = audio.path("uid").asLong();
        assertThat(audio.path("track_name").asText()).isEqualTo("Voice");
        assertThat(audio.path("language").asText()).isEqualTo("fre");
        assertThat(after.path("tracks").get(0).path("properties").path("track_name").asText()).isEqualTo("Picture");
        // every packet of the picture and the subtitles, byte for byte (their times move with the whole file)
        assertThat(packetHashes(out, "v")).isEqualTo(packetHashes(in, "v"));
        if (!webm) {
            assertThat(packetHashes(out, "s")).isEqualTo(packetHashes(in, "s"));
            Path extracted = dir.resolve("extracted.bin");
            ExternalTools.run("mkvextract", out.toString(), "attachments", "1:" + extracted).requireSuccess();
            assertThat(Files.readAllBytes(extracted)).isEqualTo(cover);
        }
        Path chaptersOut = dir.resolve("chapters-out-" + ext + ".xml");
        ExternalTools.run("mkvextract", out.toString(), "chapters", chaptersOut.toString()).requireSuccess();
        String xml = Files.readString(chaptersOut, StandardCharsets.UTF_8);
        assertThat(xml).contains("<ChapterString>Talk</ChapterString>", "00:00:06.000000000");
        Path tagsOut = dir.resolve("tags-out-" + ext + ".xml");
        ExternalTools.run("mkvextract", out.toString(), "tags", tagsOut.toString()).requireSuccess();
        String tagsXml = Files.readString(tagsOut, StandardCharsets.UTF_8);
        assertThat(tagsXml).contains("voice take 7", "<TrackUID>" + Long.toUnsignedString(newAudioUid) + "</TrackUID>",
                r.label().produceId());
        if (!webm) {
            assertThat(xml).contains("<ChapterTrackNumber>" + Long.toUnsignedString(newAudioUid) + "</ChapterTrackNumber>");
            assertThat(tagsXml).contains("Generator");
        }
        if (newAudioUid != oldAudioUid) {
            assertThat(xml + tagsXml).doesNotContain(Long.toUnsignedString(oldAudioUid));
        }
        assertThat(MatroskaAudioKeepsDataTest.seekIndexed(out)).contains("Tags", "Chapters", "Tracks", "Cues");

        // the sound: in sync with the picture, as long as it was, the prompt over its start
        float[] was = sound(in);
        float[] now = sound(out);
        double moved = (videoStart(out) - videoStart(in)) * RATE;
        int lag = lag(was, now, 3 * RATE, 2 * RATE, 1500);
        assertThat(lag - moved).as("the sound against the picture, in samples (lag %d, the file moved %.1f)", lag, moved)
                .isCloseTo(0, within(2.0));
        assertThat(now.length - lag).as("length").isCloseTo(was.length, within(RATE / 50));
        Pcm head = new Pcm(new float[][]{Arrays.copyOfRange(now, Math.max(0, (int) Math.round(moved)),
                now.length)}, RATE);
        assertThat(MorsePrompt.presentAt(head, MorsePrompt.Position.START)).isTrue();
        assertThat(MorsePrompt.presentAt(new Pcm(new float[][]{was}, RATE), MorsePrompt.Position.START)).isFalse();

        VerificationReport report = new Verifier(MARKING.context()).verify(out);
        MARKING.readsTheLabelsAudioPayload(report, r);
    }

    /** The hash of every packet of the streams of {@code type}, in order (ffmpeg's framemd5, times left out). */
    static List<String> packetHashes(Path f, String type) {
        List<String> hashes = new ArrayList<>();
        for (String line : ExternalTools.run("ffmpeg", "-v", "error", "-i", f.toString(), "-map", "0:" + type, "-c",
                "copy", "-f", "framemd5", "-").requireSuccess().stdout().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] cols = line.split(",");
                hashes.add(cols[cols.length - 2].trim() + " " + cols[cols.length - 1].trim()); // size, md5
            }
        }
        assertThat(hashes).isNotEmpty();
        return hashes;
    }

    /** The sound as mono 48 kHz floats on the file's own timeline (sample 0 = time 0; gaps and lead-ins as silence). */
    private static float[] sound(Path f) throws Exception {
        return sound(f, 0, RATE, dir);
    }

    /** The same for audio track {@code track} at {@code rate}, through a scratch file in {@code scratch}. */
    static float[] sound(Path f, int track, int rate, Path scratch) throws Exception {
        Path raw = scratch.resolve(f.getFileName() + "." + track + ".f32");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-copyts", "-i", f.toString(), "-map", "0:a:" + track, "-af",
                "aresample=async=1:first_pts=0", "-ac", "1", "-ar", Integer.toString(rate), "-c:a", "pcm_f32le",
                "-f", "f32le", raw.toString()).requireSuccess();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 4];
        b.asFloatBuffer().get(x);
        return x;
    }

    static double videoStart(Path f) {
        return Double.parseDouble(ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "stream=start_time", "-of", "csv=p=0", f.toString()).requireSuccess().stdout().trim());
    }

    /** The shift (samples) of {@code b} against {@code a} that best matches {@code a[from, from + n)}. */
    static int lag(float[] a, float[] b, int from, int n, int range) {
        int best = 0;
        double bestC = -2;
        for (int lag = -range; lag <= range; lag++) {
            double xy = 0;
            double yy = 0;
            double xx = 0;
            for (int i = from; i < from + n; i++) {
                double x = a[i];
                double y = b[i + lag];
                xy += x * y;
                yy += y * y;
                xx += x * x;
            }
            double c = xy / Math.sqrt(xx * yy + 1e-30);
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        assertThat(bestC).as("the marked sound still matches the original").isGreaterThan(0.8);
        return best;
    }

    private static JsonNode mkvmerge(Path f) throws Exception {
        return MatroskaAudioKeepsDataTest.mkvmerge(f);
    }
}
