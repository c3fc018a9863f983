package dev.aigcmark.core.io;

import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file hashes a range from read-only mappings ({@link FileMediaInput#updateDigest}) exactly as hashing its bytes
 * would: one range across a window's edge, consecutive ranges of a fragmented file's sizes that share windows and
 * cross an edge, a range ending at the end of the file; a short range and a memory input decline (the caller reads
 * them) and leave the digest untouched; a file cut short is unreadable input.
 */
class FileMediaInputDigestTest {
    @TempDir
    Path dir;

    @Test
    void rangesHashedFromMappingsGiveTheDigestOfTheirBytes() throws Exception {
        Random random = TestSeed.random("FileMediaInputDigestTest");
        int window = (int) FileMediaInput.WINDOW;
        byte[] content = new byte[window + (4 << 20) + random.nextInt(1 << 20)];
        random.nextBytes(content);
        Path file = Files.write(dir.resolve("in"), content);
        try (MediaInput in = MediaInput.of(file)) {
            int across = window - 1 - random.nextInt(2 << 20);
            assertHashes(in, content, across, (2 << 20) + random.nextInt(1 << 20));
            for (long at = window - (3 << 20) - random.nextInt(1000); at < content.length; ) {
                int length = (int) Math.min(content.length - at, 100_000 + random.nextInt(500_000));
                assertHashes(in, content, at, length);
                at += length + random.nextInt(3) * 16;
            }
            assertHashes(in, content, 0, content.length);
            assertHashes(in, content, content.length - 70_000, 70_000);
            MessageDigest untouched = MessageDigest.getInstance("SHA-256");
            assertThat(in.updateDigest(untouched, 1000, FileMediaInput.DIGEST_MAP_FROM - 1)).isFalse();
            assertThat(untouched.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest());
        }
        try (MediaInput memory = MediaInput.of(content, "memory")) {
            assertThat(memory.updateDigest(MessageDigest.getInstance("SHA-256"), 0, content.length)).isFalse();
        }
    }

    @Test
    void aFileCutShortIsUnreadable() throws Exception {
        byte[] content = new byte[3 << 20];
        TestSeed.random("FileMediaInputDigestTest.short").nextBytes(content);
        Path file = Files.write(dir.resolve("short"), content);
        try (MediaInput in = MediaInput.of(file)) {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(1 << 20);
            }
            assertThatThrownBy(() -> in.updateDigest(MessageDigest.getInstance("SHA-256"), 0, content.length))
                    .isInstanceOf(UnreadableInputException.class).hasMessageContaining("unexpected end");
        }
    }

    private static void assertHashes(MediaInput in, byte[] content, long at, int length) throws Exception {
        MessageDigest mapped = MessageDigest.getInstance("SHA-256");
        mapped.update(new byte[]{7}); // a digest already under way, as a content digest's frames are
        boolean hashed = in.updateDigest(mapped, at, length);
        assertThat(hashed).as("%d bytes at %d", length, at).isEqualTo(length >= FileMediaInput.DIGEST_MAP_FROM);
        if (!hashed) { // declined, untouched: the caller hashes what it reads
            mapped.update(content, (int) at, length);
        }
        MessageDigest plain = MessageDigest.getInstance("SHA-256");
        plain.update(new byte[]{7});
        plain.update(content, (int) at, length);
        assertThat(mapped.digest()).as("%d bytes at %d", length, at).isEqualTo(plain.digest());
    }
}
