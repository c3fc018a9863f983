package dev.aigcmark.text;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.text.internal.format.DocxHandler;
import dev.aigcmark.text.internal.format.MarkdownHandler;
import dev.aigcmark.text.internal.format.PptxHandler;
import dev.aigcmark.text.internal.format.XlsxHandler;
import dev.aigcmark.text.internal.format.PdfHandler;
import dev.aigcmark.text.internal.format.PlainTextHandler;
import dev.aigcmark.text.internal.mark.ExplicitTextLabelCodec;
import dev.aigcmark.text.internal.mark.TextMarkCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Shared helpers for the text tests: a context with this module's handlers and codecs, one-call edits. */
public final class TextTesting {
    public static final String PRODUCER = "001191110102MACQD9K64010000";

    private TextTesting() {
    }

    public static SdkContext context() {
        return TestContexts.builder().handlers(List.of(new PdfHandler(), new DocxHandler(), new PptxHandler(), new XlsxHandler(),
                        new MarkdownHandler(), new PlainTextHandler()))
                .codecs(List.of(new ExplicitTextLabelCodec(), new TextMarkCodec())).build();
    }

    public static AigcLabel label(String produceId) {
        return AigcLabel.produced(LabelValue.AI_GENERATED, PRODUCER, ProduceId.of(produceId))
                .withReservedCode1("{\"SecurityData\":{\"Type\":\"TC260PG\",\"Version\":1,\"PubSD\":[]}}");
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String writeLabel(LabelWriter handler, String text, String name, AigcLabel label) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(bytes(text), name), out, new LabelEdit(label, null), context());
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String mark(ContentMarker handler, String text, String name, ContentEdit edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.markContent(MediaInput.of(bytes(text), name), out, edit, context());
        return out.toString(StandardCharsets.UTF_8);
    }

    public static Container scan(FormatHandler handler, String text, String name) throws IOException {
        return handler.scan(MediaInput.of(bytes(text), name), context());
    }

    /** The watermark key of test issuer {@code issuer}: 16 bytes derived from the id. */
    public static WatermarkKey key(int issuer) {
        byte[] k = new byte[16];
        Arrays.fill(k, (byte) issuer);
        return new WatermarkKey(issuer, k);
    }

    /** A real payload (keyed tag included) for {@link #key(int)}. */
    public static byte[] payload(int issuer, long serial) {
        return WatermarkPayload.of(key(issuer), serial).toBytes();
    }
}
