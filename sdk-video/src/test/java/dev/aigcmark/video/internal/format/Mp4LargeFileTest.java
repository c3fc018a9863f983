package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.internal.bmff.BmffRewriter;
import dev.aigcmark.core.internal.bmff.BoxReader;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.SyntheticMp4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A 4.3 GB file (sparse on disk: a real moov, an mdat declared with a 64-bit size) is labelled fast-start.
 * This test runs in its own JVM with {@code -Xmx64m} (see the module pom): loading the mdat, or any buffer
 * proportional to the file, would fail with OutOfMemoryError. The moov grows, chunk offsets near 4 GiB no
 * longer fit in 32 bits, so the stco must become a co64; marker bytes at those offsets must still be there.
 * It also times the label against a plain kernel copy of the same file and prints the ratio.
 */
@Tag("largeFile") // its own surefire execution (pom.xml): a -Dtest selection runs it there only
class Mp4LargeFileTest {
    static final long MDAT_PAYLOAD = 4_300_000_000L;
    static final long HIGH_CHUNK = 0xFFFF_FF00L; // moves past 2^32 - 1 once the moov grows
    static Path dir;
    static Path big;
    static long firstChunk;

    @BeforeAll
    static void sparseFile() throws IOException {
        dir = Files.createTempDirectory("aigc-large");
        big = dir.resolve("big.mp4");
        byte[] ftyp = SyntheticMp4.ftyp();
        long moovSize = SyntheticMp4.moov(0, null).size();
        firstChunk = ftyp.length + moovSize + 16;
        Box moov = SyntheticMp4.moov(firstChunk, null);
        // Point chunk 4 near the 4 GiB boundary.
        ByteBuffer stco = ByteBuffer.wrap(moov.child(BoxTypes.TRAK).child(BoxTypes.MDIA).child(BoxTypes.MINF)
                .child(BoxTypes.STBL).child(BoxTypes.STCO).payload());
        stco.putInt(8 + 4 * 4, (int) HIGH_CHUNK);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write(ftyp);
            f.write(moov.toBytes());
            f.write(ByteBuffer.allocate(16).putInt(1).putInt(BoxTypes.MDAT).putLong(16 + MDAT_PAYLOAD).array());
            f.setLength(firstChunk + MDAT_PAYLOAD);
            writeMarker(f, firstChunk, 1);
            writeMarker(f, HIGH_CHUNK, 5);
        }
    }

    static void writeMarker(RandomAccessFile f, long at, int value) throws IOException {
        byte[] b = new byte[SyntheticMp4.CHUNK_SIZE];
        Arrays.fill(b, (byte) value);
        f.seek(at);
        f.write(b);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    @Test
    void labelsAMultiGigabyteFileWithBoundedMemoryAndPromotesStcoToCo64() throws IOException {
        // Meaningful only in the small-heap execution (module pom); -Dtest= also selects it in the default one.
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20,
                "runs in the surefire execution 'large-file-small-heap' (-Xmx64m)");
        Mp4Handler handler = new Mp4Handler();
        SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();
        // Stream API into a sink that keeps only the head and the two marker windows: no 4 GB on the disk.
        WindowSink sink = new WindowSink(1 << 16, HIGH_CHUNK, 4096);
        try (MediaInput mi = MediaInput.of(big)) {
            handler.writeLabel(mi, sink, new LabelEdit(Mp4LabelWriteTest.label("big"), null), context);
        }
        MediaInput head = MediaInput.of(sink.head(), "head");
        int ftypLength = SyntheticMp4.ftyp().length;
        Box moov = TopLevel.loadBox(head, context.limits(),
                BoxReader.header(head, ftypLength, head.size()), 1 << 20);
        long delta = moov.size() - SyntheticMp4.moov(0, null).size();
        assertThat(sink.count).isEqualTo(Files.size(big) + delta);
        Box stbl = moov.child(BoxTypes.TRAK).child(BoxTypes.MDIA).child(BoxTypes.MINF).child(BoxTypes.STBL);
        assertThat(stbl.child(BoxTypes.STCO)).isNull();
        assertThat(stbl.child(BoxTypes.CO64)).isNotNull();
        List<Long> offsets = Boxes.chunkOffsets(moov);
        assertThat(offsets.get(4)).isEqualTo(HIGH_CHUNK + delta).isGreaterThan(0xFFFF_FFFFL);
        assertThat(head.readFully(offsets.get(0), SyntheticMp4.CHUNK_SIZE)).containsOnly(1);
        assertThat(sink.window(offsets.get(4), SyntheticMp4.CHUNK_SIZE)).containsOnly(5);
        assertThat(handler.scan(head, context).carriers(CarrierType.AIGC_JSON)).singleElement() // tail cut: reported, label read
                .satisfies(c -> assertThat(c.text()).isEqualTo(LabelJson.toBareJson(Mp4LabelWriteTest.label("big"))));

        timeAgainstPlainCopy(handler, context);
    }

    /**
     * The padding right after moov is reused (so a relabel moves no sample), but it is the input's to size: a hostile
     * fast-start file may put gigabytes there. Both writers stream its zeros: the room the one-pass writer reserves
     * (a 96 MB box: it was held on the heap twice, OutOfMemoryError at -Xmx64m), of which only moov and the free
     * box's header are written again once the label is signed, and the two-pass writer (a 3 GiB box: its 32-bit size
     * was cast to a negative array length). Review of session 15, D1.
     */
    @Test
    void aHugeFreeBoxAfterMoovIsWrittenAsZerosNeverHeldInMemory() throws IOException {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20,
                "runs in the surefire execution 'large-file-small-heap' (-Xmx64m)");
        Mp4Handler handler = new Mp4Handler();
        SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();
        AigcLabel label = Mp4LabelWriteTest.label("padded");

        Path padded = paddedFile(96L << 20);
        try (MediaInput mi = MediaInput.of(padded)) {
            BmffRewriter rewriter = new BmffRewriter(TopLevel.read(mi, context.limits())); // moov as it is
            long room = rewriter.moovRoom();
            assertThat(room).isEqualTo(SyntheticMp4.moov(0, null).size() + (96L << 20));
            WindowSink sink = new WindowSink(1 << 16, 0, 0);
            long at = rewriter.reserveMoov(room).writeReservingMoov(Channels.newChannel(sink));
            assertThat(sink.count).isEqualTo(Files.size(padded));
            byte[] region = rewriter.moovRegion(rewriter); // what the writer puts at the room's start: moov, free's header
            assertThat(at).isEqualTo(SyntheticMp4.ftyp().length);
            assertThat(region).hasSize((int) SyntheticMp4.moov(0, null).size() + 8);
            assertThat(Arrays.copyOfRange(region, region.length - 8, region.length))
                    .isEqualTo(ByteBuffer.allocate(8).putInt((int) (96L << 20)).putInt(BoxTypes.FREE).array());
            assertThat(Arrays.copyOfRange(sink.head(), (int) at + 8, (int) at + 4096)).containsOnly(0);
        }
        Files.delete(padded);

        Path huge = paddedFile(3L << 30);
        WindowSink sink = new WindowSink(1 << 16, 0, 0);
        try (MediaInput mi = MediaInput.of(huge)) {
            handler.writeLabel(mi, sink, new LabelEdit(label, null), context);
        }
        assertThat(sink.count).isEqualTo(Files.size(huge));
        MediaInput head = MediaInput.of(sink.head(), "head");
        assertThat(handler.scan(head, context).carriers(CarrierType.AIGC_JSON)).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo(LabelJson.toBareJson(label)));
        Files.delete(huge);
    }

    /**
     * A 64-bit free box of 5 GiB after a fast-start moov (a sparse file) is more room than one 32-bit free box can
     * fill: the reserving writer leaves the file to the two-pass writer, which digests the samples and asks for the
     * label over them (the test stops it there, before it copies 5 GiB); the reserving writer's room check threw
     * IllegalArgumentException ("bad room for moov") out of the label write, an internal error.
     */
    @Test
    void aFreeBoxOverFourGibibytesAfterMoovGoesToTheTwoPassWriter() throws IOException {
        Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 256L << 20,
                "runs in the surefire execution 'large-file-small-heap' (-Xmx64m)");
        Mp4Handler handler = new Mp4Handler();
        SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();
        Path file = paddedFile(5L << 30, Mp4OnePassLabelTest::moov); // a movie the content digest can read
        Path out = dir.resolve("padded-64bit-labelled.mp4");
        List<ContentDigest> signedOver = new ArrayList<>();
        try (MediaInput mi = MediaInput.of(file); MediaOutput os = AtomicOutput.stream(out)) {
            Container scanned = handler.scan(mi, context);
            ContentDigest expected = handler.contentDigest(scanned);
            LabelEdit edit = new LabelEdit(Mp4LabelWriteTest.label("padded-64bit"), null);
            assertThatThrownBy(() -> handler.writeLabel(scanned, mi, os, Signings.of(d -> {
                signedOver.add(d);
                if (d.equals(expected)) {
                    throw new IOException("stop: the two-pass writer asked for the label over the samples");
                }
                return edit;
            }, edit), context, 0)).hasMessageStartingWith("stop: the two-pass writer");
            assertThat(signedOver).last().isEqualTo(expected);
        } finally {
            Files.deleteIfExists(out);
            Files.delete(file);
        }
    }

    /** ftyp, SyntheticMp4's moov, a free box of {@code free} bytes, then an mdat of 2 MB its chunks point at (sparse). */
    static Path paddedFile(long free) throws IOException {
        return paddedFile(free, samples -> SyntheticMp4.moov(samples, null));
    }

    /**
     * ftyp, the moov {@code moov} makes for samples at the offset it is given, a free box of {@code free} bytes (a
     * 64-bit box over 4 GiB), then an mdat of 2 MB whose first chunk is marked (sparse).
     */
    static Path paddedFile(long free, LongFunction<Box> moov) throws IOException {
        Path file = dir.resolve("padded-" + free + ".mp4");
        byte[] ftyp = SyntheticMp4.ftyp();
        long payload = 2L << 20;
        long samples = ftyp.length + moov.apply(0).size() + free + 16;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ftyp);
            f.write(moov.apply(samples).toBytes());
            f.write(free > 0xFFFF_FFFFL
                    ? ByteBuffer.allocate(16).putInt(1).putInt(BoxTypes.FREE).putLong(free).array()
                    : ByteBuffer.allocate(8).putInt((int) free).putInt(BoxTypes.FREE).array());
            f.seek(samples - 16);
            f.write(ByteBuffer.allocate(16).putInt(1).putInt(BoxTypes.MDAT).putLong(16 + payload).array());
            f.setLength(samples + payload);
            writeMarker(f, samples, 1);
        }
        return file;
    }

    /**
     * Label time against a plain kernel copy of the same file. Both write to tmpfs (/dev/shm) so the shared
     * disk's noise (other jobs, write-back) does not drown the difference; a 1 GB sparse copy of the layout
     * keeps the memory used there small; best of three alternating runs each.
     */
    static void timeAgainstPlainCopy(Mp4Handler handler, SdkContext context) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)
                || Files.getFileStore(shm).getUsableSpace() < (3L << 30)) {
            System.out.println("large-file timing skipped: /dev/shm is missing or has under 3 GB free");
            return;
        }
        Path input = dir.resolve("timing.mp4");
        try (FileChannel from = FileChannel.open(big, StandardOpenOption.READ);
             RandomAccessFile f = new RandomAccessFile(input.toFile(), "rw")) {
            byte[] head = new byte[(int) firstChunk];
            from.read(ByteBuffer.wrap(head), 0);
            ByteBuffer.wrap(head).putLong((int) firstChunk - 8, 16 + (1L << 30));
            f.write(head);
            f.setLength(firstChunk + (1L << 30));
        }
        Path out = Files.createTempFile(shm, "aigc-timing", ".mp4");
        long copy = Long.MAX_VALUE;
        long label = Long.MAX_VALUE;
        try {
            for (int run = 0; run < 3; run++) {
                // Both start without an old output: freeing 1 GB of pages is not part of either measurement.
                Files.deleteIfExists(out);
                try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
                     FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long t0 = System.nanoTime();
                    long done = 0;
                    while (done < in.size()) {
                        done += in.transferTo(done, in.size() - done, o);
                    }
                    copy = Math.min(copy, System.nanoTime() - t0);
                }
                Files.delete(out);
                long t0 = System.nanoTime();
                handler.writeLabel(input, out, new LabelEdit(Mp4LabelWriteTest.label("t"), null), context);
                label = Math.min(label, System.nanoTime() - t0);
            }
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(input);
        }
        System.out.printf("large-file (%d bytes to tmpfs) label %.3f s, plain copy %.3f s, ratio label/copy = %.3f%n",
                firstChunk + (1L << 30), label / 1e9, copy / 1e9, (double) label / copy);
    }

    /** Counts what is written and keeps the first {@code headSize} bytes and one window further on. */
    static final class WindowSink extends OutputStream {
        private final byte[] head;
        private final long windowStart;
        private final byte[] window;
        long count;

        WindowSink(int headSize, long windowStart, int windowSize) {
            this.head = new byte[headSize];
            this.windowStart = windowStart;
            this.window = new byte[windowSize];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            copyOverlap(b, off, len, 0, head);
            copyOverlap(b, off, len, windowStart, window);
            count += len;
        }

        private void copyOverlap(byte[] b, int off, int len, long start, byte[] into) {
            long from = Math.max(count, start);
            long to = Math.min(count + len, start + into.length);
            if (from < to) {
                System.arraycopy(b, off + (int) (from - count), into, (int) (from - start), (int) (to - from));
            }
        }

        byte[] head() {
            return Arrays.copyOf(head, (int) Math.min(count, head.length));
        }

        byte[] window(long at, int length) {
            int rel = Math.toIntExact(at - windowStart);
            return Arrays.copyOfRange(window, rel, rel + length);
        }
    }
}
