package dev.aigcmark.core.internal.securitydata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the parts of a SecurityData object that verification needs, leniently (key names case-insensitive,
 * the {@code SecurityData} wrapper optional, entries in any order) but bounded: size, nesting, entry count and
 * hex lengths are limited, and every defect becomes a {@link Malformed} with a reason, never another exception.
 */
final class SecurityDataReader {

    /** A SecurityData with an RSA-4096 key is under 2 KB; anything near this limit is not SecurityData. */
    static final int MAX_CHARS = 16 * 1024;
    private static final int MAX_ENTRIES = 16;
    private static final int MAX_HEX_CHARS = 4096;
    /** A content digest scheme: a handler id and a version, e.g. {@code jpeg.1}. */
    static final Pattern SCHEME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}\\.[0-9]{1,4}");

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
                    .maxStringLength(MAX_CHARS).maxDocumentLength(MAX_CHARS).maxNumberLength(20).build())
            .build());

    /**
     * What a DS entry and a PubKey entry say; {@code keyValue} is null when there is no PubKey entry.
     * {@code bindings} is the content binding as far as it could be read (its signature is checked by
     * {@link SecurityData}); it never makes the rest unreadable, so a reader that only knows the DS entry
     * still verifies the label's own fields.
     */
    record Fields(String algId, byte[] signature, String keyAlgId, byte[] keyValue, String notes, Bindings bindings) {
    }

    /**
     * The {@code Bindings} array and its {@code BindingsSignature}: {@code text} is the array as compact JSON
     * (what the signature covers, after the label fields), {@code binding} what it binds to, {@code problem}
     * why it is unusable (null when usable); all null when the SecurityData has no bindings.
     */
    record Bindings(String text, byte[] signature, LabelBinding binding, String problem) {
        static final Bindings NONE = new Bindings(null, null, null, null);

        boolean present() {
            return text != null || problem != null;
        }

        static Bindings broken(String problem) {
            return new Bindings(null, null, null, problem);
        }
    }

    /** A defect that makes the SecurityData unusable; caught by {@link SecurityData}, never thrown to callers. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private SecurityDataReader() {
    }

    static Fields read(String text) throws Malformed {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (Exception e) {
            throw new Malformed("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("SecurityData must be a JSON object");
        }
        JsonNode body = field(root, "SecurityData");
        if (body == null) {
            body = root; // some writers omit the wrapper; the members identify it just as well
        }
        if (!body.isObject()) {
            throw new Malformed("SecurityData member is not an object");
        }
        StringBuilder notes = new StringBuilder();
        String type = text(body, "Type");
        if (type != null && !type.equals("TC260PG")) {
            notes.append(" (Type is '").append(printable(type)).append("', expected TC260PG)");
        }
        JsonNode version = field(body, "Version");
        if (version != null && !(version.canConvertToInt() && version.asInt() == 1) && !"1".equals(version.asText())) {
            notes.append(" (Version ").append(printable(version.asText())).append(", expected 1)");
        }
        JsonNode entries = field(body, "PubSD");
        if (entries == null || !entries.isArray()) {
            throw new Malformed("PubSD is missing or not an array");
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new Malformed("PubSD has " + entries.size() + " entries, more than " + MAX_ENTRIES);
        }
        JsonNode ds = null;
        JsonNode pubKey = null;
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw new Malformed("a PubSD entry is not an object");
            }
            String entryType = text(entry, "Type");
            if ("DS".equalsIgnoreCase(entryType) && ds == null) {
                ds = entry;
            } else if ("PubKey".equalsIgnoreCase(entryType) && pubKey == null) {
                pubKey = entry;
            }
        }
        if (ds == null) {
            throw new Malformed("PubSD has no DS (digital signature) entry");
        }
        String algId = requiredText(ds, "AlgID", "DS");
        JsonNode tbs = field(ds, "TBSData");
        if (tbs != null) {
            String tbsType = tbs.isObject() ? text(tbs, "Type") : null;
            if (tbsType != null && !tbsType.equalsIgnoreCase("Md")) {
                throw new Malformed("TBSData type '" + printable(tbsType) + "' is unknown; only Md (the label's own "
                        + "fields) is defined");
            }
        }
        byte[] signature = hex(requiredText(ds, "Signature", "DS"), "DS Signature");
        Bindings bindings = bindings(body);
        if (pubKey == null) {
            return new Fields(algId, signature, null, null, notes.toString(), bindings);
        }
        return new Fields(algId, signature, text(pubKey, "AlgID"),
                hex(requiredText(pubKey, "KeyValue", "PubKey"), "PubKey KeyValue"), notes.toString(), bindings);
    }

    /** Reads {@code Bindings} and {@code BindingsSignature}; unknown binding types are kept in the signed text. */
    private static Bindings bindings(JsonNode body) {
        JsonNode array = field(body, "Bindings");
        JsonNode signature = field(body, "BindingsSignature");
        if (array == null && signature == null) {
            return Bindings.NONE;
        }
        try {
            if (array == null || !array.isArray() || array.isEmpty()) {
                throw new Malformed("Bindings must be a non-empty array");
            }
            if (array.size() > MAX_ENTRIES) {
                throw new Malformed("Bindings has " + array.size() + " entries, more than " + MAX_ENTRIES);
            }
            if (signature == null || !signature.isTextual()) {
                throw new Malformed("Bindings are not signed (no BindingsSignature string)");
            }
            String format = null;
            ContentDigest content = null;
            byte[] watermark = null;
            for (JsonNode entry : array) {
                if (!entry.isObject()) {
                    throw new Malformed("a Bindings entry is not an object");
                }
                String type = text(entry, "Type");
                if ("Format".equals(type) && format == null) {
                    format = requiredText(entry, "Value", "Format binding");
                    if (!LabelBinding.FORMAT.matcher(format).matches()) {
                        throw new Malformed("Format binding '" + printable(format) + "' is not a format id");
                    }
                } else if ("ContentDigest".equals(type) && content == null) {
                    content = contentDigest(entry);
                } else if ("Watermark".equals(type) && watermark == null) {
                    watermark = hex(requiredText(entry, "Value", "Watermark binding"), "Watermark binding Value");
                    if (watermark.length != WatermarkPayload.BYTES) {
                        throw new Malformed("Watermark binding Value has " + watermark.length + " bytes, not "
                                + WatermarkPayload.BYTES);
                    }
                }
            }
            if (format == null) {
                throw new Malformed("Bindings do not name the Format the label was made for");
            }
            return new Bindings(MAPPER.writeValueAsString(array), hex(signature.textValue(), "BindingsSignature"),
                    new LabelBinding(format, content, watermark), null);
        } catch (Malformed e) {
            return Bindings.broken(e.getMessage());
        } catch (JsonProcessingException e) {
            return Bindings.broken("Bindings cannot be written back as JSON: " + firstLine(e.getMessage()));
        }
    }

    private static ContentDigest contentDigest(JsonNode entry) throws Malformed {
        String scheme = requiredText(entry, "Scheme", "ContentDigest binding");
        if (!SCHEME.matcher(scheme).matches()) {
            throw new Malformed("ContentDigest Scheme '" + printable(scheme) + "' is not '<format>.<version>'");
        }
        String alg = requiredText(entry, "AlgID", "ContentDigest binding");
        if (!alg.equals(ContentDigest.SHA256_OID)) {
            throw new Malformed("ContentDigest AlgID '" + printable(alg) + "' is not SHA-256 ("
                    + ContentDigest.SHA256_OID + ")");
        }
        byte[] value = hex(requiredText(entry, "Value", "ContentDigest binding"), "ContentDigest Value");
        if (value.length != 32) {
            throw new Malformed("ContentDigest Value has " + value.length + " bytes, not 32");
        }
        return new ContentDigest(scheme, value);
    }

    /** A member by name, ignoring case (writers differ in capitalisation); null when absent. */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String requiredText(JsonNode object, String name, String entry) throws Malformed {
        JsonNode value = field(object, name);
        if (value == null) {
            throw new Malformed(entry + " entry has no " + name);
        }
        if (!value.isTextual()) {
            throw new Malformed(entry + " " + name + " is a JSON " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a string");
        }
        return value.textValue();
    }

    private static byte[] hex(String value, String what) throws Malformed {
        if (value.isEmpty()) {
            throw new Malformed(what + " is empty");
        }
        if (value.length() > MAX_HEX_CHARS) {
            throw new Malformed(what + " has " + value.length() + " hex characters, more than " + MAX_HEX_CHARS);
        }
        if (value.length() % 2 != 0) {
            throw new Malformed(what + " has an odd number of hex characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAsciiHex(value.charAt(i))) { // Character.digit would accept non-ASCII digits such as U+0660
                throw new Malformed(what + " is not hex: '" + printable(String.valueOf(value.charAt(i))) + "' at " + i);
            }
        }
        return HexFormat.of().parseHex(value);
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static String printable(String s) {
        return printable(s, 40);
    }

    static String printable(String s, int max) {
        String cut = s.length() > max ? s.substring(0, max) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return printable(nl < 0 ? s : s.substring(0, nl), 160);
    }
}
