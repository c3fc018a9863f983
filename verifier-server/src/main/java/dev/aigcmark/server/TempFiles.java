package dev.aigcmark.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting what the service spooled: uploads, multipart parts and outputs never outlive their request. */
final class TempFiles {
    private TempFiles() {
    }

    /** Deletes a folder and everything below it; a file that cannot be deleted is logged, never thrown. */
    static void deleteTree(Path folder, System.Logger log) {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot list " + folder + " to delete it: " + e.getMessage());
            return;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (NoSuchFileException ignored) {
                // gone already
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "cannot delete " + p + ": " + e.getMessage());
            }
        }
    }
}
