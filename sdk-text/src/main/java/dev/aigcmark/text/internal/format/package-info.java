/**
 * Text and document formats, one class per format behind the {@link dev.aigcmark.core.spi.FormatHandler} SPI.
 *
 * <table>
 * <caption>Where each mark goes</caption>
 * <tr><th>format</th><th>GB 45438 label</th><th>explicit label</th><th>text mark</th><th>C2PA</th></tr>
 * <tr><td>{@link dev.aigcmark.text.internal.format.PlainTextHandler plain text}</td><td>C2PA text wrapper at the end
 * (JSON payload)</td><td>line at start/end</td><td>after sentence ends</td><td>read only (wrapper with JUMBF)</td></tr>
 * <tr><td>{@link dev.aigcmark.text.internal.format.MarkdownHandler Markdown}</td><td>YAML front matter {@code AIGC:}</td>
 * <td>blockquote line after the front matter / at the end</td><td>after sentence ends, never in code</td><td>no</td></tr>
 * <tr><td>{@link dev.aigcmark.text.internal.format.PdfHandler PDF}</td><td>info {@code /AIGC} + TC260 XMP</td><td>top-right
 * margin of the first/last/every page</td><td>invisible text run per page</td><td>associated file</td></tr>
 * <tr><td>{@link dev.aigcmark.text.internal.format.DocxHandler DOCX}, PPTX, XLSX</td><td>custom property {@code AIGC}</td>
 * <td>first/last paragraph (DOCX)</td><td>text runs (DOCX)</td><td>no</td></tr>
 * </table>
 *
 * <p>Every writer replaces what an earlier run wrote (exactly one label afterwards) and keeps everything else:
 * text outside the edit, PDF bytes as a prefix (incremental update), zip entries as raw records.
 */
package dev.aigcmark.text.internal.format;
