package dev.aigcmark.server;

import java.io.IOException;

/**
 * This platform's trust-registry entry as {@code aigc keys export} writes it, signed by its label keys, for
 * {@code GET /v1/registry}. Asked on each request, so a rotated key shows without a restart.
 */
@FunctionalInterface
public interface RegistrySource {

    /** The signed entry (JSON) and its fingerprint. */
    Entry current() throws IOException;

    /**
     * @param json        the signed entry, as {@code keys import} reads it
     * @param fingerprint what {@code keys import} prints, for the importer to compare over a second channel
     */
    record Entry(String json, String fingerprint) {
    }
}
