package dev.aigcmark.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A folder this process cannot write. Permission bits do not stop root (CI runs as root), so there the folder is
 * also made immutable with chattr; where that is unavailable, sysfs serves (root cannot create files there).
 */
public final class ReadOnlyFolders {
    private static final Path SYSFS = Path.of("/sys/kernel");

    private ReadOnlyFolders() {
    }

    public static Path create(Path parent) throws IOException {
        Path folder = Files.createDirectory(parent.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(folder) || chattr("+i", folder) && !writable(folder)) {
            return folder;
        }
        chattr("-i", folder);
        if (Files.isDirectory(SYSFS) && !writable(SYSFS)) {
            return SYSFS;
        }
        throw new IllegalStateException("no folder here is read-only for this user");
    }

    public static void release(Path folder) throws IOException {
        if (folder.equals(SYSFS)) {
            return;
        }
        chattr("-i", folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean writable(Path folder) {
        Path probe = folder.resolve(".probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path folder) {
        try {
            Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
