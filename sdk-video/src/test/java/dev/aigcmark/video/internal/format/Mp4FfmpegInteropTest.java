package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.internal.io.ForwardingInput;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.Clips;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our label writer against the real ffmpeg: ffprobe sees the AIGC tag, every frame of every stream decodes
 * to the same checksums as before (so no chunk offset went astray), and labels ffmpeg writes are read by us; also
 * the writer that reserves moov's room before the samples are digested (fragments, fast start).
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

    /*
     * Labelling from the scan into a file when the samples follow moov (fragments, fast start): moov's room is
     * reserved (the edited moov and a free box, sized by the placeholder label), the rest copied while a helper
     * digests the samples, and the label signed once over that digest fills the room last. The label must be signed
     * over the digest the verifier computes of the input and of the output, every frame must decode as before (no
     * offset astray: explicit tfhd base offsets, stco), ffprobe must show the label, and a second label reuses the
     * room: nothing after moov moves.
     */

    /** What one label write did: the digests it signed over (one per label call) and what it wrote. */
    private record Written(List<ContentDigest> signedOver, AigcLabel label) {
    }

    /** A placeholder's ReservedCode1: the length of a signature's stand-in. */
    private static final String PLACEHOLDER_CODE = "0".repeat(40);

    /**
     * Labels {@code in} into {@code out} through the reserving writer (any size of samples); the label signed over
     * the real digest is {@code longerBy} characters longer than its placeholder (negative: shorter, as a DER
     * signature may be).
     */
    private Written label(Path in, Path out, String id, int longerBy) throws IOException {
        List<ContentDigest> signedOver = new ArrayList<>();
        AigcLabel[] last = new AigcLabel[1];
        LabelEdit placeholder = new LabelEdit(TestMarks.label(id).withReservedCode1(PLACEHOLDER_CODE), null);
        try (MediaInput mi = MediaInput.of(in); AtomicOutput atomic = AtomicOutput.to(out)) {
            try (MediaOutput os = AtomicOutput.stream(atomic.temp())) {
                assertThat(os.canWriteAt()).isTrue();
                handler.writeLabel(handler.scan(mi, context), mi, os, Signings.of(d -> {
                    signedOver.add(d);
                    last[0] = TestMarks.label(id).withReservedCode1("x".repeat(PLACEHOLDER_CODE.length() + longerBy));
                    return new LabelEdit(last[0], null);
                }, placeholder), context, 0);
            }
            atomic.commit();
        }
        return new Written(signedOver, last[0]);
    }

    private ContentDigest digestOf(Path file) throws IOException {
        try (MediaInput mi = MediaInput.of(file)) {
            return handler.contentDigest(handler.scan(mi, context));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "reserved-fragmented.mp4, +frag_keyframe+empty_moov",
            "reserved-fragmented-moof-base.mp4, +frag_keyframe+empty_moov+default_base_moof",
            "reserved-faststart.mp4, +faststart",
    })
    void labelFillsTheRoomReservedInMoovAndEveryFrameDecodesAsBefore(String name, String movflags) throws IOException {
        Path in = Clips.make(dir, name, "160x120", 1.2, Clips.H264_AAC, "-g", "12", "-movflags", movflags,
                "-metadata", "title=kept");
        byte[] original = Files.readAllBytes(in);
        List<String> layoutBefore = Boxes.topLevelTypes(MediaInput.of(in));
        String frames = Clips.frameChecksums(in);
        Path out = dir.resolve("labelled-" + name);

        Written w = label(in, out, "reserved-" + name.hashCode(), -30);

        assertThat(Files.readAllBytes(in)).as("input untouched").isEqualTo(original);
        assertThat(w.signedOver()).as("one signature per file").hasSize(1);
        assertThat(w.signedOver().get(0)).isEqualTo(digestOf(in)).isEqualTo(digestOf(out));
        List<String> layout = new ArrayList<>(layoutBefore);
        int afterMoov = layout.indexOf("moov") + 1;
        if (!layout.get(afterMoov).equals("free")) { // ffmpeg's fast start leaves a free box there: reused
            layout.add(afterMoov, "free");
        }
        assertThat(Boxes.topLevelTypes(MediaInput.of(out))).isEqualTo(layout);
        assertThat(Clips.frameChecksums(out)).isEqualTo(frames);
        String json = LabelJson.toBareJson(w.label());
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(json);
        String title = ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=title",
                "-of", "default=nw=1:nk=1", out.toString()).requireSuccess().stdout().strip();
        assertThat(title).isEqualTo("kept");
        try (MediaInput mi = MediaInput.of(out)) {
            assertThat(handler.scan(mi, context).carriers(CarrierType.AIGC_JSON)).extracting(Carrier::text)
                    .containsExactly(json);
        }

        // Labelled again (a label as long): moov and its free box take the same room, so nothing after them moves.
        Path again = dir.resolve("again-" + name);
        Written w2 = label(out, again, "reserved-" + name.hashCode(), -30);
        assertThat(Files.size(again)).isEqualTo(Files.size(out));
        assertThat(Boxes.topLevelTypes(MediaInput.of(again))).isEqualTo(layout);
        assertThat(tail(again)).isEqualTo(tail(out));
        assertThat(w2.signedOver()).containsExactly(digestOf(in));
        assertThat(Clips.frameChecksums(again)).isEqualTo(frames);
    }

    /** The bytes after moov and the free box that follows it. */
    private byte[] tail(Path file) throws IOException {
        MediaInput mi = MediaInput.of(file);
        List<BoxHeader> boxes = TopLevel.read(mi, context.limits()).boxes();
        for (int i = 0; i + 1 < boxes.size(); i++) {
            if (boxes.get(i).type() == BoxTypes.MOOV) {
                long from = boxes.get(i + 1).end();
                return Arrays.copyOfRange(Files.readAllBytes(file), (int) from, (int) Files.size(file));
            }
        }
        throw new AssertionError("no moov in " + file);
    }

    /**
     * A signer whose label outgrows the room its placeholder sized (a signature longer than its algorithm's longest):
     * the output is the two-pass writer's for that signed label, and the key is not used again (review of session 16,
     * N3: this was a BmffFormatException, an "unreadable input" to the CLI, exit 4).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "reserved-outgrown-fragmented.mp4, +frag_keyframe+empty_moov",
            "reserved-outgrown-faststart.mp4, +faststart",
    })
    void aLabelThatOutgrowsItsRoomGetsTheTwoPassWriterBytesSignedOnce(String name, String movflags)
            throws IOException {
        Path in = Clips.make(dir, name, "160x120", 0.5, Clips.H264_AAC, "-movflags", movflags);
        Path out = dir.resolve("labelled-" + name);
        Written w = label(in, out, "outgrown", Mp4Handler.SLACK + 1);
        assertThat(w.signedOver()).containsExactly(digestOf(in));
        assertThat(Files.readAllBytes(out)).isEqualTo(twoPass(in, new LabelEdit(w.label(), null)));
        assertThat(Clips.ffprobeAigcTag(out)).isEqualTo(LabelJson.toBareJson(w.label()));
    }

    /**
     * The boxes a label keeps as they are go to the kernel as one run: after moov's room, a fragmented clip whose
     * fragments hold no absolute offset (default-base-is-moof) is one transfer up to the mfra (whose moof offsets
     * move), not one per sample box (session 16: 225 sendfile calls for a 123 MB clip); the moofs rewritten to the
     * same bytes are copied in the run. The bytes are the two-pass writer's layout with the room, checked above.
     */
    @Test
    void theBoxesKeptAsTheyAreAreCopiedAsOneRun() throws IOException {
        Path in = Clips.make(dir, "runs.mp4", "160x120", 1.2, Clips.H264_AAC, "-g", "6", "-movflags",
                "+frag_keyframe+empty_moov+default_base_moof");
        List<String> types = Boxes.topLevelTypes(MediaInput.of(in));
        assertThat(types.stream().filter("moof"::equals).count()).as("fragments").isGreaterThan(3);
        assertThat(types.get(types.size() - 1)).isEqualTo("mfra");
        LabelEdit edit = new LabelEdit(TestMarks.label("runs"), null);
        List<Long> transfers = new ArrayList<>();
        Path out = dir.resolve("runs-labelled.mp4");
        try (MediaInput file = MediaInput.of(in); AtomicOutput atomic = AtomicOutput.to(out)) {
            MediaInput counted = new ForwardingInput(file) {
                @Override
                public void transferTo(long position, long length, WritableByteChannel target) throws IOException {
                    transfers.add(length);
                    file.transferTo(position, length, target);
                }
            };
            try (MediaOutput os = AtomicOutput.stream(atomic.temp())) {
                handler.writeLabel(handler.scan(counted, context), counted, os, Signings.fixed(edit), context, 0);
            }
            atomic.commit();
        }
        assertThat(transfers).as("ftyp before moov's room, then every box up to mfra").hasSize(2);
        List<String> layout = new ArrayList<>(types);
        layout.add(layout.indexOf("moov") + 1, "free");
        assertThat(Boxes.topLevelTypes(MediaInput.of(out))).isEqualTo(layout);
        assertThat(Clips.frameChecksums(out)).isEqualTo(Clips.frameChecksums(in));
    }

    @Test
    void aStreamOrAFewSamplesGetTheTwoPassWriterBytes() throws IOException {
        Path in = Clips.make(dir, "reserved-small.mp4", "160x120", 0.5, Clips.H264_AAC, "-movflags", "+faststart");
        LabelEdit edit = new LabelEdit(TestMarks.label("two-pass"), null);
        Path out = dir.resolve("small-labelled.mp4");
        try (MediaInput mi = MediaInput.of(in); MediaOutput os = AtomicOutput.stream(out)) {
            handler.writeLabel(handler.scan(mi, context), mi, os, Signings.fixed(edit), context); // under RESERVE_FROM
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(twoPass(in, edit));
    }

    /**
     * An output that cannot overwrite what it wrote (a stream) gets the two-pass writer's bytes even where the
     * samples are worth a reserved room (reserving from 0 bytes): the writer must not try to fill a room it cannot
     * go back to (review of session 15, T1: removing the check passed every test).
     */
    @Test
    void aStreamGetsTheTwoPassWriterBytesWhateverTheSamples() throws IOException {
        Path in = Clips.make(dir, "reserved-stream.mp4", "160x120", 0.5, Clips.H264_AAC, "-movflags",
                "+frag_keyframe+empty_moov");
        LabelEdit edit = new LabelEdit(TestMarks.label("stream"), null);
        assertThat(labelFromScan(in, Signings.fixed(edit), false)).isEqualTo(twoPass(in, edit));
    }

    /**
     * A signing with no placeholder (a plain lambda, {@link LabelWriter.Signing#placeholder}'s default null) cannot
     * size the room without a second signature, so even an output that can be overwritten gets the two-pass writer's
     * bytes, signed once over the real digest (review of session 16, T2).
     */
    @Test
    void aSigningWithoutAPlaceholderGetsTheTwoPassWriterBytesSignedOnce() throws IOException {
        Path in = Clips.make(dir, "reserved-noplaceholder.mp4", "160x120", 0.5, Clips.H264_AAC, "-movflags",
                "+frag_keyframe+empty_moov");
        LabelEdit edit = new LabelEdit(TestMarks.label("lambda"), null);
        List<ContentDigest> signedOver = new ArrayList<>();
        LabelWriter.Signing lambda = d -> {
            signedOver.add(d);
            return edit;
        };
        assertThat(labelFromScan(in, lambda, true)).isEqualTo(twoPass(in, edit));
        assertThat(signedOver).containsExactly(digestOf(in));
    }

    /** The two-pass writer's bytes for {@code edit}: what the writers labelling from a scan must give, or match. */
    private byte[] twoPass(Path in, LabelEdit edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(in), out, edit, context);
        return out.toByteArray();
    }

    /**
     * What labelling {@code in} from its scan writes, reserving moov's room from any size of samples where the output
     * allows it: into a file that can be overwritten ({@code toFile}), or a stream that cannot.
     */
    private byte[] labelFromScan(Path in, LabelWriter.Signing signing, boolean toFile) throws IOException {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Path out = dir.resolve("from-scan-" + in.getFileName());
        try (MediaInput mi = MediaInput.of(in); AtomicOutput atomic = AtomicOutput.to(out)) {
            try (MediaOutput os = toFile ? AtomicOutput.stream(atomic.temp()) : MediaOutput.of(streamed)) {
                assertThat(os.canWriteAt()).isEqualTo(toFile);
                handler.writeLabel(handler.scan(mi, context), mi, os, signing, context, 0);
            }
            if (!toFile) {
                return streamed.toByteArray();
            }
            atomic.commit();
        }
        return Files.readAllBytes(out);
    }
}
