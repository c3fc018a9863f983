package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Our overlay on a PDF page: a form XObject holding the visible label (top-right margin, upright whatever
 * the page's /Rotate) and an invisible text run carrying the text mark. The page gets a {@code q} stream
 * before its content and a {@code Q ... Do Q} stream after it, both tagged {@code /AIGCMark} in their stream
 * dictionaries, so the overlay runs in a clean graphics state and a later run can find and replace it:
 * exactly one label per page after re-marking. Shared resource dictionaries are never changed: the page
 * gets its own shallow copy.
 */
public final class PdfOverlay {
    static final COSName TAG = COSName.getPDFName("AIGCMark");
    static final COSName XOBJECT_NAME = COSName.getPDFName("AIGCMarkOverlay");
    private static final float MARGIN = 12f;

    /**
     * What to draw: label text (or null), its font, the mark bytes (or null), the mark font, and where the
     * mark goes besides next to the label (after sentence ends; upright page coordinates).
     */
    public record Content(String label, PDType0Font labelFont, byte[] markBytes, COSDictionary markFont,
                          List<PdfSentenceEnds.Spot> markSpots) {
    }

    private PdfOverlay() {
    }

    /** Removes an earlier overlay from the page; returns whether there was one. */
    public static boolean remove(PDPage page) {
        COSDictionary dict = page.getCOSObject();
        COSBase contents = dict.getDictionaryObject(COSName.CONTENTS);
        boolean found = false;
        if (contents instanceof COSArray array) {
            COSArray kept = new COSArray();
            for (int i = 0; i < array.size(); i++) {
                COSBase item = array.getObject(i);
                if (item instanceof COSStream s && s.containsKey(TAG)) {
                    found = true;
                } else {
                    kept.add(array.get(i));
                }
            }
            if (found) {
                dict.setItem(COSName.CONTENTS, kept);
            }
        }
        COSDictionary resources = dict.getCOSDictionary(COSName.RESOURCES);
        COSDictionary xobjects = resources == null ? null : resources.getCOSDictionary(COSName.XOBJECT);
        if (xobjects != null && xobjects.containsKey(XOBJECT_NAME)) {
            xobjects.removeItem(XOBJECT_NAME);
            found = true;
        }
        return found;
    }

    /** The page's upright (displayed) height, the space {@link Content#markSpots()} are given in. */
    public static float displayHeight(PDPage page) {
        int rotation = Math.floorMod(page.getRotation(), 360);
        return rotation == 90 || rotation == 270 ? page.getCropBox().getWidth() : page.getCropBox().getHeight();
    }

    public static void add(PDDocument doc, PDPage page, Content content) throws IOException {
        PDRectangle box = page.getCropBox();
        int rotation = Math.floorMod(page.getRotation(), 360);
        boolean sideways = rotation == 90 || rotation == 270;
        float width = sideways ? box.getHeight() : box.getWidth();
        float height = displayHeight(page);

        COSStream form = doc.getDocument().createCOSStream();
        form.setItem(COSName.TYPE, COSName.XOBJECT);
        form.setItem(COSName.SUBTYPE, COSName.FORM);
        form.setItem(COSName.BBOX, new PDRectangle(0, 0, width, height).getCOSArray());
        COSDictionary fonts = new COSDictionary();
        StringBuilder ops = new StringBuilder();
        float fontSize = Math.max(8f, Math.min(14f, Math.min(width, height) * 0.018f));
        float x = MARGIN;
        float y = height - MARGIN - fontSize;
        if (content.label() != null) {
            fonts.setItem(COSName.getPDFName("L"), content.labelFont());
            byte[] glyphs = content.labelFont().encode(content.label());
            float textWidth = content.labelFont().getStringWidth(content.label()) / 1000f * fontSize;
            x = Math.max(MARGIN, width - MARGIN - textWidth);
            ops.append(String.format(Locale.ROOT, "q 0.35 g BT /L %.2f Tf %.2f %.2f Td <%s> Tj ET Q%n",
                    fontSize, x, y, HexFormat.of().formatHex(glyphs)));
        }
        if (content.markBytes() != null) {
            fonts.setItem(COSName.getPDFName("M"), content.markFont());
            String hex = HexFormat.of().formatHex(content.markBytes());
            ops.append(String.format(Locale.ROOT, "BT /M 1 Tf 3 Tr %.2f %.2f Td <%s> Tj ET%n", x, Math.max(0f, y - 2f), hex));
            // After sentence ends, tiny (0.1 pt: the run is 0.6 pt wide, inside the following space, and far
            // enough apart per glyph that extractors do not drop repeated bytes as overlapping duplicates).
            for (PdfSentenceEnds.Spot s : content.markSpots()) {
                ops.append(String.format(Locale.ROOT, "BT /M 0.1 Tf 3 Tr %.3f %.3f Td <%s> Tj ET%n", s.x(), s.y(), hex));
            }
        }
        COSDictionary formResources = new COSDictionary();
        formResources.setItem(COSName.FONT, fonts);
        form.setItem(COSName.RESOURCES, formResources);
        try (OutputStream out = form.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(ops.toString().getBytes(StandardCharsets.US_ASCII));
        }

        COSDictionary pageDict = page.getCOSObject();
        // a page may have no resources at all, even inherited (a blank or damaged page): ours are then its only ones
        COSDictionary resources = shallowCopy(page.getResources() == null ? null : page.getResources().getCOSObject());
        COSDictionary xobjects = shallowCopy(resources.getCOSDictionary(COSName.XOBJECT));
        xobjects.setItem(XOBJECT_NAME, form);
        resources.setItem(COSName.XOBJECT, xobjects);
        pageDict.setItem(COSName.RESOURCES, resources);

        COSArray contents = new COSArray();
        contents.add(taggedStream(doc, "q\n"));
        COSBase existing = pageDict.getItem(COSName.CONTENTS);
        if (pageDict.getDictionaryObject(COSName.CONTENTS) instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                contents.add(array.get(i));
            }
        } else if (existing != null) {
            contents.add(existing);
        }
        contents.add(taggedStream(doc, "Q q " + displayToUser(box, rotation) + " cm /" + XOBJECT_NAME.getName() + " Do Q\n"));
        pageDict.setItem(COSName.CONTENTS, contents);
    }

    /** The matrix from the upright page as displayed (after /Rotate) to the page's user space. */
    static String displayToUser(PDRectangle box, int rotation) {
        float x0 = box.getLowerLeftX();
        float y0 = box.getLowerLeftY();
        float w = box.getWidth();
        float h = box.getHeight();
        float[] m = switch (rotation) {
            case 90 -> new float[]{0, 1, -1, 0, x0 + w, y0};
            case 180 -> new float[]{-1, 0, 0, -1, x0 + w, y0 + h};
            case 270 -> new float[]{0, -1, 1, 0, x0, y0 + h};
            default -> new float[]{1, 0, 0, 1, x0, y0};
        };
        return String.format(Locale.ROOT, "%.4f %.4f %.4f %.4f %.4f %.4f", m[0], m[1], m[2], m[3], m[4], m[5]);
    }

    private static COSStream taggedStream(PDDocument doc, String ops) throws IOException {
        COSStream s = doc.getDocument().createCOSStream();
        s.setItem(TAG, COSName.getPDFName("Overlay"));
        try (OutputStream out = s.createOutputStream()) {
            out.write(ops.getBytes(StandardCharsets.US_ASCII));
        }
        return s;
    }

    private static COSDictionary shallowCopy(COSDictionary dict) {
        COSDictionary copy = new COSDictionary();
        if (dict != null) {
            copy.addAll(dict);
        }
        return copy;
    }
}
