package dev.aigcmark.core.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local trust registry of a home folder: {@code <home>/trust-registry.json}. Absent means nothing is trusted
 * yet (an empty registry), never an error. Saving replaces the file atomically.
 */
public final class TrustStore {

    public static final String FILE_NAME = "trust-registry.json";

    private TrustStore() {
    }

    public static Path file(Path home) {
        return home.resolve(FILE_NAME);
    }

    public static TrustRegistry load(Path home) throws IOException {
        Path file = file(home);
        return Files.exists(file) ? TrustRegistryJson.read(file) : TrustRegistry.empty();
    }

    public static void save(Path home, TrustRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrustRegistryJson.write(registry, out);
        StoreFiles.createOwnerOnlyDirectories(home);
        StoreFiles.writeOwnerOnly(file(home), out.toByteArray());
    }

    /**
     * Mutual recognition: adds (or replaces, by id) every platform of {@code incoming} — typically another
     * platform's exported entry — to the local registry, saves it and returns the result.
     */
    public static TrustRegistry importPlatforms(Path home, TrustRegistry incoming) throws IOException {
        TrustRegistry registry = load(home).withAll(incoming);
        save(home, registry);
        return registry;
    }
}
