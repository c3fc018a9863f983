package dev.aigcmark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the FILE|DIR arguments of {@code aigc verify} into the files to verify: files as given, folders
 * recursively with their regular files sorted by path, so two runs over the same tree print the same
 * reports in the same order. Symbolic links inside folders are not followed (no loops, no escaping the tree).
 * A path that does not exist is kept: verifying it yields an "unreadable" report, not a crash.
 */
final class InputFiles {

    private InputFiles() {
    }

    static List<Path> expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path arg : arguments) {
            if (Files.isDirectory(arg)) {
                files.addAll(walk(arg));
            } else {
                files.add(arg);
            }
        }
        return files;
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw CliException.unreadable("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
