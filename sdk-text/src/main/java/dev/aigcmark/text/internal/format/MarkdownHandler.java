package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.internal.ExplicitLabelEditor;
import dev.aigcmark.text.internal.FrontMatter;
import dev.aigcmark.text.internal.Lines;
import dev.aigcmark.text.internal.MarkdownProse;
import dev.aigcmark.text.internal.TextDocuments;
import dev.aigcmark.text.internal.Utf8Text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Markdown: the GB 45438 label in the YAML front matter ({@code AIGC:} with the seven keys, TC260 text
 * guide), the explicit label as a blockquote line after the front matter, our text mark after sentence
 * ends of the prose (never inside code). Chosen over plain text by the file extension.
 */
public final class MarkdownHandler implements FormatHandler, LabelWriter, ContentMarker, ContentDigester {
    private static final ExplicitLabelEditor LABELS = new ExplicitLabelEditor(w -> "> " + w, true);

    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public String mediaType() {
        return "text/markdown";
    }

    @Override
    public List<String> extensions() {
        return List.of("md", "markdown");
    }

    @Override
    public int sniffLength() {
        return PlainTextHandler.SNIFF;
    }

    @Override
    public int priority() {
        return -90;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("YAML front matter AIGC: with the seven keys"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return TextDocuments.hasExtension(fileName, extensions()) && Utf8Text.looksLikeText(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        String text = TextDocuments.read(input, context);
        Container.Builder container = Container.builder(this, input);
        Optional<FrontMatter> fm = FrontMatter.parse(text, context.limits().maxMetadataBytes());
        int bodyStart = 0;
        if (fm.isPresent()) {
            bodyStart = fm.get().bodyStart();
            for (FrontMatter.Block b : fm.get().blocks()) {
                String where = "front matter AIGC block (line " + b.line() + ")";
                b.problems().forEach(p -> container.problem(Status.failure(StatusCodes.ASSET_MALFORMED, where + ", " + p)));
                container.carrier(new Carrier(CarrierType.AIGC_JSON, where, Utf8Text.utf8Length(text, 0, b.start()),
                        Utf8Text.utf8Length(text, b.start(), b.end()), b.json().getBytes(StandardCharsets.UTF_8)));
            }
        }
        String body = text.substring(bodyStart);
        int headerLines = Lines.of(text, 0, bodyStart, Integer.MAX_VALUE).size();
        TextDocuments.addExplicitLabels(container, body, headerLines, true);
        Body content = new Body(body.startsWith("\uFEFF") ? body.substring(1) : body);
        return container.view(TextView.class, () -> () -> body).view(Body.class, () -> content).build();
    }

    /** The Markdown after the front matter (and a byte order mark), as the scan found it. */
    private record Body(String text) {
    }

    /**
     * {@code markdown.1}: the body after the front matter, as UTF-8. The front matter is the document's metadata
     * (our label, title, tags); the explicit label line and the text mark are part of the body, so they count.
     */
    @Override
    public ContentDigest contentDigest(Container scanned) {
        Body body = scanned.view(Body.class).orElseThrow(() ->
                new IllegalArgumentException("not a container scanned by the Markdown handler"));
        return ContentDigest.builder("markdown.1").part("body", body.text()).build();
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        String text = TextDocuments.read(input, context);
        TextDocuments.write(FrontMatter.withLabel(text, edit.label(), context.limits().maxMetadataBytes()), output);
    }

    /** The explicit label and the text mark; the signed label belongs in the front matter ({@link #writeLabel}). */
    @Override
    public void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException {
        String text = TextDocuments.read(input, context);
        int bodyStart = FrontMatter.parse(text, context.limits().maxMetadataBytes()).map(FrontMatter::bodyStart)
                .orElse(text.startsWith("\uFEFF") ? 1 : 0);
        String body = TextDocuments.markBody(text.substring(bodyStart), edit, LABELS, MarkdownProse::markable);
        TextDocuments.write(text.substring(0, bodyStart) + body, output);
    }
}
