package dev.aigcmark.cli.robustness;

import dev.aigcmark.cli.SamplePicture;
import dev.aigcmark.cli.TestContent;
import dev.aigcmark.testing.ExternalTools;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One small, valid, unmarked sample per container format, made on the spot (no binaries in the repository).
 * Small on purpose: hundreds of mutants of each are verified, and pixel work scales with the picture.
 */
enum Samples {
    JPEG("jpg", Structures.Kind.JPEG) {
        @Override
        byte[] make(Path work) throws IOException {
            return image(picture(160, 120), "jpeg");
        }
    },
    PNG("png", Structures.Kind.PNG) {
        @Override
        byte[] make(Path work) throws IOException {
            return image(picture(160, 120), "png");
        }
    },
    GIF("gif", Structures.Kind.GIF) {
        @Override
        byte[] make(Path work) throws IOException {
            return image(picture(96, 64), "gif");
        }
    },
    TIFF("tif", Structures.Kind.TIFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return image(picture(96, 64), "tiff");
        }
    },
    WEBP("webp", Structures.Kind.RIFF) {
        /** No Java writer for WebP ships with the JDK: ffmpeg (libwebp) makes a lossy VP8 one from a PNG. */
        @Override
        byte[] make(Path work) throws IOException {
            Path png = work.resolve("webp-source.png");
            Path webp = work.resolve("sample.webp");
            Files.write(png, image(picture(96, 64), "png"));
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", png.toString(), webp.toString())
                    .redirectErrorStream(true).start();
            try {
                p.getInputStream().transferTo(OutputStream.nullOutputStream());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("ffmpeg could not make a WebP sample");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return Files.readAllBytes(webp);
        }
    },
    TEXT("txt", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) {
            return ("Rain is water vapour that has condensed around dust and grown heavy enough to fall.\n"
                    + "Most raindrops start as snow high in the cloud and melt on the way down.\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    },
    MARKDOWN("md", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) {
            return ("---\ntitle: Why the sky is blue\ntags: [demo]\n---\n# Why the sky is blue\n\n"
                    + "Sunlight is scattered by the molecules of the air, and blue light is scattered far more than red.\n\n"
                    + "```\ncode stays untouched\n```\n").getBytes(StandardCharsets.UTF_8);
        }
    },
    PDF("pdf", Structures.Kind.PDF) {
        @Override
        byte[] make(Path work) throws IOException {
            try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                PDPage page = new PDPage(PDRectangle.A6);
                doc.addPage(page);
                doc.setDocumentId(FIXED_TIME); // else PDFBox derives the trailer /ID from the current time
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    cs.newLineAtOffset(20, 300);
                    cs.showText("Tides follow the moon because its gravity pulls the oceans.");
                    cs.endText();
                }
                doc.save(out);
                return out.toByteArray();
            }
        }
    },
    DOCX("docx", Structures.Kind.ZIP) {
        @Override
        byte[] make(Path work) throws IOException {
            return ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                            + "<w:p><w:r><w:t>Glaciers move because ice deforms under its own weight.</w:t></w:r></w:p>"
                            + "</w:body></w:document>");
        }
    },
    PPTX("pptx", Structures.Kind.ZIP) {
        @Override
        byte[] make(Path work) throws IOException {
            return ooxml("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                    "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>");
        }
    },
    XLSX("xlsx", Structures.Kind.ZIP) {
        @Override
        byte[] make(Path work) throws IOException {
            return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>");
        }
    },
    MP4("mp4", Structures.Kind.BMFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return clip(work);
        }
    },
    MOV("mov", Structures.Kind.BMFF) {
        /** The same clip branded QuickTime ('qt  '): the handler must treat it as MOV, not only MP4. */
        @Override
        byte[] make(Path work) throws IOException {
            byte[] mp4 = clip(work);
            byte[] qt = "qt  ".getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(qt, 0, mp4, 8, 4);
            return mp4;
        }
    },
    HEIC("heic", Structures.Kind.BMFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return fromPng(work, "heif-enc", "-o", OUT, IN);
        }
    },
    AVIF("avif", Structures.Kind.BMFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return fromPng(work, "heif-enc", "-A", "-o", OUT, IN);
        }
    },
    JXL("jxl", Structures.Kind.BMFF) {
        /** A bare codestream: marking wraps it into the box container, whose boxes are then damaged. */
        @Override
        byte[] make(Path work) throws IOException {
            return fromPng(work, "cjxl", "-q", "90", IN, OUT);
        }
    },
    MKV("mkv", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, VIDEO, "-c:v", "mpeg4");
        }
    },
    WEBM("webm", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, VIDEO, "-c:v", "libvpx", "-b:v", "100k");
        }
    },
    AVI("avi", Structures.Kind.RIFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, VIDEO, "-c:v", "mpeg4");
        }
    },
    FLV("flv", Structures.Kind.NONE) {
        /** FLV labels are read, not written: the sample carries the label as a producer (ffmpeg) writes it. */
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, VIDEO, "-c:v", "flv1", "-metadata", "AIGC=" + FLV_LABEL);
        }

        @Override
        boolean writable() {
            return false;
        }
    },
    WAV("wav", Structures.Kind.RIFF) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, AUDIO, "-c:a", "pcm_s16le");
        }
    },
    MP3("mp3", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, AUDIO, "-c:a", "libmp3lame");
        }
    },
    FLAC("flac", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, AUDIO, "-c:a", "flac");
        }
    },
    OGG("ogg", Structures.Kind.NONE) {
        @Override
        byte[] make(Path work) throws IOException {
            return ffmpeg(work, AUDIO, "-c:a", "libvorbis");
        }
    };

    /** Placeholders in a tool's command line for its input (a PNG of the demo picture) and its output. */
    private static final String IN = "{in}";
    private static final String OUT = "{out}";
    /** One second of ffmpeg's test pattern, small: hundreds of mutants are parsed. */
    private static final List<String> VIDEO = List.of("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1");
    /** Half a second of a tone. */
    private static final List<String> AUDIO = List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=0.5");
    /** The label an FLV sample carries (as ffmpeg's onMetaData AIGC string; unsigned, as producers write it). */
    static final String FLV_LABEL = "{\"Label\":\"1\",\"ContentProducer\":\"001191110102MACQD9K64010000\","
            + "\"ProduceID\":\"" + CrossFormatHostileInputTest.PRODUCE_ID + "\"}";

    /** What a sample's time stamps say (zip entries, PDF /ID): fixed, so samples repeat byte for byte. */
    static final long FIXED_TIME = TestContent.FIXED_TIME;

    final String extension;
    final Structures.Kind kind;

    Samples(String extension, Structures.Kind kind) {
        this.extension = extension;
        this.kind = kind;
    }

    abstract byte[] make(Path work) throws IOException;

    /** Video is slow to re-encode: its mutants are re-marked with the label only. */
    boolean isVideo() {
        return this == MP4 || this == MOV;
    }

    /** Whether the SDK writes labels into this format (else the sample is labelled as a producer labels it). */
    boolean writable() {
        return true;
    }

    /**
     * The output of an external tool run on the demo picture as PNG. Encoders run single-threaded where they have
     * the choice, so the sample (and every mutant of it) is the same bytes on every run.
     */
    byte[] fromPng(Path work, String... command) throws IOException {
        Path png = work.resolve("tool-source.png");
        Files.write(png, image(picture(96, 64), "png"));
        return tool(work, List.of(command), png);
    }

    /** ffmpeg's output from {@code source} (a lavfi generator) with {@code codec} options, bit-exact. */
    byte[] ffmpeg(Path work, List<String> source, String... codec) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(source);
        cmd.addAll(List.of("-threads", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-map_metadata", "-1"));
        cmd.addAll(List.of(codec));
        cmd.add(OUT);
        return tool(work, cmd, null);
    }

    /** Runs {@code command} with {@link #IN} and {@link #OUT} replaced; the output file's bytes. */
    private byte[] tool(Path work, List<String> command, Path in) throws IOException {
        ExternalTools.assumeTool(command.get(0));
        Path out = work.resolve("tool-output." + extension);
        List<String> cmd = command.stream().map(a -> a.equals(IN) ? in.toString() : a.equals(OUT) ? out.toString() : a)
                .toList();
        ExternalTools.run(cmd).requireSuccess();
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }

    /** The demo's picture: photo-like texture, which the watermark's mask needs to embed in. */
    static BufferedImage picture(int width, int height) {
        return SamplePicture.of(width, height, 0);
    }

    private static byte[] image(BufferedImage img, String format) throws IOException {
        return TestContent.image(img, format);
    }

    private static byte[] clip(Path work) throws IOException {
        return withFixedTimes(TestContent.clip(work, 160, 96, 8, 0));
    }

    /**
     * jcodec stamps mvhd, tkhd and mdhd with the current time: set their creation and modification times
     * (version 0 boxes, 32-bit fields after version and flags) to {@link #FIXED_TIME}, so the clip repeats.
     */
    static byte[] withFixedTimes(byte[] mp4) {
        long macTime = FIXED_TIME / 1000 + 2_082_844_800L; // seconds since 1904
        for (Structures.Field f : Structures.of(Structures.Kind.BMFF, mp4).fields) {
            if (f.name().matches("BMFF .*/(mvhd|tkhd|mdhd) at \\d+ size") && mp4[f.offset() + 8] == 0) {
                for (int at = f.offset() + 12; at < f.offset() + 20; at += 4) {
                    ByteBuffer.wrap(mp4, at, 4).putInt((int) macTime);
                }
            }
        }
        return mp4;
    }

    private static byte[] ooxml(String mainPart, String mainType, String mainXml) throws IOException {
        return TestContent.ooxml(mainPart, mainType, mainXml);
    }

    static List<Samples> all() {
        return List.of(values());
    }

    /** All formats, or those named in {@code -Drobustness.formats=MP4,MOV} (to reproduce one quickly). */
    static List<Samples> selected() {
        String names = System.getProperty("robustness.formats", "");
        return names.isBlank() ? all()
                : Arrays.stream(names.split(",")).map(n -> valueOf(n.trim().toUpperCase(Locale.ROOT))).toList();
    }
}
