package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.ReadOnlyFolders;

import dev.aigcmark.core.io.OutputException;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way writing an output can fail leaves nothing behind: no partial target, no temporary file, the old
 * target (and any input) as it was; and what is written gets the mode a plain new file would get.
 */
class AtomicOutputTest {
    @TempDir
    Path dir;

    static void write(AtomicOutput out, String text) throws IOException {
        try (OutputStream os = AtomicOutput.stream(out.temp())) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void assertOnly(Path folder, Path... expected) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("no temporary file left in " + folder).containsExactlyInAnyOrder(expected);
        }
    }

    @Test
    void commitMovesTheFinishedFileIntoPlaceWithTheModeOfANewFile() throws IOException {
        Path target = dir.resolve("out.txt");
        try (AtomicOutput out = AtomicOutput.to(target)) {
            write(out, "marked");
            Path scratch = out.scratch();
            Files.writeString(scratch, "step");
            assertThat(target).doesNotExist();
            out.commit();
        }
        assertThat(target).hasContent("marked");
        Path plain = Files.createFile(dir.resolve("plain")); // what the umask gives any new file
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain))
                .isNotEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.delete(plain);
        assertOnly(dir, target);
    }

    @Test
    void aReplacedTargetKeepsItsMode() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        try (AtomicOutput out = AtomicOutput.to(target)) {
            write(out, "new");
            out.commit();
        }
        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
    }

    @Test
    void privateFilesAreOwnerOnly() throws IOException {
        Path target = dir.resolve("key.pem");
        try (AtomicOutput out = AtomicOutput.privateTo(target)) {
            write(out, "secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.temp()))).isEqualTo("rw-------");
            out.commit();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void withoutCommitNothingIsLeft() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        try (AtomicOutput out = AtomicOutput.to(target)) {
            write(out, "half");
            out.scratch();
        }
        assertThat(target).hasContent("old");
        assertOnly(dir, target);
    }

    @Test
    void commitNewRefusesAnExistingTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("identity.json"), "first");
        try (AtomicOutput out = AtomicOutput.privateTo(target)) {
            write(out, "second");
            assertThatThrownBy(out::commitNew).isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(target).hasContent("first");
        assertOnly(dir, target);
    }

    @Test
    void aMissingFolderIsAnOutputError() {
        Path target = dir.resolve("no-such-folder").resolve("out.txt");
        assertThatThrownBy(() -> AtomicOutput.to(target)).isInstanceOf(OutputException.class)
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void aSymbolicLinkIsNotFollowedNorReplaced() throws IOException {
        Path real = Files.writeString(dir.resolve("real.txt"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        assertThatThrownBy(() -> AtomicOutput.to(link)).isInstanceOf(OutputException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasContent("precious");
        assertOnly(dir, real, link);
    }

    @Test
    void aDeviceOrFolderIsNeverReplaced() throws IOException {
        assertThatThrownBy(() -> AtomicOutput.to(Path.of("/dev/full"))).isInstanceOf(OutputException.class)
                .hasMessageContaining("not a regular file");
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            assertThat(dev).noneMatch(p -> p.getFileName().toString().startsWith(".full."));
        }
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertThatThrownBy(() -> AtomicOutput.to(folder)).isInstanceOf(OutputException.class);
    }

    @Test
    void aReadOnlyFolderIsAnOutputError() throws IOException {
        Path folder = ReadOnlyFolders.create(dir);
        try {
            assertThatThrownBy(() -> AtomicOutput.to(folder.resolve("out.txt"))).isInstanceOf(OutputException.class)
                    .hasMessageContaining("cannot write");
        } finally {
            ReadOnlyFolders.release(folder);
        }
    }

    @Test
    void aFullDiskLeavesNoPartialFile() throws IOException {
        try (FileSystem small = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(64 * 1024)
                .setBlockSize(4096).build())) {
            Path folder = Files.createDirectories(small.getPath("/out"));
            Path target = Files.writeString(folder.resolve("out.bin"), "old");
            try (AtomicOutput out = AtomicOutput.to(target)) {
                assertThatThrownBy(() -> {
                    try (OutputStream os = AtomicOutput.stream(out.temp())) {
                        os.write(new byte[1 << 20]);
                    }
                }).isInstanceOf(OutputException.class).hasMessageContaining("cannot write");
            }
            assertThat(target).hasContent("old");
            assertOnly(folder, target);
        }
    }

    @Test
    void outputFailureFindsTheDiskBehindAWrappedException() {
        IOException full = new IOException("write failed", new FileSystemException("/x", null,
                "No space left on device"));
        assertThat(AtomicOutput.outputFailure(full)).isPresent();
        assertThat(AtomicOutput.outputFailure(new IOException("corrupt input"))).isEmpty();
    }
}
