package dev.aigcmark.core.io;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file's range copied to a file ({@link MediaInput#transferTo}) when it lands at another offset within a 64 KB
 * block than it has in the input (a label inserted before a video's samples): the same bytes, written in
 * {@link FileMediaInput#ALIGNED_CHUNK} pieces that start on the target's chunk boundaries, not in the unaligned
 * rounds of a kernel copy (which leave the target's page cache in small pieces that are dear to flush and to drop);
 * an input that ends first is unreadable input as before.
 */
class FileMediaInputCopyTest {
    private static final int HEADER = 2184;
    private static final long FROM = 797;

    @TempDir
    Path dir;

    private Path input(String name, int size) throws IOException {
        byte[] content = new byte[size];
        Random random = TestSeed.random("FileMediaInputCopyTest." + name);
        random.nextBytes(content);
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void aLargeUnalignedRangeIsWrittenInChunksOnTheTargetsBoundaries() throws IOException {
        int size = (int) FileMediaInput.ALIGNED_MIN + (3 << 20) + 12345;
        Path in = input("unaligned", size);
        Path out = dir.resolve("out");
        List<long[]> writes;
        try (MediaInput input = MediaInput.of(in);
             RecordingChannel target = new RecordingChannel(FileChannel.open(out, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE))) {
            target.write(ByteBuffer.allocate(HEADER));
            target.writes.clear();
            input.transferTo(FROM, size - FROM, target);
            writes = target.writes;
        }
        byte[] expected = new byte[(int) (HEADER + size - FROM)];
        System.arraycopy(Files.readAllBytes(in), (int) FROM, expected, HEADER, (int) (size - FROM));
        assertThat(Arrays.equals(Files.readAllBytes(out), expected)).as("the copied bytes").isTrue();
        assertThat(writes.get(0)[0]).isEqualTo(HEADER);
        for (long[] w : writes.subList(1, writes.size())) {
            assertThat(w[0] % FileMediaInput.ALIGNED_CHUNK).as("a write at %d of %d bytes", w[0], w[1]).isZero();
        }
        assertThat(writes.stream().mapToLong(w -> w[1]).max().orElseThrow()).isEqualTo(FileMediaInput.ALIGNED_CHUNK);
    }

    @Test
    void alignedAndSmallRangesGiveTheSameBytes() throws IOException {
        Path in = input("aligned", (int) FileMediaInput.ALIGNED_MIN + 777);
        byte[] src = Files.readAllBytes(in);
        long[][] cases = {{0, 0, src.length}, {65536 + 10, 10, src.length - 10}, {HEADER, FROM, 100_000}};
        for (long[] c : cases) {
            Path out = dir.resolve("out-" + c[0] + "-" + c[1]);
            try (MediaInput input = MediaInput.of(in);
                 FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                target.write(ByteBuffer.allocate((int) c[0]));
                input.transferTo(c[1], c[2], target);
            }
            byte[] expected = new byte[(int) (c[0] + c[2])];
            System.arraycopy(src, (int) c[1], expected, (int) c[0], (int) c[2]);
            assertThat(Arrays.equals(Files.readAllBytes(out), expected)).as("at %d from %d", c[0], c[1]).isTrue();
        }
    }

    @Test
    void anUnalignedRangePastTheEndIsUnreadableInput() throws IOException {
        int size = (int) FileMediaInput.ALIGNED_MIN + 5000;
        Path in = input("short", size);
        try (MediaInput input = MediaInput.of(in);
             FileChannel target = FileChannel.open(dir.resolve("o"), StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            target.write(ByteBuffer.allocate(HEADER));
            assertThatThrownBy(() -> input.transferTo(FROM, size, target)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("unexpected end at offset " + size);
        }
    }

    /** A file channel that records where each write of its own position starts and how long it is. */
    private static final class RecordingChannel extends FileChannel {
        final List<long[]> writes = new ArrayList<>();
        private final FileChannel file;

        RecordingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            long at = file.position();
            int n = file.write(src);
            writes.add(new long[]{at, n});
            return n;
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
