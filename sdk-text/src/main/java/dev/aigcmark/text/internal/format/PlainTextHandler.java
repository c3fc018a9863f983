package dev.aigcmark.text.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
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
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.TextView;
import dev.aigcmark.text.internal.ExplicitLabelEditor;
import dev.aigcmark.text.internal.TextDocuments;
import dev.aigcmark.text.internal.Utf8Text;
import dev.aigcmark.text.internal.mark.TextWrapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain UTF-8 text. Text has no metadata, so the signed GB 45438 label travels invisibly inside it, in a
 * C2PA text wrapper at the end of the text; the explicit label is a visible line at the start and/or end,
 * set off by a blank line; our text mark sits after sentence ends. The handler accepts any text that no
 * more specific handler (Markdown) claims, hence its lowest priority.
 */
public final class PlainTextHandler implements FormatHandler, LabelWriter, ContentMarker, ContentDigester {
    static final int SNIFF = 4096;
    private static final ExplicitLabelEditor LABELS = new ExplicitLabelEditor(w -> w, false);
    /**
     * Extensions of prose files we write to (a name without an extension is taken as prose too); {@code part}
     * is the Marker's intermediate file between its steps, whose format was already decided on the input.
     */
    static final List<String> WRITABLE = List.of("txt", "text", "part");

    @Override
    public String id() {
        return "text";
    }

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public List<String> extensions() {
        return List.of("txt", "text");
    }

    @Override
    public int sniffLength() {
        return SNIFF;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(new LabelCarrierSpec("invisible in-text carrier (the standard names no place for plain text)",
                Placement.NONSTANDARD, true));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return Utf8Text.looksLikeText(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        String text = TextDocuments.read(input, context);
        Container.Builder container = Container.builder(this, input);
        List<TextWrapper.Found> wrappers = TextWrapper.find(text, context.limits().maxMetadataBytes());
        for (TextWrapper.Found w : wrappers) {
            String where = "text wrapper at character " + w.start();
            long offset = Utf8Text.utf8Length(text, 0, w.start());
            long length = Utf8Text.utf8Length(text, w.start(), w.end());
            if (!w.intact()) {
                container.problem(Status.failure(StatusCodes.ASSET_MALFORMED, where + ": " + w.problem()));
            } else if (w.carriesJson()) {
                container.carrier(new Carrier(CarrierType.AIGC_JSON, "text wrapper", offset, length, w.payload()));
            } else if (w.carriesJumbf()) {
                container.carrier(new Carrier(CarrierType.JUMBF, "text wrapper", offset, length, w.payload()));
            } else {
                container.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, where + " carries neither a label nor a manifest"));
            }
        }
        Visible visible = new Visible(TextWrapper.remove(text, wrappers));
        TextDocuments.addExplicitLabels(container, visible.text(), 0, false);
        return container.view(TextView.class, () -> () -> text).view(Visible.class, () -> visible).build();
    }

    /** The text without its wrappers (the carriers of the label and of C2PA manifests). */
    private record Visible(String text) {
    }

    /**
     * {@code text.1}: the text without the invisible wrappers that carry the label and C2PA manifests, as UTF-8.
     * Our text mark and the explicit label line are part of the text, so they count.
     */
    @Override
    public ContentDigest contentDigest(Container scanned) {
        Visible v = scanned.view(Visible.class).orElseThrow(() ->
                new IllegalArgumentException("not a container scanned by the plain text handler"));
        return ContentDigest.builder("text.1").part("text", v.text()).build();
    }

    /** Writes the label (wrapped JSON, the form for generic carriers) in a text wrapper, replacing an earlier one. */
    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        requireProse(input.name());
        String text = TextDocuments.read(input, context);
        TextDocuments.write(withSignedLabel(text, LabelJson.toWrappedJson(edit.label()), context), output);
    }

    @Override
    public void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context) throws IOException {
        requireProse(input.name());
        String text = TextDocuments.read(input, context);
        List<TextWrapper.Found> wrappers = TextWrapper.find(text, context.limits().maxMetadataBytes());
        // Edit the text without the wrappers, then put them back at the end, where they belong.
        String body = TextDocuments.markBody(TextWrapper.remove(text, wrappers), edit, LABELS, t -> i -> true);
        StringBuilder kept = new StringBuilder();
        for (TextWrapper.Found w : wrappers) {
            kept.append(text, w.start(), w.end());
        }
        String marked = insertAtEnd(body, kept.toString());
        if (edit.signedLabelText() != null) {
            marked = withSignedLabel(marked, edit.signedLabelText(), context);
        }
        TextDocuments.write(marked, output);
    }

    /**
     * Any text file is verified, but only prose is written: invisible characters and a label line would corrupt
     * JSON, CSV, source code or markup that also happen to be "text". So writing needs a {@code .txt}-like
     * name, or none at all.
     */
    static void requireProse(String name) throws UnreadableInputException {
        String file = Path.of(name).getFileName() == null ? name : Path.of(name).getFileName().toString();
        int dot = file.lastIndexOf('.');
        if (dot > 0 && !WRITABLE.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            throw new UnreadableInputException(name + ": marking is refused for ." + file.substring(dot + 1)
                    + " files: invisible marks and a label line would corrupt structured text; only plain prose"
                    + " (.txt, .text) is marked");
        }
    }

    /** {@code text} with exactly one label wrapper, carrying {@code json}, at its end; other wrappers kept. */
    static String withSignedLabel(String text, String json, SdkContext context) {
        List<TextWrapper.Found> labels = new ArrayList<>();
        for (TextWrapper.Found w : TextWrapper.find(text, context.limits().maxMetadataBytes())) {
            if (!w.intact() || w.carriesJson()) {
                labels.add(w);
            }
        }
        String wrapper = TextWrapper.encode(json.getBytes(StandardCharsets.UTF_8));
        return insertAtEnd(TextWrapper.remove(text, labels), wrapper);
    }

    /** Inserts invisible {@code s} after the last visible character, before the trailing line breaks. */
    private static String insertAtEnd(String text, String s) {
        int at = TextDocuments.beforeTrailingBreaks(text);
        return text.substring(0, at) + s + text.substring(at);
    }
}
