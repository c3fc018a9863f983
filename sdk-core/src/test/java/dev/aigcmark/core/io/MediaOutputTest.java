package dev.aigcmark.core.io;

import com.sun.management.ThreadMXBean;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write path's copy-the-rest primitive: written bytes and copied ranges land in order, file to file the
 * copy never passes through the heap, and a range past the input's end is refused.
 */
class MediaOutputTest {
    @TempDir
    Path dir;

    private static byte[] noise(int n, String purpose) {
        byte[] b = new byte[n];
        Random r = TestSeed.random("MediaOutputTest." + purpose);
        r.nextBytes(b);
        return b;
    }

    /** What a writer does: a few bytes of its own, a kept range, a channel write, the rest of the input. */
    private static void rewrite(MediaInput in, MediaOutput out) throws IOException {
        out.write(new byte[]{1, 2, 3});
        out.copy(in, 10, 1000);
        out.write(ByteBuffer.wrap(new byte[]{4, 5}));
        out.write(9);
        out.copyRest(in, 5000);
    }

    private static byte[] expected(byte[] src) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.write(new byte[]{1, 2, 3}, 0, 3);
        e.write(src, 10, 1000);
        e.write(new byte[]{4, 5, 9}, 0, 3);
        e.write(src, 5000, src.length - 5000);
        return e.toByteArray();
    }

    /** A 300 KB input file of seeded noise and the path its rewrite goes to, both named after the case. */
    private record FileCase(byte[] src, Path in, Path out) {
    }

    private FileCase fileCase(String name) throws IOException {
        byte[] src = noise(300_000, name);
        return new FileCase(src, Files.write(dir.resolve("in-" + name + ".bin"), src), dir.resolve("out-" + name + ".bin"));
    }

    @Test
    void fileToFileWritesAndCopiesInOrder() throws IOException {
        FileCase c = fileCase("file");
        byte[] src = c.src();
        Path out = c.out();
        try (MediaInput input = MediaInput.of(c.in()); MediaOutput output = AtomicOutput.stream(out)) {
            rewrite(input, output);
            assertThat(output.written()).isEqualTo(expected(src).length);
        }
        assertThat(Files.readAllBytes(out)).isEqualTo(expected(src));
    }

    @Test
    void streamOutputCopiesThroughABufferAndLeavesTheCallersStreamOpen() throws IOException {
        byte[] src = noise(300_000, "stream");
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream must stay open");
            }
        };
        try (MediaOutput output = MediaOutput.of(sink)) {
            rewrite(MediaInput.of(src, "in"), output);
        }
        assertThat(sink.toByteArray()).isEqualTo(expected(src));
    }

    /** The point of the primitive: a 64 MB range file to file costs no heap (the buffered path takes 1 MiB). */
    @Test
    void fileToFileCopyDoesNotPassThroughTheHeap() throws IOException {
        Path in = dir.resolve("big.bin");
        byte[] block = noise(1 << 20, "big");
        try (MediaOutput w = AtomicOutput.stream(in)) {
            for (int i = 0; i < 64; i++) {
                w.write(block);
            }
        }
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path out = dir.resolve("copy.bin");
        long allocated;
        try (MediaInput input = MediaInput.of(in); MediaOutput output = AtomicOutput.stream(out)) {
            long before = threads.getCurrentThreadAllocatedBytes();
            output.copyRest(input, 0);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(Files.size(out)).isEqualTo(64L << 20);
        assertThat(allocated).as("bytes allocated copying 64 MB").isLessThan(256 << 10);
        byte[] tail = new byte[block.length];
        try (MediaInput copied = MediaInput.of(out)) {
            copied.read((63L << 20), tail, 0, tail.length);
        }
        assertThat(Arrays.equals(tail, block)).isTrue();
    }

    @Test
    void aRangePastTheEndIsUnreadableInput() throws IOException {
        Path in = Files.write(dir.resolve("short.bin"), noise(100, "short"));
        try (MediaInput input = MediaInput.of(in); MediaOutput output = AtomicOutput.stream(dir.resolve("o"))) {
            assertThatThrownBy(() -> output.copy(input, 50, 100)).isInstanceOf(UnreadableInputException.class);
        }
        assertThatThrownBy(() -> MediaOutput.of(new ByteArrayOutputStream()).copy(MediaInput.of(new byte[10], "b"), 5, 10))
                .isInstanceOf(UnreadableInputException.class);
    }

    @Test
    void aFileOutputOverwritesWhatItWroteAndWritesOnAtItsEnd() throws IOException {
        FileCase c = fileCase("writeAt");
        byte[] src = c.src();
        Path out = c.out();
        byte[] patch = noise(700, "patch");
        try (MediaInput input = MediaInput.of(c.in()); MediaOutput output = AtomicOutput.stream(out)) {
            assertThat(output.canWriteAt()).isTrue();
            output.write(new byte[]{1, 2, 3}); // still buffered when the patch comes
            output.copy(input, 10, 1000);
            output.write(7);
            output.writeAt(2, ByteBuffer.wrap(patch));
            output.write(8);
            assertThatThrownBy(() -> output.writeAt(output.written() - 1, ByteBuffer.wrap(new byte[2])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> output.writeAt(-1, ByteBuffer.wrap(new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] expected = new byte[3 + 1000 + 2];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(src, 10, expected, 3, 1000);
        expected[1003] = 7;
        expected[1004] = 8;
        System.arraycopy(patch, 0, expected, 2, patch.length);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    void aFileOutputTakesBackWhatItWroteFromAPositionOn() throws IOException {
        FileCase c = fileCase("truncate");
        byte[] src = c.src();
        Path out = c.out();
        try (MediaInput input = MediaInput.of(c.in()); MediaOutput output = AtomicOutput.stream(out)) {
            output.write(new byte[]{1, 2, 3});
            output.copy(input, 10, 200_000);
            output.write(9); // still buffered when the output is truncated
            assertThatThrownBy(() -> output.truncate(output.written() + 1)).isInstanceOf(IllegalArgumentException.class);
            output.truncate(2);
            assertThat(output.written()).isEqualTo(2);
            output.copy(input, 5, 100);
            output.write(7);
        }
        byte[] expected = new byte[2 + 100 + 1];
        expected[0] = 1;
        expected[1] = 2;
        System.arraycopy(src, 5, expected, 2, 100);
        expected[102] = 7;
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
    }

    @Test
    void aStreamCannotOverwrite() throws IOException {
        try (MediaOutput output = MediaOutput.of(new ByteArrayOutputStream())) {
            output.write(new byte[10]);
            assertThat(output.canWriteAt()).isFalse();
            assertThatThrownBy(() -> output.writeAt(0, ByteBuffer.wrap(new byte[1])))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> output.truncate(0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
