package dev.aigcmark.core.io;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file read whole ({@link MediaInput#readAll}): by channel reads in slices of {@link FileMediaInput#HEAP_SLICE},
 * never through a mapping; the bytes of files shorter and longer than a slice, and a file over the limit refused
 * before anything is read.
 */
class FileMediaInputReadAllTest {
    @TempDir
    Path dir;

    @Test
    void largeAndSmallFilesReadWholeGiveTheirBytes() throws IOException {
        Random random = TestSeed.random("FileMediaInputReadAllTest");
        long[] sizes = {0, 1, 4096 + random.nextInt(4096), FileMediaInput.HEAP_SLICE - 1, FileMediaInput.HEAP_SLICE,
                FileMediaInput.HEAP_SLICE + 1 + random.nextInt(3 << 20)};
        for (long size : sizes) {
            byte[] content = new byte[(int) size];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("f" + size), content);
            try (MediaInput in = MediaInput.of(file)) {
                assertThat(in.readAll(size)).as("%d bytes", size).isEqualTo(content);
                assertThat(in.readFully(0, (int) size)).isEqualTo(content);
            }
        }
    }

    /**
     * A 12 MP photo's size read whole leaves no mapping behind: the JVM's pool of mapped buffers holds no more after
     * a dozen files of 2 to 5 MB than before (until session 17 each was mapped, and held until the collector ran).
     */
    @Test
    void aLargeFileReadWholeMapsNothing() throws IOException {
        Random random = TestSeed.random("FileMediaInputReadAllTest.mapped");
        java.lang.management.BufferPoolMXBean mapped = java.lang.management.ManagementFactory
                .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("mapped")).findFirst().orElseThrow();
        long before = mapped.getCount();
        for (int i = 0; i < 12; i++) {
            byte[] content = new byte[(2 << 20) + random.nextInt(3 << 20)];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("photo" + i), content);
            try (MediaInput in = MediaInput.of(file)) {
                assertThat(in.readAll(content.length)).isEqualTo(content);
            }
        }
        assertThat(mapped.getCount()).as("mapped buffers after reading 12 files whole").isLessThanOrEqualTo(before);
    }

    @Test
    void aFileOverTheLimitIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("big"), new byte[FileMediaInput.HEAP_SLICE + 10]);
        try (MediaInput in = MediaInput.of(file)) {
            assertThatThrownBy(() -> in.readAll(FileMediaInput.HEAP_SLICE)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("over the in-memory limit");
        }
    }
}
