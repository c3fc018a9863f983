package dev.aigcmark.cli.binding;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formats whose handler has no content digest yet (docs/label-binding.md): their labels are still bound to
 * the format, and the verifier says so with {@code gb45438.binding.unchecked} instead of staying silent. A label
 * moved onto a file of another format still fails, because the format is part of every binding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UncheckedBindingTest {
    /**
     * docs/label-binding.md names exactly these; a new label-writing handler must either digest its content or be
     * listed there (FLV is read only: we never sign a label for it).
     */
    static final Set<String> WITHOUT_DIGEST = Set.of("heif", "avif", "jxl", "mkv", "webm", "avi", "wav",
            "mp3", "flac", "ogg");

    @TempDir
    static Path dir;
    SdkContext context;
    Verifier verifier;

    @BeforeAll
    void trustedPlatform() throws Exception {
        context = LabelTransplantTest.productionContext(dir.resolve("home"), "UncheckedBindingTest");
        verifier = new Verifier(context);
    }

    @Test
    void theFormatsWithoutContentDigestAreTheDocumentedOnes() {
        Set<String> writable = context.handlers().stream().filter(h -> h instanceof LabelWriter)
                .filter(h -> !(h instanceof ContentDigester)).map(FormatHandler::id).collect(Collectors.toSet());
        assertThat(writable).isEqualTo(WITHOUT_DIGEST);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"heic,heif", "avif,avif", "jxl,jxl", "mkv,mkv", "webm,webm", "avi,avi", "wav,wav",
            "mp3,mp3", "flac,flac", "ogg,ogg"})
    void aLabelOnContentWithoutDigestReadsUnchecked(String ext, String handler) throws Exception {
        Path marked = dir.resolve("marked." + ext);
        new Marker(context).mark(sample(ext), marked, LabelTransplantTest.LABEL_ONLY);
        VerificationReport r = verifier.verify(marked);
        assertThat(r.failureCodes()).isEmpty();
        assertThat(r.state()).isEqualTo(TrustState.TRUSTED);
        MarkFinding label = LabelTransplantTest.label(r);
        assertThat(label.hasStatus(StatusCodes.BINDING_UNCHECKED)).as("%s: %s", handler, label.statuses()).isTrue();
        assertThat(label.hasStatus(StatusCodes.BINDING_MATCH)).isFalse();
    }

    @Test
    void aLabelMadeForAnotherFormatFails() throws Exception {
        Path jpeg = dir.resolve("marked.jpg");
        Files.write(dir.resolve("in.jpg"), Contents.JPEG.make(dir, 0));
        new Marker(context).mark(dir.resolve("in.jpg"), jpeg, LabelTransplantTest.LABEL_ONLY);
        AigcLabel label = ((ImplicitLabel) LabelTransplantTest.label(verifier.verify(jpeg)).mark()).label();

        Path wav = dir.resolve("transplanted.wav");
        try (MediaInput in = MediaInput.of(sample("wav")); OutputStream os = Files.newOutputStream(wav)) {
            ((LabelWriter) context.handler("wav").orElseThrow()).writeLabel(in, os, new LabelEdit(label, null), context);
        }
        VerificationReport r = verifier.verify(wav);
        assertThat(r.state()).isEqualTo(TrustState.INVALID);
        assertThat(r.failureCodes()).containsExactly(StatusCodes.BINDING_MISMATCH);
    }

    /** A small file of {@code ext} made by the format's usual encoder. */
    Path sample(String ext) throws Exception {
        Path out = dir.resolve("sample." + ext);
        List<String> cmd = new ArrayList<>();
        switch (ext) {
            case "heic", "avif" -> {
                ExternalTools.assumeTool("heif-enc");
                Path png = dir.resolve("heif-source.png");
                Files.write(png, Contents.PNG.make(dir, 0));
                cmd.addAll(List.of("heif-enc", "-o", out.toString(), png.toString()));
                if (ext.equals("avif")) {
                    cmd.add(1, "-A");
                }
            }
            case "jxl" -> {
                ExternalTools.assumeTool("cjxl");
                Path png = dir.resolve("jxl-source.png");
                Files.write(png, Contents.PNG.make(dir, 0));
                cmd.addAll(List.of("cjxl", "--quiet", png.toString(), out.toString()));
            }
            default -> {
                ExternalTools.assumeTool("ffmpeg");
                cmd.addAll(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-bitexact"));
                boolean audio = Set.of("wav", "mp3", "flac", "ogg").contains(ext);
                if (!audio) {
                    cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "0.5", "-c:v",
                            switch (ext) { case "webm" -> "libvpx"; case "avi" -> "mpeg4"; default -> "libx264"; }));
                } else {
                    cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=0.5:sample_rate=22050", "-c:a",
                            switch (ext) { case "mp3" -> "libmp3lame"; case "flac" -> "flac"; case "ogg" -> "libvorbis"; default -> "pcm_s16le"; }));
                }
                cmd.add(out.toString());
            }
        }
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }
}
