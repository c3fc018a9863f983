package dev.aigcmark.bench.ab;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.IdentityStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * One side's operation for {@link AbHarness}. The harness defines this class afresh in each side's class loader
 * (from its own bytes), so both sides run this same code against their own build of the SDK; it uses only the SDK's
 * public API ({@code Marker}, {@code MarkIntent}, {@code SdkContext}, {@code IdentityStore}), which older builds
 * have too. Modes: {@code label} (metadata-only labelling, the signed implicit label, no watermark), {@code mark}
 * (everything the format takes by default), {@code copy} (the durable copy the metadata benchmark compares with:
 * temporary file, fsync, atomic rename, folder fsync), {@code verify} (marks the file once as {@code mark} does, then
 * each operation verifies that marked copy).
 */
public final class AbDriver {
    private AbDriver() {
    }

    /** One operation on {@code source}, writing {@code target}, with a development identity in {@code home}. */
    public static Runnable make(String mode, Path source, Path target, Path home) throws IOException {
        if (mode.equals("copy")) {
            return () -> {
                try {
                    durableCopy(source, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
        MarkIntent intent = switch (mode) {
            case "label" -> MarkIntent.builder().explicitLabel(null).watermark(false).build();
            case "mark", "verify" -> MarkIntent.builder().build();
            default -> throw new IllegalArgumentException("mode is label, mark, verify or copy: " + mode);
        };
        Clock clock = Clock.systemUTC();
        SdkContext context = SdkContext.defaults().toBuilder().clock(clock)
                .identity(IdentityStore.loadOrCreateDevelopment(home, clock)).build();
        Marker marker = new Marker(context);
        if (mode.equals("verify")) {
            marker.mark(source, target, intent);
            Verifier verifier = new Verifier(context);
            return () -> verifier.verify(target);
        }
        return () -> {
            try {
                marker.mark(source, target, intent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * The baseline of {@code MetadataLabelBenchmark.baselineDurableCopy} and {@code MetadataLabelTimer}: copy to a
     * temporary file beside the target, flush it to the disk, rename it over the target, flush the folder.
     */
    public static void durableCopy(Path source, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel c = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            c.force(true);
        }
    }
}
