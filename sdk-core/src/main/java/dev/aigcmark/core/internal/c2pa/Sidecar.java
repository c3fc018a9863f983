package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A manifest store kept beside its asset rather than in it: {@code photo.jpg} with {@code photo.c2pa}, the
 * name the reference looks for. Its data hash covers the whole asset (nothing embedded to exclude).
 */
public final class Sidecar {
    public static final String EXTENSION = ".c2pa";

    private Sidecar() {
    }

    /** The sidecar's path for {@code asset}: the same name with the extension replaced by {@code .c2pa}. */
    public static Path of(Path asset) {
        String name = asset.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return asset.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + EXTENSION);
    }

    /**
     * The sidecar of {@code asset} as a carrier, when there is one (a {@code .c2pa} file is not its own
     * sidecar). Over {@link ReadLimits#maxMetadataBytes()} it is refused like any oversized carrier.
     */
    public static Optional<Carrier> find(Path asset, ReadLimits limits) throws IOException {
        if (asset.getFileName() == null || asset.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION)) {
            return Optional.empty();
        }
        Path sidecar = of(asset);
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        long size = Files.size(sidecar);
        if (size > limits.maxMetadataBytes()) {
            throw new IOException("sidecar " + sidecar.getFileName() + " has " + size + " bytes, over the limit of "
                    + limits.maxMetadataBytes());
        }
        return Optional.of(new Carrier(CarrierType.JUMBF, "sidecar " + sidecar.getFileName(), -1, -1, Files.readAllBytes(sidecar)));
    }
}
