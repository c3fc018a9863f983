package dev.aigcmark.cli;

import dev.aigcmark.core.io.ReadOnlyFolders;
import dev.aigcmark.core.report.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aigc mark} when the output cannot be written: exit 73 (not 4, "unreadable input") with a message that
 * says why, the input byte for byte as it was, and no partial or temporary file anywhere. And when it can: the
 * marked file has the mode any new file gets (the umask), not the 0600 of a temporary file.
 */
class OutputErrorsTest {
    @TempDir
    Path dir;
    Path home;
    Path input;
    byte[] inputHash;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        input = dir.resolve("note.md");
        Files.writeString(input, "# Tides\n\nThe moon pulls the oceans.\n", StandardCharsets.UTF_8);
        inputHash = sha256(input);
    }

    private CliRun mark(String... args) {
        String[] all = Stream.concat(Stream.of("mark", input.toString()),
                Stream.concat(Stream.of(args), Stream.of("--home", home.toString()))).toArray(String[]::new);
        return CliRun.run(all);
    }

    private void refusedAsOutputError(CliRun r, String why) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(r.err()).as(r.toString()).contains(why).doesNotContain("internal error");
        assertThat(sha256(input)).as("the input is untouched").isEqualTo(inputHash);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing written beside the input")
                    .noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void theMarkedFileGetsTheModeOfANewFile() throws Exception {
        Path out = dir.resolve("out.md");
        CliRun r = mark("-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain))
                .isNotEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void outputIsTheInput() throws Exception {
        refusedAsOutputError(mark("-o", input.toString()), "it is the input file");
    }

    @Test
    void missingFolder() throws Exception {
        refusedAsOutputError(mark("-o", dir.resolve("nowhere/out.md").toString()), "does not exist");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void symlinkedTarget() throws Exception {
        Path precious = Files.writeString(dir.resolve("precious.md"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), precious);
        refusedAsOutputError(mark("-o", link.toString()), "symbolic link");
        assertThat(precious).hasContent("keep me");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aDeviceIsNotAFileToReplace() throws Exception {
        refusedAsOutputError(mark("-o", "/dev/full"), "not a regular file");
    }

    @Test
    void readOnlyFolder() throws Exception {
        Path folder = ReadOnlyFolders.create(dir);
        try {
            refusedAsOutputError(mark("-o", folder.resolve("out.md").toString()), "cannot write");
        } finally {
            ReadOnlyFolders.release(folder);
        }
    }

    static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
