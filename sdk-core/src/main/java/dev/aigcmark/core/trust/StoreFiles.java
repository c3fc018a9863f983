package dev.aigcmark.core.trust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.internal.io.BoundedJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File handling for the SDK's home folder ({@code ~/.aigcmark}): owner-only files and folders (keys live there),
 * atomic replacement, and bounded JSON reading for {@code identity.json} and {@code trust-registry.json}.
 */
public final class StoreFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private StoreFiles() {
    }

    /** A JSON mapper whose reader refuses deep nesting and documents larger than {@code maxChars}. */
    public static ObjectMapper boundedMapper(int maxChars) {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(20)
                        .maxStringLength(maxChars).maxDocumentLength(maxChars).build())
                .build());
    }

    /** Reads a JSON file of at most {@code maxBytes} and {@code maxValues} JSON values; errors name the file. */
    public static JsonNode readJson(Path file, int maxBytes, long maxValues) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readJson(in, maxBytes, maxValues, file.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "file is missing");
        }
    }

    /**
     * Reads a JSON document of at most {@code maxBytes} and {@code maxValues} values (tokens: a tree of many small
     * values costs far more memory than its bytes, see {@link BoundedJson}); errors name {@code source}.
     */
    public static JsonNode readJson(InputStream in, int maxBytes, long maxValues, String source) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new IOException(source + ": larger than the limit of " + maxBytes + " bytes");
        }
        ObjectMapper mapper = boundedMapper(maxBytes);
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            JsonNode node = BoundedJson.readTree(mapper, parser, source, maxValues);
            if (node == null || !node.isObject()) {
                throw new IOException(source + ": the top level must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Creates {@code dir} (and missing parents) readable only by the owner; an existing folder is left as it is. */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Writes {@code content} to {@code target} atomically (temporary file, then move), readable only by the owner. */
    public static void writeOwnerOnly(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Like {@link #writeOwnerOnly} but fails with {@link FileAlreadyExistsException} if {@code target} exists, so
     * two processes creating the same file cannot both win.
     */
    public static void createOwnerOnly(Path target, byte[] content) throws IOException {
        write(target, content, false);
    }

    private static void write(Path target, byte[] content, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createOwnerOnlyDirectories(dir);
        try (AtomicOutput out = AtomicOutput.privateTo(target)) {
            try (OutputStream os = AtomicOutput.stream(out.temp())) {
                os.write(content);
            }
            if (replace) {
                out.commit();
            } else {
                out.commitNew();
            }
        }
    }

    private static boolean posix(Path dir) {
        return dir != null && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    }
}
