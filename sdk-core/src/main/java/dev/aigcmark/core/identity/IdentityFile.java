package dev.aigcmark.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.trust.StoreFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of {@code identity.json}: who the platform is and which files hold its keys and certificates.
 * File names are relative to the home folder (absolute paths are allowed for keys kept elsewhere).
 *
 * @param caCertificates PEM file with the CA certificate(s) the signers chain to (exported for trust), or null
 * @param caKey          the root's private key when this home made its own root (development identities and
 *                       self-signed platforms), kept so leaves can be issued on renewal and rotation; null otherwise
 * @param previousLabelSigners label keys rotated away from: still listed for others (what they signed stays valid),
 *                       and they co-sign the exported entry so receivers accept the new key
 * @param revokedLabelKeys label keys withdrawn: exported as revoked
 * @param previousWatermarks watermark keys rotated away from: exported as retired (their marks stay the platform's)
 * @param revokedWatermarks watermark keys withdrawn: exported as revoked (their marks fail)
 */
record IdentityFile(String id, String name, String providerCode, boolean development, SignerFiles labelSigner,
                    SignerFiles c2paSigner, String caCertificates, String caKey, int issuerId, String watermarkKey,
                    List<SignerFiles> previousLabelSigners, List<RevokedLabelKey> revokedLabelKeys,
                    List<WatermarkFile> previousWatermarks, List<RevokedWatermark> revokedWatermarks) {

    IdentityFile {
        previousLabelSigners = List.copyOf(previousLabelSigners);
        revokedLabelKeys = List.copyOf(revokedLabelKeys);
        previousWatermarks = List.copyOf(previousWatermarks);
        revokedWatermarks = List.copyOf(revokedWatermarks);
    }

    IdentityFile(String id, String name, String providerCode, boolean development, SignerFiles labelSigner,
                 SignerFiles c2paSigner, String caCertificates, String caKey, int issuerId, String watermarkKey) {
        this(id, name, providerCode, development, labelSigner, c2paSigner, caCertificates, caKey, issuerId,
                watermarkKey, List.of(), List.of(), List.of(), List.of());
    }

    /** A withdrawn label key: its public key (base64 SPKI), when and why. */
    record RevokedLabelKey(String spki, String revokedAt, String reason) {
    }

    /** A watermark key: its issuer id and the file holding its secret. */
    record WatermarkFile(int issuerId, String keyFile) {
    }

    /** A withdrawn watermark key: the key, when and why. */
    record RevokedWatermark(WatermarkFile key, String revokedAt, String reason) {
    }

    IdentityFile with(SignerFiles label, SignerFiles c2pa, String caCerts, List<SignerFiles> previous,
                      List<RevokedLabelKey> revoked) {
        return new IdentityFile(id, name, providerCode, development, label, c2pa, caCerts, caKey, issuerId, watermarkKey,
                previous, revoked, previousWatermarks, revokedWatermarks);
    }

    /** The same file with another watermark key and watermark key history. */
    IdentityFile withWatermarks(WatermarkFile current, List<WatermarkFile> previous, List<RevokedWatermark> revoked) {
        return new IdentityFile(id, name, providerCode, development, labelSigner, c2paSigner, caCertificates, caKey,
                current.issuerId(), current.keyFile(), previousLabelSigners, revokedLabelKeys, previous, revoked);
    }

    WatermarkFile watermark() {
        return new WatermarkFile(issuerId, watermarkKey);
    }

    static final String FILE_NAME = "identity.json";
    static final int SCHEMA_VERSION = 1;
    private static final int MAX_BYTES = 64 * 1024;

    /**
     * Where one signer's key is: a PEM private key (PKCS#8, SEC1 or encrypted PKCS#8) plus a PEM certificate chain,
     * or a PKCS#12 store. Passwords are never stored here: {@code passwordEnv} names an environment variable,
     * {@code passwordFile} a (owner-only) file whose first line is the password, as secret mounts provide them.
     */
    record SignerFiles(String key, String certificates, String pkcs12, String alias, String passwordEnv,
                       String passwordFile) {
        static SignerFiles pem(String key, String certificates) {
            return new SignerFiles(key, certificates, null, null, null, null);
        }

        ObjectNode toJson(ObjectNode node) {
            putIfPresent(node, "key", key);
            putIfPresent(node, "certificates", certificates);
            putIfPresent(node, "pkcs12", pkcs12);
            putIfPresent(node, "alias", alias);
            putIfPresent(node, "passwordEnv", passwordEnv);
            putIfPresent(node, "passwordFile", passwordFile);
            return node;
        }

        static SignerFiles fromJson(JsonNode node, String where) throws IOException {
            if (!node.isObject()) {
                throw new IOException(where + " must be an object with \"key\" and \"certificates\", or \"pkcs12\"");
            }
            SignerFiles files = new SignerFiles(optionalText(node, "key", where), optionalText(node, "certificates", where),
                    optionalText(node, "pkcs12", where), optionalText(node, "alias", where),
                    optionalText(node, "passwordEnv", where), optionalText(node, "passwordFile", where));
            if ((files.key == null) == (files.pkcs12 == null)) {
                throw new IOException(where + " needs exactly one of \"key\" (PEM) or \"pkcs12\"");
            }
            return files;
        }
    }

    byte[] toJson() {
        ObjectNode root = StoreFiles.boundedMapper(MAX_BYTES).createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("id", id);
        root.put("name", name);
        root.put("providerCode", providerCode);
        root.put("development", development);
        labelSigner.toJson(root.putObject("labelSigner"));
        if (c2paSigner != null) {
            c2paSigner.toJson(root.putObject("c2paSigner"));
        }
        putIfPresent(root, "caCertificates", caCertificates);
        putIfPresent(root, "caKey", caKey);
        ObjectNode watermark = root.putObject("watermark");
        watermark.put("issuerId", issuerId);
        watermark.put("keyFile", watermarkKey);
        if (!previousLabelSigners.isEmpty()) {
            var previous = root.putArray("previousLabelSigners");
            previousLabelSigners.forEach(sf -> sf.toJson(previous.addObject()));
        }
        if (!revokedLabelKeys.isEmpty()) {
            var revoked = root.putArray("revokedLabelKeys");
            revokedLabelKeys.forEach(r -> revoked.addObject().put("spki", r.spki()).put("revokedAt", r.revokedAt())
                    .put("reason", r.reason()));
        }
        if (!previousWatermarks.isEmpty()) {
            var previous = root.putArray("previousWatermarks");
            previousWatermarks.forEach(w -> previous.addObject().put("issuerId", w.issuerId()).put("keyFile", w.keyFile()));
        }
        if (!revokedWatermarks.isEmpty()) {
            var revoked = root.putArray("revokedWatermarks");
            revokedWatermarks.forEach(r -> revoked.addObject().put("issuerId", r.key().issuerId())
                    .put("keyFile", r.key().keyFile()).put("revokedAt", r.revokedAt()).put("reason", r.reason()));
        }
        return (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static IdentityFile read(Path file) throws IOException {
        JsonNode root = StoreFiles.readJson(file, MAX_BYTES, MAX_BYTES);
        String where = file.toString();
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != SCHEMA_VERSION) {
            throw new IOException(where + ": schemaVersion must be " + SCHEMA_VERSION + ", found " + version);
        }
        JsonNode development = root.get("development");
        if (development == null || !development.isBoolean()) {
            throw new IOException(where + ": \"development\" must be true or false");
        }
        JsonNode watermark = root.get("watermark");
        if (watermark == null || !watermark.isObject()) {
            throw new IOException(where + ": \"watermark\" must be an object with issuerId and keyFile");
        }
        WatermarkFile current = watermarkFile(watermark, where + ": watermark");
        JsonNode label = root.get("labelSigner");
        if (label == null) {
            throw new IOException(where + ": \"labelSigner\" is missing");
        }
        JsonNode c2pa = root.get("c2paSigner");
        List<SignerFiles> previous = new ArrayList<>();
        for (JsonNode n : root.path("previousLabelSigners")) {
            previous.add(SignerFiles.fromJson(n, where + ": previousLabelSigners"));
        }
        List<RevokedLabelKey> revoked = new ArrayList<>();
        for (JsonNode n : root.path("revokedLabelKeys")) {
            revoked.add(new RevokedLabelKey(text(n, "spki", where + ": revokedLabelKeys"),
                    text(n, "revokedAt", where + ": revokedLabelKeys"), optionalText(n, "reason", where)));
        }
        List<WatermarkFile> previousWatermarks = new ArrayList<>();
        for (JsonNode n : root.path("previousWatermarks")) {
            previousWatermarks.add(watermarkFile(n, where + ": previousWatermarks"));
        }
        List<RevokedWatermark> revokedWatermarks = new ArrayList<>();
        for (JsonNode n : root.path("revokedWatermarks")) {
            revokedWatermarks.add(new RevokedWatermark(watermarkFile(n, where + ": revokedWatermarks"),
                    text(n, "revokedAt", where + ": revokedWatermarks"), optionalText(n, "reason", where)));
        }
        return new IdentityFile(text(root, "id", where), text(root, "name", where), text(root, "providerCode", where),
                development.booleanValue(), SignerFiles.fromJson(label, where + ": labelSigner"),
                c2pa == null || c2pa.isNull() ? null : SignerFiles.fromJson(c2pa, where + ": c2paSigner"),
                optionalText(root, "caCertificates", where), optionalText(root, "caKey", where), current.issuerId(),
                current.keyFile(), previous, revoked, previousWatermarks, revokedWatermarks);
    }

    private static WatermarkFile watermarkFile(JsonNode node, String where) throws IOException {
        JsonNode issuer = node.get("issuerId");
        if (issuer == null || !issuer.isInt() || issuer.intValue() < 0 || issuer.intValue() > 0xFFFF) {
            throw new IOException(where + ": issuerId must be an integer from 0 to 65535");
        }
        return new WatermarkFile(issuer.intValue(), text(node, "keyFile", where));
    }

    private static String text(JsonNode node, String name, String where) throws IOException {
        String value = optionalText(node, name, where);
        if (value == null || value.isBlank()) {
            throw new IOException(where + ": \"" + name + "\" is missing or empty");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name, String where) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IOException(where + ": \"" + name + "\" must be a string");
        }
        return value.textValue();
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
