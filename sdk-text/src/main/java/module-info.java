/**
 * Text and documents (plain text, Markdown, PDF, DOCX, PPTX, XLSX): format handlers and the text mark codecs,
 * found through the SPI. A pure provider: it exports no package.
 */
module dev.aigcmark.text {
    requires dev.aigcmark.core;
    requires dev.aigcmark.image; // the bundled label font
    requires java.xml;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires org.apache.fontbox;
    // PDFBox logs through commons-logging, an explicit module. PDFBox is an automatic module and cannot require it,
    // so nothing would resolve it (ModulePathTest: NoClassDefFoundError LogFactory on the first PDF).
    requires org.apache.commons.logging;

    // Keep in step with META-INF/services (read by class-path users); ApiReportTest checks that they agree.
    provides dev.aigcmark.core.spi.FormatHandler with
            dev.aigcmark.text.internal.format.DocxHandler,
            dev.aigcmark.text.internal.format.MarkdownHandler,
            dev.aigcmark.text.internal.format.PdfHandler,
            dev.aigcmark.text.internal.format.PlainTextHandler,
            dev.aigcmark.text.internal.format.PptxHandler,
            dev.aigcmark.text.internal.format.XlsxHandler;
    provides dev.aigcmark.core.spi.MarkCodec with
            dev.aigcmark.text.internal.mark.ExplicitTextLabelCodec,
            dev.aigcmark.text.internal.mark.TextMarkCodec;
}
