package dev.aigcmark.text.internal;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.text.internal.mark.ExplicitLabelDetector;
import dev.aigcmark.text.internal.mark.TextMarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntPredicate;

/** What the plain-text and Markdown handlers share: reading, writing, and the edits of the text body. */
public final class TextDocuments {
    private TextDocuments() {
    }

    public static String read(MediaInput input, SdkContext context) throws IOException {
        return Utf8Text.decode(input.readAll(context.limits().maxInMemoryBytes()), input.name());
    }

    public static void write(String text, OutputStream out) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the file name ends with one of the extensions (lower case, no dot). */
    public static boolean hasExtension(String fileName, List<String> extensions) {
        if (fileName == null) {
            return false;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(e -> lower.endsWith("." + e));
    }

    /**
     * The body with the explicit label and our text mark applied as the edit asks. The label goes first, so
     * the mark never lands inside it (a label line has no sentence end and is too short for a mark).
     */
    public static String markBody(String body, ContentEdit edit, ExplicitLabelEditor labels,
                                  Function<String, IntPredicate> markable) {
        String text = body;
        if (edit.explicitLabel() != null) {
            text = labels.apply(text, edit.explicitLabel(), edit.placement());
        }
        if (edit.watermarkPayload() != null) {
            text = TextMarks.embed(text, edit.watermarkPayload(), markable);
        }
        return text;
    }

    /** Adds an explicit-text carrier for each label line at the start or end of {@code body}. */
    public static void addExplicitLabels(Container.Builder container, String body, int lineOffset, boolean markdown) {
        for (ExplicitLabelDetector.Candidate c : ExplicitLabelDetector.atStartAndEnd(body, markdown)) {
            container.carrier(new Carrier(CarrierType.EXPLICIT_TEXT, c.position() + " (line " + (c.line() + lineOffset) + ")",
                    -1, -1, c.text().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The index where a text's run of trailing line breaks starts (insertions at "the end" go before it). */
    public static int beforeTrailingBreaks(String text) {
        int i = text.length();
        while (i > 0 && (text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r')) {
            i--;
        }
        return i;
    }
}
