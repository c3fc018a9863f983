package dev.aigcmark.text.internal.format;

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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * PDFs whose one font (the bundled label font, a TrueType program) has its program replaced by a table directory
 * pointing outside it: fontbox warns once per directory entry ("Skip table ... which goes past the file size") each
 * time such a font is made from it. The page is drawn, then the saved file reloaded and edited, as a hostile file
 * would be written.
 */
final class DamagedFontPdfs {
    static final String TEXT = "AI生成 hello";
    static final int TABLES = 300;

    private DamagedFontPdfs() {
    }

    /** Draws one page's content in {@code font} (the document's font as it is made). */
    interface Drawing {
        void draw(PDDocument doc, PDPage page, PDType0Font font) throws IOException;
    }

    /** Edits the reloaded document, the font's program already damaged. */
    interface Edit {
        void edit(PDDocument doc) throws IOException;
    }

    /**
     * One A6 page drawn by {@code drawing}, saved, reloaded; then every Type 0 font dictionary {@code fonts} returns
     * has its descendant's program damaged, {@code edit} runs, and the file is saved again.
     */
    static byte[] pdf(Drawing drawing, Fonts fonts, Edit edit) throws IOException {
        byte[] made;
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = LabelFonts.load(doc, TEXT);
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            drawing.draw(doc, page, font);
            made = save(doc);
        }
        try (PDDocument doc = Loader.loadPDF(made)) {
            for (COSDictionary type0 : fonts.of(doc)) {
                COSDictionary descendant = (COSDictionary) ((COSArray) type0.getDictionaryObject(
                        COSName.DESCENDANT_FONTS)).getObject(0);
                COSStream program = (COSStream) descendant.getCOSDictionary(COSName.FONT_DESC)
                        .getDictionaryObject(COSName.FONT_FILE2);
                try (OutputStream out = program.createOutputStream()) {
                    out.write(directoryPointingOutside());
                }
            }
            edit.edit(doc);
            return save(doc);
        }
    }

    /** {@link #TEXT} in {@code font} at 12 points, one line. */
    static void showText(PDPageContentStream cs, PDType0Font font) throws IOException {
        cs.beginText();
        cs.setFont(font, 12);
        cs.newLineAtOffset(20, 200);
        cs.showText(TEXT);
        cs.endText();
    }

    /** The text drawn on the page itself. */
    static void onThePage(PDDocument doc, PDPage page, PDType0Font font) throws IOException {
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            showText(cs, font);
        }
    }

    /** One page with {@link #TEXT} in the damaged font, given by reference in the page's resources. */
    static byte[] onePage() throws IOException {
        return pdf(DamagedFontPdfs::onThePage, DamagedFontPdfs::pageFont, doc -> { });
    }

    /** Where the damaged font's dictionary is in the reloaded document. */
    interface Fonts {
        List<COSDictionary> of(PDDocument doc) throws IOException;
    }

    /** The first page's font /F1 (the one {@code PDPageContentStream.setFont} names). */
    static List<COSDictionary> pageFont(PDDocument doc) {
        return List.of(doc.getPage(0).getResources().getCOSObject().getCOSDictionary(COSName.FONT)
                .getCOSDictionary(COSName.getPDFName("F1")));
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

    static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} with every record of INFO or above of the JDK's logging collected into {@code records}. */
    static <T> T logged(List<LogRecord> records, Work<T> work) throws IOException {
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

    /** How many of {@code records} are fontbox's warning for a directory entry it skips. */
    static long skippedTables(List<LogRecord> records) {
        return records.stream().filter(r -> String.valueOf(r.getMessage()).contains("Skip table")).count();
    }
}
