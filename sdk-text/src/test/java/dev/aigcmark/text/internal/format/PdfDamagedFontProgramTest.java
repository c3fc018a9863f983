package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.LabelFonts;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded TrueType program whose table directory points outside it (the pdf fuzz harness's finding of session
 * 17: fontbox warned once per directory entry, each time the font was made, 454 records for one input). The font is
 * made without the program after one look at the directory; its text still reads through its ToUnicode map, and the
 * report says which font was read without its program.
 */
class PdfDamagedFontProgramTest {
    private static final String TEXT = "AI生成 hello";
    private static final int TABLES = 300;

    @Test
    void aFontProgramWhoseDirectoryPointsOutsideItIsReadWithoutItAndLogsNothingPerEntry() throws Exception {
        byte[] pdf = withDamagedProgram();
        List<LogRecord> records = new ArrayList<>();
        Container scanned = logged(records, () -> new PdfHandler().scan(MediaInput.of(pdf, "font.pdf"),
                TextTesting.context()));

        // the old code: 300 "Skip table ... which goes past the file size" warnings from fontbox for this one scan
        assertThat(records).noneSatisfy(r -> assertThat(r.getMessage()).contains("Skip table"));
        assertThat(records).hasSizeLessThan(10);
        assertThat(scanned.view(TextView.class).orElseThrow().text()).contains(TEXT);
        assertThat(scanned.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(StatusCodes.ASSET_MALFORMED);
            assertThat(p.message()).contains("FontFile2").contains(TABLES + " of its " + TABLES + " tables");
        });
    }

    /** One page of {@link #TEXT} in the bundled label font, whose program is then replaced by a bad directory. */
    private static byte[] withDamagedProgram() throws IOException {
        byte[] made;
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = LabelFonts.load(doc, TEXT);
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 12);
                cs.newLineAtOffset(20, 200);
                cs.showText(TEXT);
                cs.endText();
            }
            made = save(doc);
        }
        try (PDDocument doc = Loader.loadPDF(made)) {
            COSDictionary type0 = doc.getPage(0).getResources().getCOSObject().getCOSDictionary(COSName.FONT)
                    .getCOSDictionary(COSName.getPDFName("F1"));
            COSDictionary descendant = (COSDictionary) ((COSArray) type0.getDictionaryObject(COSName.DESCENDANT_FONTS))
                    .getObject(0);
            COSStream program = (COSStream) descendant.getCOSDictionary(COSName.FONT_DESC)
                    .getDictionaryObject(COSName.FONT_FILE2);
            try (OutputStream out = program.createOutputStream()) {
                out.write(directoryPointingOutside());
            }
            return save(doc);
        }
    }

    /** An sfnt header declaring {@link #TABLES} tables, every one of them at 2 GB, past the program's end. */
    private static byte[] directoryPointingOutside() {
        ByteBuffer b = ByteBuffer.allocate(12 + 16 * TABLES + 64);
        b.putInt(0x00010000).putShort((short) TABLES).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < TABLES; i++) {
            b.putInt(0x61610000 + i).putInt(0).putInt(0x7FFF0000).putInt(0x100);
        }
        return b.array();
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} with every record of INFO or above of the JDK's logging collected into {@code records}. */
    private static <T> T logged(List<LogRecord> records, Work<T> work) throws IOException {
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.setLevel(Level.INFO);
        root.addHandler(collector);
        try {
            return work.run();
        } finally {
            root.removeHandler(collector);
            root.setLevel(level);
        }
    }
}
