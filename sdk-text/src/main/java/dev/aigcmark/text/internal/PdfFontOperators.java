package dev.aigcmark.text.internal;

import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.MissingOperandException;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontFactory;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.PDTextState;

import java.io.IOException;
import java.util.List;

/**
 * The two operators that choose a font ({@code Tf}, and {@code gs} with an ExtGState's {@code /Font}), for our text
 * readers, getting every font from the document's {@link PdfResourceCache#font}: made once per document, its
 * TrueType/OpenType program checked first ({@link FontPrograms}). PDFBox's own operators reach that cache only for a
 * font given by reference in a resource dictionary. A font given there directly (a dictionary, no reference) PDFBox
 * makes once per resource dictionary object, and it makes a new one of those for each page read and at each
 * {@code Do} of a form; an ExtGState's font it makes at every {@code gs}, by reference or not, without any cache. Each
 * making parsed the program again, unchecked: fontbox logged up to 65,535 warnings for a damaged table directory each
 * time ({@code PdfDamagedFontProgramTest}). The operators otherwise do what PDFBox 3.0.8's {@code SetFontAndSize} and
 * {@code SetGraphicsStateParameters} do, but for the missing-resource warning: the text then shows in PDFBox's
 * default font, as before, with no line per operator.
 */
public final class PdfFontOperators {
    private PdfFontOperators() {
    }

    /** Makes {@code engine} choose its fonts through the document's cache (once it has one: {@link PdfResourceCache#keepFor}). */
    public static void install(PDFStreamEngine engine) {
        engine.addOperator(new SetFont(engine));
        engine.addOperator(new SetGraphicsState(engine));
    }

    /**
     * The font {@code entry} (a font dictionary, or a reference to one) names, through the cache of the document
     * {@code resources} belong to; PDFBox's own making when that document has no {@link PdfResourceCache}.
     */
    private static PDFont font(PDResources resources, COSBase entry, COSName name) throws IOException {
        if (resources.getResourceCache() instanceof PdfResourceCache cache) {
            return cache.font(entry);
        }
        if (name != null) {
            return resources.getFont(name);
        }
        COSBase font = entry instanceof COSObject indirect ? indirect.getObject() : entry;
        return font instanceof COSDictionary dictionary ? PDFontFactory.createFont(dictionary) : null;
    }

    /** {@code Tf}: the font named in the current resources' {@code /Font} dictionary, and the size. */
    private static final class SetFont extends OperatorProcessor {
        SetFont(PDFStreamEngine context) {
            super(context);
        }

        @Override
        public void process(Operator operator, List<COSBase> arguments) throws IOException {
            if (arguments.size() < 2) {
                throw new MissingOperandException(operator, arguments);
            }
            if (!(arguments.get(0) instanceof COSName name) || !(arguments.get(1) instanceof COSNumber size)) {
                return;
            }
            PDTextState text = getContext().getGraphicsState().getTextState();
            text.setFontSize(size.floatValue());
            PDResources resources = getContext().getResources();
            COSDictionary fonts = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
            text.setFont(fonts == null ? null : font(resources, fonts.getItem(name), name));
        }

        @Override
        public String getName() {
            return OperatorName.SET_FONT_AND_SIZE;
        }
    }

    /**
     * {@code gs}: the ExtGState's parameters as PDFBox sets them, but for its {@code /Font} (a font and a size), set
     * here with the font from the cache.
     */
    private static final class SetGraphicsState extends OperatorProcessor {
        SetGraphicsState(PDFStreamEngine context) {
            super(context);
        }

        @Override
        public void process(Operator operator, List<COSBase> arguments) throws IOException {
            if (arguments.isEmpty()) {
                throw new MissingOperandException(operator, arguments);
            }
            PDResources resources = getContext().getResources();
            if (!(arguments.get(0) instanceof COSName name) || resources == null) {
                return;
            }
            PDExtendedGraphicsState state = resources.getExtGState(name);
            if (state == null) {
                return;
            }
            COSDictionary parameters = state.getCOSObject();
            if (!(parameters.getDictionaryObject(COSName.FONT) instanceof COSArray setting)) {
                state.copyIntoGraphicsState(getContext().getGraphicsState());
                return;
            }
            COSDictionary others = new COSDictionary(parameters); // a copy: the document's ExtGState is not changed
            others.removeItem(COSName.FONT);
            new PDExtendedGraphicsState(others).copyIntoGraphicsState(getContext().getGraphicsState());
            PDTextState text = getContext().getGraphicsState().getTextState();
            text.setFont(setting.size() == 0 ? null : font(resources, setting.get(0), null));
            if (setting.size() > 1 && setting.getObject(1) instanceof COSNumber size) {
                text.setFontSize(size.floatValue());
            }
        }

        @Override
        public String getName() {
            return OperatorName.SET_GRAPHICS_STATE_PARAMS;
        }
    }
}
