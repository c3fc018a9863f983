package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.internal.io.ForwardingInput;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.video.testing.Boxes;
import dev.aigcmark.video.testing.SyntheticMp4;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The helper threads of the reserving MP4 writer (samples after moov, digested on a helper while the caller copies
 * them): a failed copy stops the helper within a slice instead of letting it digest the rest of the input before
 * the failure is reported (review of session 15, N1), and there are never more helpers than processors: a writer
 * that finds them all busy labels with the two-pass writer on its own thread (N2). Which thread does what is seen
 * through inputs that hold the helpers ({@code aigc-mp4-digest-*} threads) at their first read; nothing is timed.
 */
class Mp4DigestHelperTest {
    @TempDir
    Path dir;
    private final Mp4Handler handler = new Mp4Handler();
    private final SdkContext context = TestContexts.builder().handlers(List.of(handler)).codecs(List.of()).build();
    private final LabelEdit edit = new LabelEdit(TestMarks.label("helper"), null);

    private static boolean onHelper() {
        return Thread.currentThread().getName().startsWith("aigc-mp4-digest");
    }

    /**
     * An input whose helper-thread reads wait at the first one until {@code release} is counted down (after
     * {@code entered} is), and count the bytes the helper read or hashed.
     */
    private static final class HeldInput extends ForwardingInput {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong helperBytes = new AtomicLong();

        HeldInput(MediaInput in) {
            super(in);
        }

        /** Called by what the helper reads through, before it reads. */
        void hold() throws IOException {
            if (!onHelper()) {
                return;
            }
            entered.countDown();
            try {
                if (!release.await(120, TimeUnit.SECONDS)) { // a safety net only: the test releases it
                    throw new IOException("the test never released the helper");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private void counted(long n) {
            if (onHelper() && n > 0) {
                helperBytes.addAndGet(n);
            }
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) throws IOException {
            hold();
            int n = in.read(position, dst, off, len);
            counted(n);
            return n;
        }

        @Override
        public int read(long position, ByteBuffer dst) throws IOException {
            hold();
            int n = in.read(position, dst);
            counted(n);
            return n;
        }

        @Override
        public boolean updateDigest(MessageDigest digest, long position, long length) throws IOException {
            hold();
            boolean done = in.updateDigest(digest, position, length);
            counted(done ? length : 0);
            return done;
        }
    }

    /** A fast-start movie: ftyp, a moov the content digest reads, then an mdat of {@code payload} bytes (sparse). */
    private Path fastStart(String name, long payload) throws IOException {
        Path file = dir.resolve(name);
        byte[] ftyp = SyntheticMp4.ftyp();
        long samples = ftyp.length + Mp4OnePassLabelTest.moov(0).size() + 16;
        Box moov = Mp4OnePassLabelTest.moov(samples);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ftyp);
            f.write(moov.toBytes());
            f.write(ByteBuffer.allocate(16).putInt(1).putInt(BoxTypes.MDAT).putLong(16 + payload).array());
            f.write(SyntheticMp4.mdatPayload());
            f.setLength(samples + payload);
        }
        return file;
    }

    /** A file output that can overwrite what it wrote, and fails ("disk full") once more than 1 MB is written. */
    private static final class FullDisk extends MediaOutput {
        static final long ROOM = 1 << 20;
        final FileChannel file;
        final CountDownLatch failed = new CountDownLatch(1);
        long accepted;

        FullDisk(Path path) throws IOException {
            file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        protected WritableByteChannel sink() {
            return new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (accepted + src.remaining() > ROOM) {
                        failed.countDown();
                        throw new IOException("No space left on device");
                    }
                    int n = file.write(src);
                    accepted += n;
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return file.isOpen();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        protected FileChannel overwritable() {
            return file;
        }

        @Override
        protected void closeSink() throws IOException {
            file.close();
        }
    }

    /**
     * A copy that fails early (a full disk after 1 MB of a 1 GiB movie's samples): the helper, held at its first read
     * until the failure has happened and the caller waits for it, then stops within a slice. It digested the whole
     * GiB before the failure was reported (checked on the old code: 1 GiB).
     */
    @Test
    void aFailedCopyStopsTheHelperWithinASlice() throws Exception {
        long payload = 1L << 30;
        HeldInput in = new HeldInput(MediaInput.of(fastStart("sparse.mp4", payload)));
        Thread caller = Thread.currentThread();
        FullDisk out = new FullDisk(dir.resolve("full.mp4"));
        Thread releaser = new Thread(() -> {
            try {
                // After the failure, the caller's next wait is for the helper (it cancels it first where it can).
                if (out.failed.await(120, TimeUnit.SECONDS)) {
                    while (caller.getState() != Thread.State.WAITING) {
                        Thread.sleep(1);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                in.release.countDown();
            }
        }, "releaser");
        releaser.start();
        try (out) {
            assertThatThrownBy(() -> handler.writeLabel(handler.scan(in, context), in, out, Signings.fixed(edit),
                    context)).hasMessageContaining("No space left on device");
        } finally {
            in.release.countDown();
            releaser.join();
            in.close();
        }
        byte[] written = Files.readAllBytes(dir.resolve("full.mp4"));
        int ftyp = SyntheticMp4.ftyp().length;
        assertThat(ByteBuffer.wrap(written).getInt(ftyp + 4)).as("the room reserved for moov: the reserving writer")
                .isEqualTo(BoxTypes.FREE);
        assertThat(in.helperBytes.get()).as("bytes the helper digested after the copy failed")
                .isLessThanOrEqualTo(2 * CancellableInput.SLICE);
    }

    /**
     * As many labels at once as there are helpers, each helper held: one more label does not start another helper,
     * it labels with the two-pass writer on its own thread (no free box added after moov), and the held ones finish
     * with their reserved room once released. With an unbounded pool it got a helper of its own (its room reserved).
     */
    @Test
    void noMoreHelpersThanProcessorsAndTheNextLabelIsTwoPass() throws Exception {
        byte[] movie = Files.readAllBytes(fastStart("small.mp4", 4L << 20));
        ByteArrayOutputStream twoPass = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(movie, "small.mp4"), twoPass, edit, context);
        String json = LabelJson.toBareJson(edit.label());

        int helpers = Mp4Handler.MAX_DIGESTERS;
        ExecutorService callers = Executors.newFixedThreadPool(helpers);
        List<HeldInput> held = new ArrayList<>();
        List<Future<Path>> labelled = new ArrayList<>();
        try {
            for (int i = 0; i < helpers; i++) {
                HeldInput in = new HeldInput(MediaInput.of(movie, "held-" + i + ".mp4"));
                held.add(in);
                Path out = dir.resolve("held-" + i + ".mp4");
                labelled.add(callers.submit(() -> label(in, out)));
                assertThat(in.entered.await(120, TimeUnit.SECONDS)).as("helper %d started", i).isTrue();
            }
            Path next = label(MediaInput.of(movie, "next.mp4"), dir.resolve("next.mp4"));
            assertThat(Boxes.topLevelTypes(MediaInput.of(next))).as("no room reserved")
                    .containsExactly("ftyp", "moov", "mdat");
            assertThat(Files.readAllBytes(next)).as("the two-pass writer's bytes").isEqualTo(twoPass.toByteArray());
        } finally {
            held.forEach(in -> in.release.countDown());
            callers.shutdown();
        }
        for (Future<Path> f : labelled) {
            Path out = f.get(120, TimeUnit.SECONDS);
            List<String> layout = Boxes.topLevelTypes(MediaInput.of(out));
            assertThat(layout).containsExactly("ftyp", "moov", "free", "mdat");
            assertThat(handler.scan(MediaInput.of(out), context).carriers(CarrierType.AIGC_JSON)).singleElement()
                    .satisfies(c -> assertThat(c.text()).isEqualTo(json));
        }
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("aigc-mp4-digest"))
                .hasSizeLessThanOrEqualTo(helpers);
    }

    private Path label(MediaInput in, Path out) throws IOException {
        try (MediaOutput os = AtomicOutput.stream(out)) {
            handler.writeLabel(handler.scan(in, context), in, os, Signings.fixed(edit), context, 0);
        }
        return out;
    }
}
