package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.internal.ExplicitLabelEditor;
import dev.aigcmark.text.internal.OoxmlHandler;
import dev.aigcmark.text.internal.OoxmlParts;
import dev.aigcmark.text.internal.TextDocuments;
import dev.aigcmark.text.internal.ZipPackage;
import dev.aigcmark.text.internal.mark.TextMarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word documents: the label as the {@code AIGC} custom property (see {@link OoxmlHandler}); the explicit
 * label as a paragraph at the start (and/or end) of the body; our text mark after sentence ends in the
 * text runs. Our paragraph carries a hidden bookmark
 * {@code _AIGCLabel}, so re-marking replaces it instead of adding another; the rest of
 * {@code word/document.xml} is kept byte for byte, and every other part of the package is copied raw.
 */
public final class DocxHandler extends OoxmlHandler implements ContentMarker {
    static final String DOCUMENT = "word/document.xml";
    static final String BOOKMARK = "_AIGCLabel";
    private static final Pattern BODY_OPEN = Pattern.compile("<w:body(\\s[^>]*)?>");
    private static final Pattern TEXT_RUN = Pattern.compile("(<w:t(?:\\s[^>]*)?>)([^<]*)(</w:t>)");
    private static final Pattern NOT_UTF8 = Pattern.compile("^<\\?xml[^>]*encoding=[\"'](?![Uu][Tt][Ff]-?8)");
    /** Text beyond this many characters is not read for labels and marks. */
    private static final int MAX_TEXT = 4 << 20;

    @Override
    public String id() {
        return "docx";
    }

    @Override
    public String mediaType() {
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }

    @Override
    public List<String> extensions() {
        return List.of("docx", "docm", "dotx");
    }

    @Override
    protected String mainPart() {
        return DOCUMENT;
    }

    @Override
    protected void scanContent(ZipPackage zip, Container.Builder container, SdkContext context) throws IOException {
        String text = OoxmlParts.wordText(zip.read(DOCUMENT, documentLimit(context)), MAX_TEXT);
        TextDocuments.addExplicitLabels(container, text, 0, false);
        container.view(TextView.class, () -> () -> text);
    }

    @Override
    public void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException {
        ZipPackage zip = open(input, context);
        String xml = new String(zip.read(DOCUMENT, documentLimit(context)), StandardCharsets.UTF_8);
        if (NOT_UTF8.matcher(xml).lookingAt()) {
            throw new UnreadableInputException(input.name() + ": word/document.xml is not UTF-8; editing it is not supported");
        }
        String updated = removeLabelParagraphs(xml, input.name());
        if (edit.watermarkPayload() != null) {
            updated = markTextRuns(updated, edit.watermarkPayload());
        }
        if (edit.explicitLabel() != null) {
            if (ExplicitLabelEditor.atStart(edit.placement())) {
                Matcher body = BODY_OPEN.matcher(updated);
                if (!body.find()) {
                    throw new UnreadableInputException(input.name() + ": word/document.xml has no <w:body>");
                }
                updated = updated.substring(0, body.end()) + paragraph(edit.explicitLabel(), 1) + updated.substring(body.end());
            }
            if (ExplicitLabelEditor.atEnd(edit.placement())) {
                int at = endOfBodyContent(updated, input.name());
                updated = updated.substring(0, at) + paragraph(edit.explicitLabel(), 2) + updated.substring(at);
            }
        }
        if (updated.equals(xml)) {
            zip.write(Map.of(), output);
        } else {
            zip.write(Map.of(DOCUMENT, updated.getBytes(StandardCharsets.UTF_8)), output);
        }
    }

    /**
     * Our text mark in the document's text runs ({@code w:t}), after sentence ends as in plain text. Each run
     * is marked on its own; Word splits paragraphs into runs at formatting changes, so a paragraph of
     * ordinary prose gets marks at the spacing {@link TextMarks} keeps. Variation selectors are legal XML
     * characters and show nothing in Word.
     */
    static String markTextRuns(String xml, byte[] payload) {
        Matcher m = TEXT_RUN.matcher(xml);
        StringBuilder sb = new StringBuilder(xml.length() + 1024);
        while (m.find()) {
            String marked = TextMarks.embed(m.group(2), payload, t -> i -> true);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + marked + m.group(3)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A plain paragraph in grey, with our hidden bookmark around the run. */
    static String paragraph(String label, int id) {
        String text = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String bookmarkId = Integer.toString(0x41494700 + id); // ids beyond any Word assigns by counting
        return "<w:p><w:bookmarkStart w:id=\"" + bookmarkId + "\" w:name=\"" + BOOKMARK + id + "\"/>"
                + "<w:r><w:rPr><w:color w:val=\"595959\"/></w:rPr><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"
                + "<w:bookmarkEnd w:id=\"" + bookmarkId + "\"/></w:p>";
    }

    /** Removes every paragraph holding one of our bookmarks (earlier runs' labels). */
    static String removeLabelParagraphs(String xml, String name) throws UnreadableInputException {
        String result = xml;
        int guard = 0;
        int mark;
        while ((mark = result.indexOf("w:name=\"" + BOOKMARK)) >= 0) {
            int open = Math.max(result.lastIndexOf("<w:p>", mark), result.lastIndexOf("<w:p ", mark));
            int close = result.indexOf("</w:p>", mark);
            if (open < 0 || close < 0 || ++guard > 16) {
                throw new UnreadableInputException(name + ": an earlier AIGC label paragraph is malformed");
            }
            result = result.substring(0, open) + result.substring(close + "</w:p>".length());
        }
        return result;
    }

    /** Before the body-level {@code <w:sectPr>} (always the body's last child) or else before {@code </w:body>}. */
    private static int endOfBodyContent(String xml, String name) throws UnreadableInputException {
        int close = xml.lastIndexOf("</w:body>");
        if (close < 0) {
            throw new UnreadableInputException(name + ": word/document.xml has no </w:body>");
        }
        int sect = xml.lastIndexOf("<w:sectPr", close);
        int lastBlock = Math.max(xml.lastIndexOf("</w:p>", close), xml.lastIndexOf("</w:tbl>", close));
        return sect > lastBlock ? sect : close;
    }

    private static int documentLimit(SdkContext context) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.min(context.limits().maxInMemoryBytes(), 256L << 20));
    }
}
