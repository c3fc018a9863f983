package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.Formats;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damaged and hostile files give report entries or UnreadableInputException: never a crash, hang or OOM. The
 * timeout only catches a hang (the Verifier's own per-file budget ends slow files): it is no speed check, so it
 * is generous enough for a loaded CI machine.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileInputTest {
    static final SdkContext CTX = SdkContext.defaults();

    @TempDir
    Path tmp;

    static FormatHandler handler(String id) {
        return CTX.handler(id).orElseThrow();
    }

    /** Scans; returns the problems, or null when the handler declared the input unreadable. */
    static List<Status> scan(String id, byte[] file) throws IOException {
        try {
            Container c = handler(id).scan(MediaInput.of(file, "hostile"), CTX);
            c.view(RasterView.class); // decoding damaged pixels must not throw either
            return c.problems();
        } catch (UnreadableInputException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    static void writeRefused(String id, byte[] file) {
        assertThatThrownBy(() -> ((LabelWriter) handler(id)).writeLabel(MediaInput.of(file, "hostile"),
                new ByteArrayOutputStream(), LabelRoundTripTest.EDIT, CTX)).isInstanceOf(IOException.class);
    }

    @Test
    void everyTruncationOfEveryFormatIsReportedOrUnreadable() throws Exception {
        Map<String, byte[]> files = Map.of("jpeg", TestImages.richJpeg(), "png", TestImages.richPng(),
                "gif", TestImages.gif(40, 30), "tiff", TestImages.tiff(40, 30, ByteOrder.BIG_ENDIAN),
                "webp", TestImages.webp(tmp, false, false));
        for (var e : files.entrySet()) {
            byte[] marked = LabelRoundTripTest.mark(e.getKey(), e.getValue(), LabelRoundTripTest.EDIT);
            for (int cut = 0; cut < marked.length; cut += Math.max(1, marked.length / 97)) {
                byte[] t = Arrays.copyOf(marked, cut);
                List<Status> problems = scan(e.getKey(), t);
                if (problems != null && !e.getKey().equals("tiff") && cut < marked.length * 9 / 10) {
                    assertThat(problems).as("%s cut at %d", e.getKey(), cut)
                            .anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED) || s.code().equals(StatusCodes.ASSET_MALFORMED));
                }
                var report = new Verifier(CTX).verify(MediaInput.of(t, "cut." + e.getKey()));
                assertThat(report).isNotNull();
            }
        }
    }

    @Test
    void pngWithBadCrcIsReportedAndNotRewritten() throws Exception {
        byte[] png = TestImages.png(20, 20);
        png[8 + 8 + 3] ^= 0x01; // a byte of IHDR's data
        assertThat(scan("png", png)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_CRC) && s.isFailure());
        writeRefused("png", png);
    }

    @Test
    void pngChunkClaimingFourGigabytes() throws Exception {
        byte[] png = TestImages.png(20, 20);
        byte[] bomb = TestImages.insert(png, 33, new byte[]{(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 't', 'E', 'X', 't', 1, 2, 3});
        assertThat(scan("png", bomb)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED) && s.message().contains("4294967280"));
        writeRefused("png", bomb);
    }

    @Test
    void jpegSegmentLengthPastTheEnd() throws Exception {
        byte[] jpeg = TestImages.jpeg(32, 32, 0.8f);
        byte[] bad = TestImages.insert(jpeg, 2, new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xF0, 'E', 'x'});
        bad = Arrays.copyOf(bad, 200);
        assertThat(scan("jpeg", bad)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED) && s.isFailure());
        writeRefused("jpeg", bad);
    }

    @Test
    void malformedXmpIsKeptOutOfTheWayAndNotOverwritten() throws Exception {
        byte[] png = TestImages.png(20, 20);
        byte[] xmp = PngStructure.chunk("iTXt", PngText.itxt(PngText.XMP_KEYWORD,
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF".getBytes(StandardCharsets.UTF_8)));
        byte[] bad = TestImages.insert(png, 33, xmp);
        assertThat(scan("png", bad)).isEmpty(); // the container is fine; the XMP codec reports the packet
        writeRefused("png", bad);
        byte[] dtd = TestImages.insert(png, 33, PngStructure.chunk("iTXt", PngText.itxt(PngText.XMP_KEYWORD,
                "<!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]><x>&a;</x>".getBytes(StandardCharsets.UTF_8))));
        writeRefused("png", dtd);
        // a DTD's entities could expand into any number of nodes: the file is refused by the XML node limit
        assertThat(new Verifier(CTX).verify(MediaInput.of(dtd, "dtd.png")).diagnostics()).extracting(Status::code)
                .containsExactly(StatusCodes.ASSET_LIMIT_XML_NODES);
    }

    @Test
    void compressedXmpBombStopsAtTheLimit() throws Exception {
        byte[] zeros = new byte[64 << 20];
        Deflater d = new Deflater(9);
        d.setInput(zeros);
        d.finish();
        byte[] buf = new byte[1 << 20];
        int n = d.deflate(buf);
        d.end();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((PngText.XMP_KEYWORD + "\0\1\0\0\0").getBytes(StandardCharsets.ISO_8859_1));
        body.write(buf, 0, n);
        byte[] bad = TestImages.insert(TestImages.png(20, 20), 33, PngStructure.chunk("iTXt", body.toByteArray()));
        try (FileBudget.Scope ignored = FileBudget.forVerify(CTX.limits(), bad.length).bind()) {
            assertThatThrownBy(() -> handler("png").scan(MediaInput.of(bad, "bomb.png"), CTX))
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.DECOMPRESSED_BYTES));
        }
        assertThat(new Verifier(CTX).verify(MediaInput.of(bad, "bomb.png")).diagnostics()).extracting(Status::code)
                .containsExactly(StatusCodes.ASSET_LIMIT_DECOMPRESSED_BYTES);
    }

    @Test
    void oversizedXmpInJpegIsRefusedNotSplitBadly() throws Exception {
        String huge = "{\"Label\":\"1\",\"ContentProducer\":\"" + "A".repeat(70_000) + "\"}";
        var edit = new LabelEdit(new AigcLabel("1", "A".repeat(70_000), "x", "", "", "", ""), null);
        assertThat(huge).hasSizeGreaterThan(65_535);
        assertThatThrownBy(() -> ((LabelWriter) handler("jpeg")).writeLabel(MediaInput.of(TestImages.jpeg(16, 16, 0.8f), "j"),
                new ByteArrayOutputStream(), edit, CTX)).isInstanceOf(IOException.class).hasMessageContaining("APP1");
    }

    @Test
    void hugeDimensionsAreNotDecoded() throws Exception {
        byte[] png = TestImages.png(20, 20);
        byte[] ihdr = Arrays.copyOfRange(png, 16, 29);
        Bytes.put32be(ihdr, 0, 60_000);
        Bytes.put32be(ihdr, 4, 60_000);
        byte[] big = TestImages.concat(Arrays.copyOf(png, 8), PngStructure.chunk("IHDR", ihdr), Arrays.copyOfRange(png, 33, png.length));
        Container c = handler("png").scan(MediaInput.of(big, "big"), CTX);
        assertThat(c.view(RasterView.class)).isEmpty();
    }

    @Test
    void riffGifAndTiffLiesAboutSizes() throws Exception {
        byte[] webp = TestImages.webp(tmp, false, false);
        byte[] riff = webp.clone();
        Bytes.put32le(riff, 4, 0xFFFFFFF0L);
        assertThat(scan("webp", riff)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED));
        writeRefused("webp", riff);
        byte[] chunk = webp.clone();
        Bytes.put32le(chunk, 16, 0x7FFFFFFFL);
        assertThat(scan("webp", chunk)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED));

        byte[] gif = TestImages.gif(20, 20);
        byte[] chain = Arrays.copyOf(gif, gif.length - 3); // image data sub-blocks then nothing
        assertThat(scan("gif", chain)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_TRUNCATED));
        writeRefused("gif", chain);

        byte[] tiff = TestImages.tiff(20, 20, ByteOrder.LITTLE_ENDIAN);
        byte[] ifd = tiff.clone();
        Bytes.put32le(ifd, 4, 0x7FFFFFF0L);
        assertThat(scan("tiff", ifd)).anyMatch(s -> s.code().equals(StatusCodes.ASSET_MALFORMED));
        writeRefused("tiff", ifd);
    }

    @Test
    void wrongTypeIsDetectedByMagicAndRefusedByOtherHandlers() throws Exception {
        byte[] png = TestImages.png(10, 10);
        assertThat(Formats.detect(CTX, MediaInput.of(png, "photo.jpg")).orElseThrow().id()).isEqualTo("png");
        for (String id : List.of("jpeg", "webp", "gif", "tiff")) {
            assertThat(scan(id, png)).as(id).isNull();
        }
        var report = new Verifier(CTX).verify(MediaInput.of("not an image".getBytes(StandardCharsets.UTF_8), "x.png"));
        assertThat(report.unreadable()).isTrue();
    }

    @Test
    void tightLimitsAreHonoured() throws Exception {
        SdkContext tight = CTX.toBuilder().limits(ReadLimits.defaults().toBuilder().maxInMemoryBytes(1000).maxMetadataBytes(100).maxXmlNodes(10)
                .maxBoxDepth(4).maxBoxCount(3).maxPixels(10).maxZipEntries(1).maxDecompressedBytes(100).build()).build();
        byte[] png = TestImages.richPng();
        assertThatThrownBy(() -> handler("png").scan(MediaInput.of(png, "p"), tight)).isInstanceOf(UnreadableInputException.class);
        SdkContext fewChunks = CTX.toBuilder().limits(ReadLimits.defaults().toBuilder().maxMetadataBytes(1000).maxXmlNodes(10).maxBoxDepth(4)
                .maxBoxCount(3).maxPixels(10).maxZipEntries(1).maxDecompressedBytes(100).build()).build();
        Container c = handler("png").scan(MediaInput.of(png, "p"), fewChunks);
        assertThat(c.problems()).anyMatch(s -> s.code().equals(StatusCodes.ASSET_LIMIT));
    }
}
