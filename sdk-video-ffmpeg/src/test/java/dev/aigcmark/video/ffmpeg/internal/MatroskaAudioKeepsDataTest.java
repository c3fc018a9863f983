package dev.aigcmark.video.ffmpeg.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.MarkResult;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.TestAudio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Marking the sound of an audio-only Matroska (and WebM) file loses none of the user's data. The file is made by the real tools
 * the way a producer makes one: ffmpeg encodes Opus at 96k, mkvmerge muxes it with a title, a track name and
 * language, three chapters (one of them aimed at the track), a binary attachment, Segment-wide tags and tags aimed at
 * the track (and its own statistics tags). After {@code aigc mark}, independent readers (mkvmerge -J, mkvextract,
 * ffprobe, exiftool) find all of it in the output: the tags aimed at the new track's UID, the statistics measured
 * again, the chapters moved with their sound (the prompt and the lead-in), the attachment byte for byte; the
 * stream's mean bit rate is the original's; verify reads the watermark and says nothing about video.
 */
class MatroskaAudioKeepsDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    @RegisterExtension
    static final TrustedMarking MARKING = TrustedMarking.assuming("ffmpeg", "mkvmerge", "mkvextract");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mka", "webm"}) // WebM has no attachments: the rest is the same
    void markingKeepsChaptersAttachmentsTagsAndTheBitRate(String ext) throws Exception {
        boolean webm = ext.equals("webm");
        Random random = TestSeed.random("MatroskaAudioKeepsDataTest.files." + ext);
        float[] left = TestAudio.noise(20, 48000, "MatroskaAudioKeepsDataTest.left").channels()[0];
        float[] right = TestAudio.noise(20, 48000, "MatroskaAudioKeepsDataTest.right").channels()[0];
        Path wav = TestAudio.writeWav(new Pcm(new float[][]{left, right}, 48000), dir.resolve("host.wav"));
        Path opus = dir.resolve("host." + ext);
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "libopus", "-b:a", "96k",
                opus.toString()).requireSuccess();
        Path globalTags = Files.writeString(dir.resolve("global.xml"), "<?xml version=\"1.0\"?>\n<Tags><Tag><Targets>"
                + "<TargetTypeValue>50</TargetTypeValue></Targets><Simple><Name>ARTIST</Name><String>Generator</String>"
                + "</Simple><Simple><Name>COPYRIGHT</Name><String>2026 Producer</String></Simple></Tag></Tags>");
        Path trackTags = Files.writeString(dir.resolve("track.xml"), "<?xml version=\"1.0\"?>\n<Tags><Tag><Targets>"
                + "</Targets><Simple><Name>COMMENT</Name><String>voice take 7</String></Simple></Tag></Tags>");
        byte[] cover = new byte[5000 + random.nextInt(3000)];
        random.nextBytes(cover);
        Path coverFile = Files.write(dir.resolve("cover.bin"), cover);
        Path in = dir.resolve("in." + ext);
        List<String> mux = new ArrayList<>(List.of("mkvmerge", "-q", "-o", in.toString(), "--title", "Host",
                "--global-tags", globalTags.toString(), "--track-name", "0:Narration", "--language", "0:fr",
                "--tags", "0:" + trackTags));
        mux.addAll(webm ? List.of("--webm") : List.of("--attachment-mime-type", "application/octet-stream",
                "--attach-file", coverFile.toString()));
        mux.add(opus.toString());
        ExternalTools.run(mux).requireSuccess();
        long oldUid = mkvmerge(in).path("tracks").get(0).path("properties").path("uid").asLong();
        // chapters at 0, 5.5 s and about 12.3 s (the last aimed at the track, with an end time), added in place
        double[] starts = {0, 5.5, 12.25 + random.nextInt(100) / 1000.0};
        Path chapters = Files.writeString(dir.resolve("chapters.xml"), "<?xml version=\"1.0\"?>\n<Chapters><EditionEntry>"
                + chapter(starts[0], "Intro", null, 0) + chapter(starts[1], "Verse", null, 0)
                + chapter(starts[2], "Outro", "00:00:18.000000000", oldUid) + "</EditionEntry></Chapters>");
        ExternalTools.run("mkvpropedit", "-q", in.toString(), "--chapters", chapters.toString()).requireSuccess();
        Path out = dir.resolve("marked." + ext);

        MarkResult r = new Marker(MARKING.context()).mark(in, out, MarkIntent.builder().c2pa(false).build());

        double prompt = MorsePrompt.tone(48000).length / 48000.0;
        JsonNode after = mkvmerge(out);
        assertThat(after.path("errors")).as("%s", after.path("errors")).isEmpty();
        assertThat(after.path("container").path("properties").path("title").asText()).isEqualTo("Host");
        JsonNode track = after.path("tracks").get(0).path("properties");
        long newUid = track.path("uid").asLong();
        assertThat(track.path("track_name").asText()).isEqualTo("Narration");
        assertThat(track.path("language").asText()).isEqualTo("fre");
        // the attachment, byte for byte
        assertThat(after.path("attachments")).hasSize(webm ? 0 : 1);
        if (!webm) {
            assertThat(after.path("attachments").get(0).path("file_name").asText()).isEqualTo("cover.bin");
            Path extracted = dir.resolve("extracted.bin");
            ExternalTools.run("mkvextract", out.toString(), "attachments", "1:" + extracted).requireSuccess();
            assertThat(Files.readAllBytes(extracted)).isEqualTo(cover);
        }
        // the chapters: each moved with its sound (the prompt plays inside the first), the track one aimed anew
        Path chaptersOut = dir.resolve("chapters-out-" + ext + ".xml");
        ExternalTools.run("mkvextract", out.toString(), "chapters", chaptersOut.toString()).requireSuccess();
        String xml = Files.readString(chaptersOut, StandardCharsets.UTF_8);
        if (!webm) { // WebM chapters have no ChapterTrack (mkvpropedit leaves it out)
            assertThat(xml).contains("<ChapterTrackNumber>" + Long.toUnsignedString(newUid) + "</ChapterTrackNumber>");
        }
        JsonNode probed = JSON.readTree(ExternalTools.run("ffprobe", "-v", "error", "-show_chapters", "-show_streams",
                "-show_format", "-of", "json", out.toString()).requireSuccess().stdout());
        JsonNode ch = probed.path("chapters");
        assertThat(ch).hasSize(3);
        assertThat(ch.get(0).path("tags").path("title").asText()).isEqualTo("Intro");
        assertThat(ch.get(0).path("start_time").asDouble()).isEqualTo(0);
        // each later by the prompt and by our encoder's lead-in less the original's decoder delay, as its sound is
        // (10 ms for Opus, whose pre-skip CodecDelay takes away; to the sample: MatroskaChapterSyncTest)
        double moved = ch.get(1).path("start_time").asDouble() - starts[1];
        assertThat(moved).isBetween(prompt, prompt + 0.021);
        assertThat(ch.get(2).path("start_time").asDouble()).isCloseTo(starts[2] + moved, within(0.0011));
        assertThat(ch.get(2).path("end_time").asDouble()).isCloseTo(18 + moved, within(0.0011));
        assertThat(ch.get(2).path("tags").path("title").asText()).isEqualTo("Outro");
        // the tags: Segment-wide ones as they were, the track's aimed at the new UID, its statistics measured again
        Path tagsOut = dir.resolve("tags-out-" + ext + ".xml");
        ExternalTools.run("mkvextract", out.toString(), "tags", tagsOut.toString()).requireSuccess();
        String tags = Files.readString(tagsOut, StandardCharsets.UTF_8);
        assertThat(tags).contains("<String>Generator</String>", "<String>2026 Producer</String>",
                "<String>voice take 7</String>", "<TrackUID>" + Long.toUnsignedString(newUid) + "</TrackUID>", r.label().produceId());
        if (newUid != oldUid) {
            assertThat(tags + xml).doesNotContain(Long.toUnsignedString(oldUid));
        }
        JsonNode streamTags = probed.path("streams").get(0).path("tags");
        assertThat(streamTags.path("COMMENT").asText()).isEqualTo("voice take 7");
        long outBytes = packetBytes(out);
        double outSeconds = probed.path("format").path("duration").asDouble();
        if (!webm) { // mkvmerge writes its track statistics in Matroska only
            long frames = Long.parseLong(streamTags.path("NUMBER_OF_FRAMES").asText());
            assertThat(Long.parseLong(streamTags.path("NUMBER_OF_BYTES").asText())).isEqualTo(outBytes);
            assertThat(frames).isEqualTo(packetCount(out));
            assertThat(Long.parseLong(streamTags.path("BPS").asText()))
                    .isCloseTo(Math.round(outBytes * 8 / outSeconds), within(50L));
        }
        // the mean bit rate of the stream is the original's (libopus asked 96k gave its own mean; ours is that one)
        double inSeconds = ffprobeDuration(in);
        double inRate = packetBytes(in) * 8 / inSeconds;
        double outRate = outBytes * 8 / outSeconds;
        assertThat(outRate / inRate).as("%.0f b/s from %.0f b/s", outRate, inRate).isCloseTo(1, within(0.05));
        // a reader that trusts the SeekHead finds what was put back (mkvinfo: each entry at an element of its kind)
        assertThat(seekIndexed(out)).contains("Tags", "Chapters", "Segment information", "Tracks", "Cues");
        if (!webm) {
            assertThat(seekIndexed(out)).contains("Attachments");
        }
        ExternalTools.assumeTool("exiftool");
        String exif = ExternalTools.run("exiftool", "-a", "-u", out.toString()).requireSuccess().stdout();
        assertThat(exif).contains("Narration", "voice take 7", "Generator", r.label().produceId());
        if (!webm) {
            assertThat(exif).contains("cover.bin");
        }

        VerificationReport report = new Verifier(MARKING.context()).verify(out);
        MARKING.readsTheLabelsAudioPayload(report, r);
        assertThat(report.diagnostics().toString()).as("an audio-only file gets no video note")
                .doesNotContain("wm.video");
    }

    private static String chapter(double start, String title, String end, long trackUid) {
        return "<ChapterAtom><ChapterTimeStart>" + time(start) + "</ChapterTimeStart>"
                + (end == null ? "" : "<ChapterTimeEnd>" + end + "</ChapterTimeEnd>")
                + (trackUid == 0 ? "" : "<ChapterTrack><ChapterTrackNumber>" + Long.toUnsignedString(trackUid)
                + "</ChapterTrackNumber></ChapterTrack>")
                + "<ChapterDisplay><ChapterString>" + title + "</ChapterString></ChapterDisplay></ChapterAtom>";
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format("00:00:%02d.%03d000000", ms / 1000, ms % 1000);
    }

    /**
     * The level-1 elements the first SeekHead indexes, by mkvinfo's names ("Tags", "Segment information"...), each
     * checked against the element mkvinfo finds at that position (positions are Segment-relative: the first level-1
     * element is at 0).
     */
    static Set<String> seekIndexed(Path f) {
        String info = ExternalTools.run("mkvinfo", "-a", "-P", f.toString()).requireSuccess().stdout();
        String segment = info.substring(info.indexOf("\n+ Segment"));
        Map<Long, String> at = new HashMap<>();
        long data = -1;
        Matcher top = Pattern.compile("(?m)^\\|\\+ (.+?)(?: \\(subentries will be skipped\\))? at (\\d+)$")
                .matcher(segment);
        while (top.find()) {
            long pos = Long.parseLong(top.group(2));
            data = data < 0 ? pos : data;
            at.put(pos - data, top.group(1));
        }
        Set<String> indexed = new HashSet<>();
        int head = segment.indexOf("|+ Seek head");
        int end = segment.indexOf("\n|+ ", head + 1);
        Matcher seek = Pattern.compile("(?m)^\\|  \\+ Seek ID: [^(]*\\(Kax(\\w+)\\) at \\d+\\n\\|  \\+ Seek position: (\\d+)")
                .matcher(segment.substring(head, end));
        while (seek.find()) {
            String name = seek.group(1).equals("Info") ? "Segment information" : seek.group(1);
            assertThat(at.get(Long.parseLong(seek.group(2)))).as("the element at Seek position %s", seek.group(2))
                    .isEqualTo(name);
            indexed.add(name);
        }
        return indexed;
    }

    static JsonNode mkvmerge(Path f) throws Exception {
        return JSON.readTree(ExternalTools.run("mkvmerge", "-J", f.toString()).requireSuccess().stdout());
    }

    private static List<Long> packetSizes(Path f) {
        List<Long> sizes = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(\\d+)").matcher(ExternalTools.run("ffprobe", "-v", "error",
                "-select_streams", "a:0", "-show_entries", "packet=size", "-of", "csv=p=0", f.toString())
                .requireSuccess().stdout());
        while (m.find()) {
            sizes.add(Long.parseLong(m.group(1)));
        }
        return sizes;
    }

    private static long packetBytes(Path f) {
        return packetSizes(f).stream().mapToLong(Long::longValue).sum();
    }

    private static long packetCount(Path f) {
        return packetSizes(f).size();
    }

    private static double ffprobeDuration(Path f) {
        return Double.parseDouble(ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", f.toString()).requireSuccess().stdout().trim());
    }
}
