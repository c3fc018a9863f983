package dev.aigcmark.text.internal.mark;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.mark.Watermark;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustedPlatform;
import dev.aigcmark.text.TextTesting;
import dev.aigcmark.text.internal.format.MarkdownHandler;
import dev.aigcmark.text.internal.format.PlainTextHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.aigcmark.text.TextTesting.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The survival promises of issue 6, each on its own: what the text mark outlives and what destroys it. */
class TextMarkSurvivalTest {
    static final byte[] PAYLOAD = TextTesting.payload(0x0A1B, 4242);
    static final String HEX = HexFormat.of().formatHex(PAYLOAD);
    /** Default_Ignorable_Code_Point, written out from DerivedCoreProperties.txt: what sanitisers strip. */
    static final Pattern DEFAULT_IGNORABLE = Pattern.compile("[\\x{AD}\\x{34F}\\x{61C}\\x{115F}\\x{1160}\\x{17B4}\\x{17B5}"
            + "\\x{180B}-\\x{180F}\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2060}-\\x{206F}\\x{3164}\\x{FE00}-\\x{FE0F}"
            + "\\x{FEFF}\\x{FFA0}\\x{FFF0}-\\x{FFF8}\\x{1BCA0}-\\x{1BCA3}\\x{1D173}-\\x{1D17A}\\x{E0000}-\\x{E0FFF}]");

    static final String ORIGINAL = String.join("\n\n", List.of(
            "Large language models write fluent text. They are trained on large corpora and can answer\n"
                    + "questions, summarise documents and translate between languages. Their output needs a label\n"
                    + "when it is published, so readers know what they are reading! Labels come in two kinds. The\n"
                    + "visible one is a short prompt at the start or the end of the text. The invisible one travels in\n"
                    + "the file itself and can be checked by software. Platforms that pass content on must keep both.\n"
                    + "This paragraph is long on purpose, so that excerpts can be cut from it anywhere.",
            "人工智能生成的内容需要标识。根据国家标准，服务提供者应当在文本的适当位置添加显式标识，并在文件元数据中添加隐式标识。"
                    + "平台在传播内容时也要检查这些标识，必要时补充自己的传播信息。这样读者和平台都能判断内容的来源。"
                    + "这一段落足够长，可以单独复制。它包含多个句子。每个句子都以句号结束。",
            "A paragraph without any sentence-ending punctuation that still runs on for more than forty chars",
            "Short one."));
    static String marked;

    @BeforeAll
    static void mark() throws Exception {
        marked = TextTesting.mark(new PlainTextHandler(), ORIGINAL, "a.txt", new ContentEdit(null, null, PAYLOAD, null));
    }

    @Test
    void visibleTextIsUnchanged() {
        assertThat(marked).isNotEqualTo(ORIGINAL);
        assertThat(TextMarks.strip(marked)).isEqualTo(ORIGINAL);
        assertThat(DEFAULT_IGNORABLE.matcher(marked).replaceAll("")).isEqualTo(ORIGINAL);
    }

    @Test
    void everyParagraphCarriesTheMark() {
        for (String paragraph : marked.split("\n\n")) {
            assertThat(found(paragraph)).as(paragraph).isPresent();
        }
    }

    @Test
    void longParagraphsCarryItSeveralTimes() {
        String english = marked.split("\n\n")[0];
        assertThat(TextMarks.find(english)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void survivesNfcAndNfkc() {
        assertThat(found(Normalizer.normalize(marked, Normalizer.Form.NFC)).orElseThrow().mark())
                .extracting(m -> ((Watermark) m).payloadHex()).isEqualTo(HEX);
        assertThat(found(Normalizer.normalize(marked, Normalizer.Form.NFKC))).isPresent();
        assertThat(found(Normalizer.normalize(marked, Normalizer.Form.NFKD))).isPresent();
    }

    @Test
    void survivesReWrappingLines() {
        String unwrapped = marked.replaceAll("(?<!\n)\n(?!\n)", " ");
        String rewrapped = unwrapped.replaceAll("(.{20,40}?) ", "$1\n");
        assertThat(rewrapped).isNotEqualTo(marked);
        MarkFinding f = found(rewrapped).orElseThrow();
        assertThat(((Watermark) f.mark()).payloadHex()).isEqualTo(HEX);
        assertThat(f.mark().describe().get("found")).isEqualTo(f.mark().describe().get("places"));
    }

    @Test
    void aSingleParagraphOfTwoHundredCharactersCopiedAloneCarriesIt() {
        String chinese = marked.split("\n\n")[1];
        assertThat(DEFAULT_IGNORABLE.matcher(chinese).replaceAll("").length()).isGreaterThanOrEqualTo(100);
        assertThat(found(chinese)).isPresent();
        // An excerpt of 200 visible characters starting at any sentence still holds a whole mark.
        String english = marked.split("\n\n")[0];
        int excerpts = 0;
        for (int from = 0; from < english.length(); from++) {
            boolean sentenceStart = from == 0 || english.charAt(from - 1) == ' ' && TextMarks.strip(english.substring(0, from - 1)).endsWith(".");
            int to = endAfterVisible(english, from, 200);
            if (sentenceStart && to > 0) {
                assertThat(found(english.substring(from, to))).as("excerpt at %d", from).isPresent();
                excerpts++;
            }
        }
        assertThat(excerpts).isGreaterThanOrEqualTo(4);
    }

    @Test
    void survivesConcatenationWithOtherText() {
        String other = "Unrelated text written by a person. It has its own sentences.\n\n";
        MarkFinding f = found(other + marked + "\n\n" + other).orElseThrow();
        assertThat(((Watermark) f.mark()).payloadHex()).isEqualTo(HEX);
    }

    @Test
    void twoMarkedTextsConcatenatedReportBothPayloads() throws Exception {
        byte[] second = TextTesting.payload(0x0B00, 7);
        String other = TextTesting.mark(new PlainTextHandler(), "Another text. With sentences.\n", "b.txt",
                new ContentEdit(null, null, second, null));
        VerificationReport r = verify(marked + "\n\n" + other, TextTesting.context());
        assertThat(r.findings(Watermark.class)).extracting(f -> ((Watermark) f.mark()).payloadHex())
                .containsExactlyInAnyOrder(HEX, HexFormat.of().formatHex(second));
    }

    @Test
    void strippingDefaultIgnorablesRemovesItAndItIsReportedAbsentNotForged() {
        String stripped = DEFAULT_IGNORABLE.matcher(marked).replaceAll("");
        VerificationReport r = verify(stripped, TextTesting.context());
        assertThat(r.findings(Watermark.class)).isEmpty();
        assertThat(r.failureCodes()).isEmpty();
        assertThat(r.state()).isEqualTo(TrustState.NONE);
    }

    @Test
    void aCutMarkIsADiagnosticNotAMark() {
        String mark = TextMarks.encode(PAYLOAD);
        String cut = "Text." + mark.substring(0, mark.length() - 3) + " more";
        VerificationReport r = verify(cut, TextTesting.context());
        assertThat(r.marks()).isEmpty();
        assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.code()).isEqualTo(StatusCodes.WM_TEXT_DAMAGED));
    }

    @Test
    void leavesEmojiAndIdeographicVariationSelectorsAlone() throws Exception {
        String text = "Nice work 👍\uFE0F. 葛\uDB40\uDD00 is a variant. And this sentence is long enough to matter here.\n";
        String m = TextTesting.mark(new PlainTextHandler(), text, "a.txt", new ContentEdit(null, null, PAYLOAD, null));
        assertThat(TextMarks.strip(m)).isEqualTo(text);
        assertThat(TextMarks.find(m)).allSatisfy(s -> assertThat(s.payload()).isEqualTo(PAYLOAD));
    }

    @Test
    void reMarkingReplacesTheMarkInsteadOfAddingOne() throws Exception {
        byte[] other = TextTesting.payload(0x0A1B, 9999);
        String again = TextTesting.mark(new PlainTextHandler(), marked, "a.txt", new ContentEdit(null, null, other, null));
        assertThat(TextMarks.find(again)).hasSameSizeAs(TextMarks.find(marked))
                .allSatisfy(s -> assertThat(s.payload()).isEqualTo(other));
        assertThat(TextMarks.strip(again)).isEqualTo(ORIGINAL);
    }

    @Test
    void namesTheIssuerFromTheTrustRegistryAndChecksItsKeyedTag() {
        MarkFinding f = verify(marked, contextTrusting(TextTesting.key(0x0A1B), false)).findings(Watermark.class).get(0);
        assertThat(f.signer()).isEqualTo("Example Writer");
        assertThat(f.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(f.mark().describe()).containsEntry("issuerId", 0x0A1B)
                .containsEntry("serial", 4242L);
        assertThat(f.hasStatus(StatusCodes.WM_ISSUER_TRUSTED)).isTrue();
        MarkFinding untrusted = verify(marked, TextTesting.context()).findings(Watermark.class).get(0);
        assertThat(untrusted.hasStatus(StatusCodes.WM_ISSUER_UNTRUSTED)).isTrue();
        assertThat(untrusted.state()).isEqualTo(TrustState.VALID);
        MarkFinding development = verify(marked, contextTrusting(TextTesting.key(0x0A1B), true)).findings(Watermark.class).get(0);
        assertThat(development.state()).isEqualTo(TrustState.VALID);
        assertThat(development.hasStatus(StatusCodes.WM_ISSUER_DEVELOPMENT)).isTrue();
    }

    @Test
    void aMarkNamingAnIssuerWithoutItsKeyIsReportedForged() {
        byte[] otherKey = new byte[16];
        Arrays.fill(otherKey, (byte) 0x55);
        SdkContext ctx = contextTrusting(new WatermarkKey(0x0A1B, otherKey), false);
        MarkFinding f = verify(marked, ctx).findings(Watermark.class).get(0);
        assertThat(f.state()).isEqualTo(TrustState.INVALID);
        assertThat(f.hasStatus(StatusCodes.WM_ISSUER_MISMATCH)).isTrue();
    }

    private static SdkContext contextTrusting(WatermarkKey key, boolean development) {
        TrustedPlatform platform = new TrustedPlatform("example", "Example Writer", List.of(TextTesting.PRODUCER),
                List.of(), List.of(), Optional.of(key), development);
        return TextTesting.context().toBuilder().trust(TrustRegistry.empty().with(platform)).build();
    }

    @Test
    void reportsNOfMPlaces() {
        List<TextMarks.Site> sites = TextMarks.find(marked);
        Watermark w = (Watermark) found(marked).orElseThrow().mark();
        assertThat(w.describe()).containsEntry("places", sites.size()).containsEntry("found", sites.size());
        assertThat(w.carrier()).isEqualTo("text (" + sites.size() + " of " + sites.size() + " places)");
        assertThat(w.scheme()).isEqualTo(TextMarks.SCHEME);
    }

    @Test
    void inMarkdownTheMarkStaysOutOfCode() throws Exception {
        String md = "---\ntitle: x\n---\nProse here. And more prose follows here.\n\n```\nint a = 1. b = 2.\n```\n\n"
                + "Inline `x. y` code. End.\n";
        String m = TextTesting.mark(new MarkdownHandler(), md, "a.md", new ContentEdit(null, null, PAYLOAD, null));
        assertThat(TextMarks.strip(m)).isEqualTo(md);
        assertThat(m).contains("---\ntitle: x\n---\n").contains("```\nint a = 1. b = 2.\n```").contains("`x. y`");
        assertThat(verify(m, TextTesting.context(), "a.md").findings(Watermark.class)).hasSize(1);
    }

    /** The index after {@code count} visible characters from {@code from}, or -1 when the text ends first. */
    private static int endAfterVisible(String text, int from, int count) {
        int seen = 0;
        for (int i = from; i < text.length(); i++) {
            if (!DEFAULT_IGNORABLE.matcher(String.valueOf(text.charAt(i))).matches() && !Character.isLowSurrogate(text.charAt(i))
                    && !(Character.isHighSurrogate(text.charAt(i)) && DEFAULT_IGNORABLE.matcher(text.substring(i, i + 2)).matches())) {
                seen++;
            }
            if (seen == count) {
                return i + 1;
            }
        }
        return -1;
    }

    private static Optional<MarkFinding> found(String text) {
        List<MarkFinding> f = verify(text, TextTesting.context()).findings(Watermark.class);
        assertThat(f).hasSizeLessThanOrEqualTo(1);
        return f.stream().findFirst();
    }

    private static VerificationReport verify(String text, SdkContext ctx) {
        return verify(text, ctx, "a.txt");
    }

    private static VerificationReport verify(String text, SdkContext ctx, String name) {
        return new Verifier(ctx).verify(MediaInput.of(bytes(text), name));
    }

    static {
        assert Arrays.equals(PAYLOAD, HexFormat.of().parseHex(HEX));
    }
}
