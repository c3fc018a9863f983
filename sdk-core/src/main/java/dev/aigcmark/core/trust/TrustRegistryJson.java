package dev.aigcmark.core.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.SignatureVerification;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.label.ProviderCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trust registry file ({@code trust-registry.json}, see docs/trust-registry.md):
 * <pre>{"schemaVersion":1,"platforms":[{"id":"...","name":"...","providerCodes":["..."],
 *   "signingKeys":[{"alg":"SM2_SM3","spki":"&lt;base64 DER&gt;"}],"certificates":["&lt;PEM&gt;"],
 *   "watermark":{"issuerId":N,"key":"&lt;base64&gt;"},"development":false,"bindsContent":true}]}</pre>
 * {@code bindsContent} is optional (absent = false, as in entries exported before label bindings existed).
 * Optional per platform: {@code "revokedKeys":[{"alg":...,"spki":...,"revokedAt":"&lt;ISO instant&gt;","reason":"..."}]}
 * and {@code "signatures":[{"alg":...,"spki":...,"value":"&lt;base64&gt;"}]}, signatures over the entry's canonical
 * form (its compact JSON without {@code signatures}) by keys the entry lists: {@code aigc keys export} writes
 * them so a receiver can tell the file was not altered and, on a key rotation, that the old key vouches for the
 * new one. Reading is strict (a registry decides what is TRUSTED, so a typo must not silently drop a key) and
 * bounded; every error names the source and the JSON path of the bad value, and a signature that does not
 * verify refuses the whole file.
 */
public final class TrustRegistryJson {

    public static final int SCHEMA_VERSION = 1;
    /** Thousands of platforms with a few certificates each stay far below this. */
    public static final int MAX_BYTES = 16 << 20;
    private static final int MAX_PLATFORMS = 10_000;
    /**
     * JSON values (tokens) a registry may hold: a real entry has a few dozen, so this fits thousands of platforms,
     * while a 16 MB file of tiny values (millions of tree nodes, hundreds of MB of heap) is refused as it is read.
     */
    public static final long MAX_JSON_VALUES = 1_000_000;
    private static final int MAX_ITEMS = 64;
    private static final int MAX_ID_CHARS = 128;
    private static final Set<String> PLATFORM_KEYS = Set.of("id", "name", "providerCodes", "signingKeys",
            "certificates", "watermark", "development", "revokedKeys", "signatures", "bindsContent",
            "retiredWatermarks", "revokedWatermarks");
    private static final String SIGNATURES = "signatures";

    private TrustRegistryJson() {
    }

    public static TrustRegistry read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static TrustRegistry read(InputStream in) throws IOException {
        return read(in, "trust registry");
    }

    /** Reads a registry; {@code source} names it in error messages. */
    public static TrustRegistry read(InputStream in, String source) throws IOException {
        return new TrustRegistry(readEntries(in, source).stream().map(RegistryEntry::platform).toList());
    }

    public static List<RegistryEntry> readEntries(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readEntries(in, file.toString());
        }
    }

    /** Reads a registry with each entry's signatures checked and its fingerprint; {@code source} names it in errors. */
    public static List<RegistryEntry> readEntries(InputStream in, String source) throws IOException {
        JsonNode root = StoreFiles.readJson(in, MAX_BYTES, MAX_JSON_VALUES, source);
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != SCHEMA_VERSION) {
            throw error(source, "schemaVersion", "must be " + SCHEMA_VERSION + ", found " + version);
        }
        JsonNode platforms = array(root, "platforms", source, "platforms", MAX_PLATFORMS);
        List<RegistryEntry> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < platforms.size(); i++) {
            String where = "platforms[" + i + "]";
            TrustedPlatform platform = platform(platforms.get(i), source, where);
            if (!ids.add(platform.id())) {
                throw error(source, where + ".id", "'" + platform.id() + "' appears twice");
            }
            byte[] canonical = canonical(platforms.get(i));
            list.add(new RegistryEntry(platform, signatures(platforms.get(i), canonical, platform, source, where),
                    fingerprint(canonical)));
        }
        return list;
    }

    /** The bytes an entry's signatures cover: its compact JSON, members in the file's order, without signatures. */
    static byte[] canonical(JsonNode entry) {
        ObjectNode copy = ((ObjectNode) entry).deepCopy();
        copy.remove(SIGNATURES);
        try {
            return StoreFiles.boundedMapper(MAX_BYTES).writeValueAsBytes(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed entry always serialises", e);
        }
    }

    static String fingerprint(byte[] canonical) {
        String hex = HexFormat.of().formatHex(sha256(canonical)).substring(0, 32);
        StringBuilder sb = new StringBuilder("sha256:");
        for (int i = 0; i < hex.length(); i += 4) {
            sb.append(i == 0 ? "" : " ").append(hex, i, i + 4);
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Checks every signature of an entry; each must verify and be made by a signing key the entry lists. */
    private static List<PublicKey> signatures(JsonNode node, byte[] canonical, TrustedPlatform platform, String source,
                                              String where) throws IOException {
        JsonNode list = node.get(SIGNATURES);
        if (list == null || list.isNull()) {
            return List.of();
        }
        JsonNode array = array(node, SIGNATURES, source, where + "." + SIGNATURES, MAX_ITEMS);
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = where + "." + SIGNATURES + "[" + i + "]";
            PublicKey key = signingKey(array.get(i), source, at);
            SignatureAlgorithm alg = Keys.algorithmOf(key).orElseThrow();
            byte[] value = base64(array.get(i), "value", source, at);
            if (!platform.signsWith(key)) {
                throw error(source, at, "is made by a key the entry does not list among its signingKeys");
            }
            if (!SignatureVerification.verify(alg, key, canonical, value)) {
                throw error(source, at, "does not verify: the entry was changed after it was signed");
            }
            keys.add(key);
        }
        return keys;
    }

    private static TrustedPlatform platform(JsonNode node, String source, String where) throws IOException {
        if (!node.isObject()) {
            throw error(source, where, "must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PLATFORM_KEYS.contains(name)) {
                throw error(source, where + "." + name, "unknown member; expected one of " + PLATFORM_KEYS);
            }
        }
        String id = text(node, "id", source, where);
        if (id.isBlank() || id.length() > MAX_ID_CHARS) {
            throw error(source, where + ".id", "must have 1 to " + MAX_ID_CHARS + " characters");
        }
        String name = text(node, "name", source, where);

        List<String> codes = new ArrayList<>();
        JsonNode codeArray = array(node, "providerCodes", source, where + ".providerCodes", MAX_ITEMS);
        for (int i = 0; i < codeArray.size(); i++) {
            String at = where + ".providerCodes[" + i + "]";
            JsonNode code = codeArray.get(i);
            if (!code.isTextual()) {
                throw error(source, at, "must be a string");
            }
            Optional<String> invalid = ProviderCode.validate(code.textValue());
            if (invalid.isPresent()) {
                throw error(source, at, "'" + code.textValue() + "' is not a valid provider code: " + invalid.get());
            }
            codes.add(code.textValue());
        }

        List<PublicKey> keys = new ArrayList<>();
        JsonNode keyArray = array(node, "signingKeys", source, where + ".signingKeys", MAX_ITEMS);
        for (int i = 0; i < keyArray.size(); i++) {
            keys.add(signingKey(keyArray.get(i), source, where + ".signingKeys[" + i + "]"));
        }

        List<X509Certificate> certificates = new ArrayList<>();
        JsonNode certArray = array(node, "certificates", source, where + ".certificates", MAX_ITEMS);
        for (int i = 0; i < certArray.size(); i++) {
            String at = where + ".certificates[" + i + "]";
            JsonNode pem = certArray.get(i);
            if (!pem.isTextual()) {
                throw error(source, at, "must be a PEM string");
            }
            List<X509Certificate> parsed;
            try {
                parsed = Pem.readCertificates(pem.textValue());
            } catch (IOException e) {
                throw error(source, at, e.getMessage());
            }
            if (parsed.size() != 1) {
                throw error(source, at, "must hold exactly one certificate, holds " + parsed.size());
            }
            certificates.add(parsed.get(0));
        }

        JsonNode development = node.get("development");
        if (development == null || !development.isBoolean()) {
            throw error(source, where + ".development", "must be true or false");
        }
        List<RevokedKey> revoked = new ArrayList<>();
        JsonNode revokedArray = node.get("revokedKeys");
        if (revokedArray != null && !revokedArray.isNull()) {
            revokedArray = array(node, "revokedKeys", source, where + ".revokedKeys", MAX_ITEMS);
            for (int i = 0; i < revokedArray.size(); i++) {
                String at = where + ".revokedKeys[" + i + "]";
                PublicKey key = signingKey(revokedArray.get(i), source, at);
                revoked.add(new RevokedKey(key, instant(revokedArray.get(i), source, at), reason(revokedArray.get(i))));
            }
        }
        JsonNode binds = node.get("bindsContent");
        if (binds != null && !binds.isBoolean()) {
            throw error(source, where + ".bindsContent", "must be true or false");
        }
        List<WatermarkKey> retiredWatermarks = new ArrayList<>();
        JsonNode retiredArray = optionalArray(node, "retiredWatermarks", source, where);
        for (int i = 0; i < retiredArray.size(); i++) {
            retiredWatermarks.add(watermark(retiredArray.get(i), source, where + ".retiredWatermarks[" + i + "]").orElseThrow());
        }
        List<RevokedWatermarkKey> revokedWatermarks = new ArrayList<>();
        JsonNode revokedWatermarkArray = optionalArray(node, "revokedWatermarks", source, where);
        for (int i = 0; i < revokedWatermarkArray.size(); i++) {
            String at = where + ".revokedWatermarks[" + i + "]";
            JsonNode r = revokedWatermarkArray.get(i);
            WatermarkKey key = watermark(r, source, at).orElseThrow();
            revokedWatermarks.add(new RevokedWatermarkKey(key, instant(r, source, at), reason(r)));
        }
        return new TrustedPlatform(id, name, codes, keys, certificates, watermark(node.get("watermark"), source,
                where + ".watermark"), development.booleanValue(), revoked, binds != null && binds.booleanValue(),
                retiredWatermarks, revokedWatermarks);
    }

    /** An optional array member: empty when absent. */
    private static JsonNode optionalArray(JsonNode node, String name, String source, String where) throws IOException {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? MissingNode.getInstance()
                : array(node, name, source, where + "." + name, MAX_ITEMS);
    }

    private static Instant instant(JsonNode node, String source, String where) throws IOException {
        String when = text(node, "revokedAt", source, where);
        try {
            return Instant.parse(when);
        } catch (DateTimeParseException e) {
            throw error(source, where + ".revokedAt", "'" + when + "' is not an ISO-8601 instant");
        }
    }

    private static String reason(JsonNode node) {
        JsonNode reason = node.get("reason");
        return reason == null || !reason.isTextual() ? "" : reason.textValue();
    }

    private static PublicKey signingKey(JsonNode node, String source, String where) throws IOException {
        if (!node.isObject()) {
            throw error(source, where, "must be an object {\"alg\":...,\"spki\":...}");
        }
        String alg = text(node, "alg", source, where);
        SignatureAlgorithm algorithm;
        try {
            algorithm = SignatureAlgorithm.valueOf(alg);
        } catch (IllegalArgumentException e) {
            throw error(source, where + ".alg", "'" + alg + "' is not one of " + List.of(SignatureAlgorithm.values()));
        }
        PublicKey key;
        try {
            key = Keys.publicKeyFromSpki(base64(node, "spki", source, where));
        } catch (InvalidKeyException e) {
            throw error(source, where + ".spki", e.getMessage());
        }
        Optional<SignatureAlgorithm> actual = Keys.algorithmOf(key);
        if (actual.isEmpty() || actual.get() != algorithm) {
            throw error(source, where + ".spki", "is " + actual.map(a -> "a " + a + " key").orElse("a key of unknown use")
                    + ", but alg says " + algorithm);
        }
        return key;
    }

    private static Optional<WatermarkKey> watermark(JsonNode node, String source, String where) throws IOException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw error(source, where, "must be an object {\"issuerId\":...,\"key\":...}");
        }
        JsonNode issuer = node.get("issuerId");
        if (issuer == null || !issuer.isInt() || issuer.intValue() < 0 || issuer.intValue() > 0xFFFF) {
            throw error(source, where + ".issuerId", "must be an integer from 0 to 65535");
        }
        byte[] key = base64(node, "key", source, where);
        if (key.length < 16) {
            throw error(source, where + ".key", "has " + key.length + " bytes; at least 16 are needed");
        }
        return Optional.of(new WatermarkKey(issuer.intValue(), key));
    }

    /** Writes the registry as indented JSON (it is meant to be reviewed and diffed), in the registry's order. */
    public static void write(TrustRegistry registry, OutputStream out) throws IOException {
        ObjectMapper mapper = StoreFiles.boundedMapper(MAX_BYTES);
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode platforms = root.putArray("platforms");
        for (TrustedPlatform p : registry.platforms()) {
            platforms.add(platformNode(mapper, p));
        }
        out.write((root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes one platform's entry signed by {@code signers} (the keys it lists: its current label key, and on a
     * rotation the previous one too, so receivers who trust the old key accept the new). Returns the entry's
     * fingerprint, as {@link #readEntries} computes it.
     */
    public static String writeSigned(TrustedPlatform platform, List<Signer> signers,
                                     OutputStream out) throws IOException {
        ObjectMapper mapper = StoreFiles.boundedMapper(MAX_BYTES);
        ObjectNode entry = platformNode(mapper, platform);
        byte[] canonical = canonical(entry);
        ArrayNode signatures = entry.putArray(SIGNATURES);
        for (Signer signer : signers) {
            if (!platform.signsWith(signer.publicKey())) {
                throw new IllegalArgumentException("the entry of " + platform.id() + " does not list the key "
                        + TrustPolicy.fingerprint(signer.publicKey()) + " it would be signed with");
            }
            byte[] value;
            try {
                value = signer.sign(canonical);
            } catch (GeneralSecurityException e) {
                throw new IOException("signing the entry of " + platform.id() + " failed: " + e.getMessage(), e);
            }
            signatures.addObject().put("alg", signer.algorithm().name())
                    .put("spki", Base64.getEncoder().encodeToString(signer.publicKey().getEncoded()))
                    .put("value", Base64.getEncoder().encodeToString(value));
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putArray("platforms").add(entry);
        out.write((root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return fingerprint(canonical);
    }

    private static ObjectNode platformNode(ObjectMapper mapper, TrustedPlatform p) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", p.id());
        node.put("name", p.displayName() == null ? p.id() : p.displayName());
        ArrayNode codes = node.putArray("providerCodes");
        p.providerCodes().forEach(codes::add);
        ArrayNode keys = node.putArray("signingKeys");
        for (PublicKey key : p.signingKeys()) {
            SignatureAlgorithm alg = Keys.algorithmOf(key).orElseThrow(() -> new IllegalArgumentException(
                    "platform " + p.id() + " has a " + key.getAlgorithm() + " key of unknown use"));
            keys.addObject().put("alg", alg.name()).put("spki", Base64.getEncoder().encodeToString(key.getEncoded()));
        }
        ArrayNode certificates = node.putArray("certificates");
        p.certificates().forEach(c -> certificates.add(Pem.write(List.of(c))));
        p.watermarkKey().ifPresent(w -> watermarkNode(node.putObject("watermark"), w));
        node.put("development", p.development());
        if (p.bindsContent()) {
            node.put("bindsContent", true);
        }
        if (!p.revokedKeys().isEmpty()) {
            ArrayNode revoked = node.putArray("revokedKeys");
            for (RevokedKey r : p.revokedKeys()) {
                revoked.addObject().put("alg", Keys.algorithmOf(r.key()).map(Enum::name).orElse("?"))
                        .put("spki", Base64.getEncoder().encodeToString(r.key().getEncoded()))
                        .put("revokedAt", r.revokedAt().toString()).put("reason", r.reason());
            }
        }
        if (!p.retiredWatermarkKeys().isEmpty()) {
            ArrayNode retired = node.putArray("retiredWatermarks");
            p.retiredWatermarkKeys().forEach(w -> watermarkNode(retired.addObject(), w));
        }
        if (!p.revokedWatermarkKeys().isEmpty()) {
            ArrayNode revoked = node.putArray("revokedWatermarks");
            for (RevokedWatermarkKey r : p.revokedWatermarkKeys()) {
                watermarkNode(revoked.addObject(), r.key()).put("revokedAt", r.revokedAt().toString())
                        .put("reason", r.reason());
            }
        }
        return node;
    }

    private static ObjectNode watermarkNode(ObjectNode node, WatermarkKey w) {
        return node.put("issuerId", w.issuerId()).put("key", Base64.getEncoder().encodeToString(w.key()));
    }

    private static JsonNode array(JsonNode node, String name, String source, String where, int max) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray()) {
            throw error(source, where, "must be an array");
        }
        if (value.size() > max) {
            throw error(source, where, "has " + value.size() + " entries, more than " + max);
        }
        return value;
    }

    private static String text(JsonNode node, String name, String source, String where) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw error(source, where + "." + name, "must be a string");
        }
        return value.textValue();
    }

    private static byte[] base64(JsonNode node, String name, String source, String where) throws IOException {
        String text = text(node, name, source, where);
        try {
            // Whitespace (wrapped lines) is tolerated; anything else outside the alphabet is an error, which the
            // lenient MIME decoder would silently skip.
            return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw error(source, where + "." + name, "is not base64: " + e.getMessage());
        }
    }

    private static IOException error(String source, String path, String message) {
        return new IOException(source + ": " + path + ": " + message);
    }
}
