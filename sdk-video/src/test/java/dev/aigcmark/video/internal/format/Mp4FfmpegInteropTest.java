package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our label writer against the real ffmpeg: ffprobe sees the AIGC tag, every frame of every stream decodes
 * to the same checksums as before (so no chunk offset went astray), and labels ffmpeg writes are read by us.
 */
class Mp4FfmpegInteropTest {
    @TempDir
    static Path dir;
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();

    @BeforeAll
    static void tools() {
        ExternalTools.assumeTool("ffmpeg");
        ExternalTools.assumeTool("ffprobe");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "faststart.mp4, +faststart, ftyp moov",
            "moov-at-end.mp4, '', ftyp free mdat moov",
            "with-tags.mp4, +faststart+use_metadata_tags, ftyp moov",
            "quicktime.mov, '', ftyp wide mdat moov",
            "fragmented.mp4, +frag_keyframe+empty_moov, ftyp moov moof",
            "fragmented-moof-base.mp4, +frag_keyframe+empty_moov+default_base_moof, ftyp moov moof",
    })
    void labelledClipDecodesIdenticallyAndFfprobeShowsTheLabel(String name, String movflags, String layoutPrefix)
            throws IOException {
        List<String> extra = new ArrayList<>(List.of("-g", "12"));
        if (!movflags.isEmpty()) {
            extra.addAll(List.of("-movflags", movflags));
        }
        if (movflags.contains("use_metadata_tags")) {
            extra.addAll(List.of("-metadata", "title=kept", "-metadata", "AIGC={\"Label\":\"3\"}"));
        } else {
            extra.addAll(List.of("-metadata", "title=kept"));
        }
        Path in = Clips.make(dir, name, "160x120", 1.2, Clips.H264_AAC, extra.toArray(String[]::new));
        List<String> layoutBefore = Boxes.topLevelTypes(MediaInput.of(in));
        assertThat(String.join(" ", layoutBefore)).startsWith(layoutPrefix);
        String before = Clips.frameChecksums(in);

        AigcLabel label = Mp4LabelWriteTest.label("clip-" + name.hashCode());
        Path out = dir.resolve("labelled-" + name);
        handler.writeLabel(in, out, new LabelEdit(label, null), context);

        assertThat(Boxes.topLevelTypes(MediaInput.of(out))).isEqualTo(layoutBefore);
        assertThat(Clips.frameChecksums(out)).isEqualTo(before);
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(LabelJson.toBareJson(label));
        String title = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=title",
                "-of", "default=nw=1:nk=1", out.toString()).requireSuccess().stdout().strip();
        assertThat(title).isEqualTo("kept");
        try (MediaInput mi = MediaInput.of(out)) {
            Container c = handler.scan(mi, context);
            assertThat(c.carriers(CarrierType.AIGC_JSON)).extracting(Carrier::text)
                    .containsExactly(LabelJson.toBareJson(label));
        }
    }

    @Test
    void labelWrittenByFfmpegIsRead() throws IOException {
        String json = LabelJson.toBareJson(Mp4LabelWriteTest.label("by-ffmpeg"));
        Path in = Clips.make(dir, "ffmpeg-label.mp4", "160x120", 0.5, Clips.H264_AAC,
                "-metadata", "AIGC=" + json, "-movflags", "+use_metadata_tags");
        try (MediaInput mi = MediaInput.of(in)) {
            Container c = handler.scan(mi, context);
            assertThat(c.problems()).isEmpty();
            assertThat(c.carriers(CarrierType.AIGC_JSON)).singleElement().satisfies(carrier -> {
                assertThat(carrier.text()).isEqualTo(json);
                assertThat(carrier.location()).isEqualTo("moov/udta/meta/ilst");
            });
        }
    }

    @Test
    void verifierReportsTheImplicitLabelOfALabelledClip() throws IOException {
        Path in = Clips.make(dir, "to-verify.mp4", "160x120", 0.5, Clips.H264_AAC, "-movflags", "+faststart");
        Path out = dir.resolve("verified.mp4");
        AigcLabel label = Mp4LabelWriteTest.label("verify-me");
        handler.writeLabel(in, out, new LabelEdit(label, null), context);
        // Service-loaded handlers and codecs, as the CLI uses them.
        VerificationReport report = new Verifier(TestContexts.defaults()).verify(out);
        assertThat(report.format()).isEqualTo("mp4");
        assertThat(report.findings(ImplicitLabel.class)).singleElement().satisfies(f -> {
            ImplicitLabel l = (ImplicitLabel) f.mark();
            assertThat(l.label()).isEqualTo(label);
            assertThat(l.carrier()).contains("moov/udta/meta");
            assertThat(l.wrapped()).isFalse();
        });
        assertThat(new Verifier(TestContexts.defaults()).verify(in).findings(ImplicitLabel.class)).isEmpty();
    }

    @Test
    void audioOnlyM4aIsLabelled() throws IOException {
        Path in = dir.resolve("tone.m4a");
        ExternalTools.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100",
                "-t", "1", "-c:a", "aac", in.toString()).requireSuccess();
        assertThat(handler.sniff(MediaInput.of(in).readFully(0, 12), 12, "tone.m4a")).isTrue();
        String before = Clips.frameChecksums(in);
        AigcLabel label = Mp4LabelWriteTest.label("audio");
        Path out = dir.resolve("tone-labelled.m4a");
        handler.writeLabel(in, out, new LabelEdit(label, null), context);
        assertThat(Clips.frameChecksums(out)).isEqualTo(before);
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(LabelJson.toBareJson(label));
    }
}
