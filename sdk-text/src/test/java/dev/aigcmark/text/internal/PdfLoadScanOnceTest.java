package dev.aigcmark.text.internal;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.text.PdfSamples;
import dev.aigcmark.text.internal.format.PdfLoadStreamBombTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load-time scan ({@link PdfLoadStreams}) runs once per file: marking loads a PDF several times (reading it,
 * each step's edit, each output read back), and each step's output is its input with an update appended, so the
 * file's bytes are searched once and each load-time stream decoded once, and each document is measured once. The
 * counts are this thread's ({@link PdfLoadStreams#work()}), so other work cannot change them.
 */
class PdfLoadScanOnceTest {
    private static final long MAX = ReadLimits.defaults().maxDecompressedBytes();

    @TempDir
    static Path home;
    static SdkContext context;

    @BeforeAll
    static void identity() throws Exception {
        context = DevelopmentContexts.marking(home.resolve("aigc"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMarkSearchesTheBytesOnceAndDecodesEachLoadTimeStreamOnce(boolean c2pa, @TempDir Path dir) throws Exception {
        byte[] original = PdfSamples.prose(40, 0);
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).as("PDFBox writes object and xref streams")
                .contains("/ObjStm").contains("/XRef");
        Path in = dir.resolve("in.pdf");
        Path out = dir.resolve("out.pdf");
        Files.write(in, original);

        long[] before = PdfLoadStreams.work();
        new Marker(context).mark(in, out, MarkIntent.builder().c2pa(c2pa).build());
        long[] work = minus(PdfLoadStreams.work(), before);
        byte[] marked = Files.readAllBytes(out);

        long[] fresh = PdfLoadStreams.work();
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), marked.length).bind()) {
            PdfLoadStreams.check(marked, MAX, FileBudget.current());
        }
        long streamsInOutput = minus(PdfLoadStreams.work(), fresh)[1];

        // Searched once: the input, then only what each step appended (and a few bytes before it); the C2PA placement
        // pass's output, which is not kept, adds its update. Searching the input or any output again would add at
        // least the input's length.
        assertThat(work[0]).as("bytes searched (input %d, output %d)", original.length, marked.length)
                .isGreaterThanOrEqualTo(marked.length).isLessThan((long) marked.length + original.length);
        // Each load-time stream decoded once (the placement pass adds its own cross-reference stream).
        assertThat(work[1]).as("load-time streams decoded").isGreaterThanOrEqualTo(streamsInOutput)
                .isLessThanOrEqualTo(streamsInOutput + (c2pa ? 1 : 0));
        // The input and each edited document measured once: the content step's input, the label step's input (and
        // the C2PA passes' inputs); the edits' outputs are read back only for their structure.
        assertThat(work[2]).as("documents measured").isPositive().isLessThanOrEqualTo(c2pa ? 4 : 2);
    }

    /** The same bytes loaded again for the same file are neither searched nor measured again. */
    @Test
    void loadingTheSameBytesAgainDoesNoWork() throws IOException {
        byte[] pdf = PdfSamples.prose(3, 0);
        try (FileBudget.Scope ignored = FileBudget.forMark(ReadLimits.defaults(), pdf.length).bind()) {
            PdfFiles.load(pdf, "a.pdf", ReadLimits.defaults()).close();
            long[] before = PdfLoadStreams.work();
            PdfFiles.load(pdf.clone(), "a.pdf", ReadLimits.defaults()).close();
            PdfFiles.open(pdf, "a.pdf", ReadLimits.defaults()).close();
            assertThat(minus(PdfLoadStreams.work(), before)).containsExactly(0, 0, 0);
        }
        long[] before = PdfLoadStreams.work();
        try (FileBudget.Scope ignored = FileBudget.forMark(ReadLimits.defaults(), pdf.length).bind()) {
            PdfFiles.load(pdf, "a.pdf", ReadLimits.defaults()).close();
        }
        long[] another = minus(PdfLoadStreams.work(), before);
        assertThat(another[0]).as("another file's budget scans again").isEqualTo(pdf.length);
        assertThat(another[2]).isEqualTo(1);
    }

    /**
     * Bytes that extend scanned bytes are scanned only from where the findings could change, and count what a scan
     * of the whole would: the prefix is cut at seeded places, inside a stream's data and dictionary included.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void anExtendedFileCountsWhatAFreshScanCounts(int round) throws IOException {
        byte[] whole = PdfLoadStreamBombTest.pdf(PdfLoadStreamBombTest.Padded.OBJECT_STREAM, 200_000, 50_000);
        Random random = TestSeed.random("PdfLoadScanOnceTest#" + round);
        long fresh = freshTotal(whole);
        for (int i = 0; i < 40; i++) {
            int cut = 1 + random.nextInt(whole.length - 1);
            byte[] prefix = Arrays.copyOf(whole, cut);
            try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), whole.length).bind()) {
                long partial = PdfLoadStreams.check(prefix, MAX, FileBudget.current()).total();
                assertThat(partial).as("cut at %d", cut).isEqualTo(freshTotal(prefix));
                assertThat(PdfLoadStreams.check(whole, MAX, FileBudget.current()).total()).as("cut at %d", cut)
                        .isEqualTo(fresh);
            }
        }
    }

    private static long freshTotal(byte[] pdf) throws IOException {
        try (FileBudget.Scope ignored = FileBudget.forVerify(ReadLimits.defaults(), pdf.length).bind()) {
            return PdfLoadStreams.check(pdf, MAX, FileBudget.current()).total();
        }
    }

    private static long[] minus(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
