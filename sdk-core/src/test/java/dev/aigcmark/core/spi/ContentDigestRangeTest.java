package dev.aigcmark.core.spi;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A range digested as it is copied ({@link ContentDigest.Builder#range(String, MediaInput, long, long,
 * java.nio.channels.WritableByteChannel)}, through a direct buffer) hashes and writes exactly the bytes of the range:
 * the digest of the range read alone and of the framed bytes hashed directly, from a file and from memory, into a
 * file and into a stream, for ranges shorter than, equal to and longer than its 1 MB buffer.
 */
class ContentDigestRangeTest {
    @TempDir
    Path dir;

    @Test
    void aRangeCopiedAsItIsHashedGivesItsBytesAndTheirDigest() throws Exception {
        Random random = TestSeed.random("ContentDigestRangeTest");
        int[] lengths = {0, 1, 1 + random.nextInt(70_000), 1 << 20, (1 << 20) + 1 + random.nextInt(1 << 20),
                (3 << 20) + random.nextInt(1 << 20)};
        for (int length : lengths) {
            int before = random.nextInt(5000);
            byte[] content = new byte[before + length + random.nextInt(5000)];
            random.nextBytes(content);
            byte[] range = Arrays.copyOfRange(content, before, before + length);
            byte[] expected = framed("mdat", range);
            Path file = Files.write(dir.resolve("in" + length), content);
            for (MediaInput in : new MediaInput[]{MediaInput.of(file), MediaInput.of(content, "memory")}) {
                try (in) {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    ContentDigest streamed = ContentDigest.builder("t.1")
                            .range("mdat", in, before, length, Channels.newChannel(stream)).build();
                    Path copy = dir.resolve("copy");
                    ContentDigest toFile;
                    try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        toFile = ContentDigest.builder("t.1").range("mdat", in, before, length, out).build();
                    }
                    ContentDigest readOnly = ContentDigest.builder("t.1").range("mdat", in, before, length).build();
                    assertThat(streamed.sha256()).as("%s, %d bytes", in.name(), length).isEqualTo(expected);
                    assertThat(toFile).isEqualTo(streamed).isEqualTo(readOnly);
                    assertThat(stream.toByteArray()).isEqualTo(range);
                    assertThat(Files.readAllBytes(copy)).isEqualTo(range);
                }
            }
        }
    }

    /**
     * The overlapped copy (hashed on a helper thread, {@link OverlappedDigest}) writes the same bytes and gives the
     * same digest as the serial loop, byte for byte, into a file and into a stream (and without an output), for lengths at and around its
     * buffers (several full turns of its three buffers, a short last one) and the length from which it is used.
     */
    @Test
    void theOverlappedCopyWritesAndHashesWhatTheSerialLoopDoes() throws Exception {
        Random random = TestSeed.random("ContentDigestRangeTest.overlapped");
        int mb = OverlappedDigest.BUFFER;
        int[] lengths = {0, 1 + random.nextInt(mb), mb, 3 * mb, 4 * mb + 1 + random.nextInt(mb),
                (int) OverlappedDigest.FROM + random.nextInt(3 * mb)};
        for (int length : lengths) {
            int before = random.nextInt(5000);
            byte[] content = new byte[before + length + random.nextInt(5000)];
            random.nextBytes(content);
            byte[] range = Arrays.copyOfRange(content, before, before + length);
            Path file = Files.write(dir.resolve("in" + length), content);
            for (MediaInput in : new MediaInput[]{MediaInput.of(file), MediaInput.of(content, "memory")}) {
                try (in) {
                    byte[][] written = new byte[2][];
                    ContentDigest[] digests = new ContentDigest[2];
                    for (int k = 0; k < 2; k++) {
                        Path copy = dir.resolve("copy" + k);
                        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                            digests[k] = ContentDigest.builder("t.1").part("head", new byte[]{1, 2, 3})
                                    .range("mdat", in, before, length, out, k == 1).number("tail", length).build();
                        }
                        written[k] = Files.readAllBytes(copy);
                    }
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    ContentDigest streamed = ContentDigest.builder("t.1").part("head", new byte[]{1, 2, 3})
                            .range("mdat", in, before, length, Channels.newChannel(stream), true)
                            .number("tail", length).build();
                    ContentDigest readOnly = ContentDigest.builder("t.1").part("head", new byte[]{1, 2, 3})
                            .range("mdat", in, before, length, null, true).number("tail", length).build();
                    assertThat(written[1]).as("%s, %d bytes", in.name(), length).isEqualTo(written[0]).isEqualTo(range);
                    assertThat(stream.toByteArray()).isEqualTo(range);
                    assertThat(digests[1]).isEqualTo(digests[0]).isEqualTo(streamed).isEqualTo(readOnly);
                }
            }
        }
        assertThat(OverlappedDigest.worthIt(OverlappedDigest.FROM)).isEqualTo(Runtime.getRuntime().availableProcessors() > 1);
        assertThat(OverlappedDigest.worthIt(OverlappedDigest.FROM - 1)).isFalse();
    }

    /**
     * Once a range has been copied, later ones take their direct buffers from the pool ({@link OverlappedDigest#buffer})
     * and allocate none, overlapped or not, and each still writes and hashes exactly its own bytes although the pooled
     * buffers hold the bytes of longer ranges before it (a stale tail would show in the output and the digest).
     */
    @Test
    void laterRangesReuseThePooledBuffersAndCopyOnlyTheirOwnBytes() throws Exception {
        Random random = TestSeed.random("ContentDigestRangeTest.pool");
        int mb = OverlappedDigest.BUFFER;
        int[] lengths = {(int) OverlappedDigest.FROM + 2 * mb + random.nextInt(mb), (int) OverlappedDigest.FROM
                + random.nextInt(mb), 2 * mb + 1 + random.nextInt(mb), mb - 1 - random.nextInt(1000), 1 + random.nextInt(5000)};
        long allocatedAfterFirst = -1;
        for (int pass = 0; pass < 2; pass++) {
            for (int length : lengths) {
                byte[] content = new byte[length + 100];
                random.nextBytes(content);
                byte[] range = Arrays.copyOfRange(content, 100, content.length);
                Path file = Files.write(dir.resolve("pool" + length), content);
                try (MediaInput in = MediaInput.of(file)) {
                    for (boolean overlapped : new boolean[]{true, false}) {
                        ByteArrayOutputStream stream = new ByteArrayOutputStream();
                        ContentDigest copied = ContentDigest.builder("t.1")
                                .range("mdat", in, 100, length, Channels.newChannel(stream), overlapped).build();
                        ContentDigest read = ContentDigest.builder("t.1")
                                .range("mdat", in, 100, length, null, overlapped).build();
                        assertThat(stream.toByteArray()).as("pass %d, %d bytes, overlapped %s", pass, length, overlapped)
                                .isEqualTo(range);
                        assertThat(copied.sha256()).isEqualTo(framed("mdat", range));
                        assertThat(read).isEqualTo(copied);
                    }
                }
                if (allocatedAfterFirst < 0) {
                    allocatedAfterFirst = OverlappedDigest.allocated();
                }
            }
        }
        assertThat(OverlappedDigest.allocated()).as("direct buffers allocated after the first range")
                .isEqualTo(allocatedAfterFirst);
    }

    /**
     * With the pool empty because its buffers are all in use (several copies at once), a range shorter than a
     * megabyte gets a buffer of its own length, not a full one the pool could not keep (the review of session 14);
     * given back, the full ones fill the pool again and the short one is dropped.
     */
    @Test
    void aShortRangeGetsItsOwnLengthWhileThePooledBuffersAreAllInUse() {
        Random random = TestSeed.random("ContentDigestRangeTest.busyPool");
        List<ByteBuffer> held = new ArrayList<>();
        try {
            while (OverlappedDigest.idle() > 0 || held.size() < OverlappedDigest.POOLED) {
                held.add(OverlappedDigest.buffer(OverlappedDigest.BUFFER));
            }
            int length = OverlappedDigest.SMALL + random.nextInt(OverlappedDigest.BUFFER - OverlappedDigest.SMALL);
            ByteBuffer shortOne = OverlappedDigest.buffer(length);
            assertThat(shortOne.capacity()).as("a %d-byte range while %d full buffers are in use", length, held.size())
                    .isEqualTo(length);
            OverlappedDigest.giveBack(shortOne);
            assertThat(OverlappedDigest.idle()).as("the short buffer is not pooled").isZero();
        } finally {
            held.forEach(OverlappedDigest::giveBack);
        }
        assertThat(OverlappedDigest.idle()).isEqualTo(OverlappedDigest.POOLED);
    }

    /** A write that fails part way leaves through the caller with its own exception, the hasher stopped. */
    @Test
    void aFailedWriteEndsTheOverlappedCopy() throws Exception {
        byte[] content = new byte[(int) OverlappedDigest.FROM];
        TestSeed.random("ContentDigestRangeTest.failed").nextBytes(content);
        java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
        java.nio.channels.WritableByteChannel failing = Channels.newChannel(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (taken.addAndGet(len) > 2L * OverlappedDigest.BUFFER) {
                    throw new IOException("disk full");
                }
            }
        });
        try (MediaInput in = MediaInput.of(content, "memory")) {
            for (int round = 0; round < 3; round++) {
                taken.set(0);
                assertThatThrownBy(() -> ContentDigest.builder("t.1").range("mdat", in, 0, content.length, failing, true))
                        .isInstanceOf(IOException.class).hasMessage("disk full");
            }
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            ContentDigest.builder("t.1").range("mdat", in, 0, content.length, Channels.newChannel(stream), true);
            assertThat(stream.toByteArray()).isEqualTo(content);
        }
    }

    /**
     * A read that fails part way leaves a buffer in the caller's hands; it is given back with the others, so the
     * count of full-size buffers stays true and the pool fills again. Before, each such failure left one buffer
     * counted for good (reviewer N4, session 15): after a few, ranges under a megabyte got unpooled buffers of their
     * own length although the pool had room.
     */
    @Test
    void aFailedReadGivesEveryBufferOfTheCopyBack() {
        byte[] content = new byte[(int) OverlappedDigest.FROM];
        TestSeed.random("ContentDigestRangeTest.failedRead").nextBytes(content);
        MediaInput memory = MediaInput.of(content, "memory");
        MediaInput failing = new MediaInput() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public long size() {
                return content.length;
            }

            @Override
            public int read(long position, byte[] dst, int off, int len) throws IOException {
                if (position >= 2L * OverlappedDigest.BUFFER) {
                    throw new IOException("device gone");
                }
                return memory.read(position, dst, off, len);
            }

            @Override
            public java.io.InputStream openStream(long position) throws IOException {
                return memory.openStream(position);
            }
        };
        for (int round = 0; round < OverlappedDigest.POOLED; round++) {
            assertThatThrownBy(() -> OverlappedDigest.copy(MessageDigest.getInstance("SHA-256"), failing, 0,
                    content.length, null))
                    .isInstanceOf(IOException.class).hasMessage("device gone");
        }
        List<ByteBuffer> held = new ArrayList<>();
        try {
            for (int i = 0; i < OverlappedDigest.POOLED; i++) {
                held.add(OverlappedDigest.buffer(OverlappedDigest.SMALL));
            }
            assertThat(held).as("buffers for short ranges while fewer than %d full ones exist", OverlappedDigest.POOLED)
                    .allSatisfy(b -> assertThat(b.capacity()).isEqualTo(OverlappedDigest.BUFFER));
        } finally {
            held.forEach(OverlappedDigest::giveBack);
        }
        assertThat(OverlappedDigest.idle()).isEqualTo(OverlappedDigest.POOLED);
    }

    @Test
    void aRangePastTheEndIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = Files.write(dir.resolve("short"), new byte[1000]);
        try (MediaInput in = MediaInput.of(file)) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            assertThatThrownBy(() -> ContentDigest.builder("t.1").range("mdat", in, 500, 501, Channels.newChannel(stream)))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("run past the end");
            assertThat(stream.size()).isZero();
        }
    }

    /** Reading into a buffer: the bytes at the position, fewer at the end, for files and memory, heap and direct. */
    @Test
    void readingIntoABufferStopsAtTheEnd() throws IOException {
        byte[] content = new byte[3000];
        TestSeed.random("ContentDigestRangeTest.buffer").nextBytes(content);
        Path file = Files.write(dir.resolve("buffer"), content);
        for (MediaInput in : new MediaInput[]{MediaInput.of(file), MediaInput.of(content, "memory")}) {
            try (in) {
                for (ByteBuffer buf : new ByteBuffer[]{ByteBuffer.allocate(1000), ByteBuffer.allocateDirect(1000)}) {
                    assertThat(in.read(100, buf)).isEqualTo(1000);
                    assertThat(bytes(buf)).isEqualTo(Arrays.copyOfRange(content, 100, 1100));
                    buf.clear();
                    assertThat(in.read(2600, buf)).as("%s at the end", in.name()).isEqualTo(400);
                    assertThat(bytes(buf)).isEqualTo(Arrays.copyOfRange(content, 2600, 3000));
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer buf) {
        buf.flip();
        byte[] b = new byte[buf.remaining()];
        buf.get(b);
        buf.clear();
        return b;
    }

    /** SHA-256 of the part as the builder frames it: the tag in 4 bytes, the length in 8 (big-endian), the bytes. */
    private static byte[] framed(String tag, byte[] range) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(tag.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        sha.update(ByteBuffer.allocate(8).putLong(range.length).array());
        sha.update(range);
        return sha.digest();
    }
}
