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
 * A file read whole ({@link MediaInput#readAll}): through a mapping from {@link FileMediaInput#MAP_FROM} bytes, by
 * channel reads below; the same bytes either way, and a file over the limit refused before anything is read.
 */
class FileMediaInputReadAllTest {
    @TempDir
    Path dir;

    @Test
    void largeAndSmallFilesReadWholeGiveTheirBytes() throws IOException {
        Random random = TestSeed.random("FileMediaInputReadAllTest");
        long[] sizes = {0, 1, 4096 + random.nextInt(4096), FileMediaInput.MAP_FROM - 1, FileMediaInput.MAP_FROM,
                FileMediaInput.MAP_FROM + 1 + random.nextInt(3 << 20)};
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

    @Test
    void aFileOverTheLimitIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("big"), new byte[(int) FileMediaInput.MAP_FROM + 10]);
        try (MediaInput in = MediaInput.of(file)) {
            assertThatThrownBy(() -> in.readAll(FileMediaInput.MAP_FROM)).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("over the in-memory limit");
        }
    }
}
