package dev.aigcmark.core.label;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.internal.io.BoundedJson;
import dev.aigcmark.core.report.StatusCodes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON forms of the label. Writing is compact and in the fixed key order; the <em>bare</em> form
 * ({@code {"Label":"1",...}}) goes where the carrier is already named AIGC, the <em>wrapped</em> form
 * ({@code {"AIGC":{...}}}, Annex E's example) in generic carriers. Reading accepts both, and is lenient:
 * misnamed keys seen in the wild are mapped and reported, not fatal.
 */
public final class LabelJson {

    /** Longest JSON text we parse: a label with two SecurityData blocks is about 1 KB. */
    public static final int MAX_JSON_CHARS = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(MAX_JSON_CHARS).maxDocumentLength(MAX_JSON_CHARS).build())
            .build());

    /** Key names found in real files, mapped to the Annex E key they stand for. */
    private static final Map<String, String> MISNAMED = Map.of(
            "reservecode1", "ReservedCode1",
            "reservecode2", "ReservedCode2",
            "propagator", "ContentPropagator",
            "producer", "ContentProducer",
            "produceid", "ProduceID",
            "propagateid", "PropagateID",
            "contentproducer", "ContentProducer",
            "contentpropagator", "ContentPropagator",
            "produceid_", "ProduceID");

    private LabelJson() {
    }

    /** The bare compact form, keys in Annex E order. */
    public static String toBareJson(AigcLabel label) {
        StringBuilder sb = new StringBuilder(256).append('{');
        for (int i = 0; i < AigcLabel.KEYS.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String key = AigcLabel.KEYS.get(i);
            sb.append(member(key, label.get(key)));
        }
        return sb.append('}').toString();
    }

    /** The wrapped compact form {@code {"AIGC":{...}}}. */
    public static String toWrappedJson(AigcLabel label) {
        return "{\"AIGC\":" + toBareJson(label) + "}";
    }

    /** One compact member {@code "key":"value"} with JSON escaping. */
    public static String member(String key, String value) {
        return quote(key) + ":" + quote(value);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The outcome of reading a label: the label (if one could be made out), its form, the key set it was written
     * in, vendor fields with no Annex E counterpart (for a vendor schema), and every problem.
     */
    public record Parsed(Optional<AigcLabel> label, boolean wrapped, LabelSchema schema, Map<String, String> vendorFields,
                         List<LabelProblem> problems) {
        public Parsed {
            vendorFields = Collections.unmodifiableMap(new LinkedHashMap<>(vendorFields));
            problems = List.copyOf(problems);
        }

        Parsed(Optional<AigcLabel> label, boolean wrapped, List<LabelProblem> problems) {
            this(label, wrapped, LabelSchema.ANNEX_E, Map.of(), problems);
        }

        public boolean conforms() {
            return label.isPresent() && problems.isEmpty();
        }
    }

    /**
     * Reads a label in the bare or wrapped form. Never throws: malformed JSON gives an empty label and a
     * {@link dev.aigcmark.core.report.StatusCodes#LABEL_JSON_MALFORMED} problem; misnamed keys are mapped and reported.
     */
    public static Parsed parse(String json) {
        List<LabelProblem> problems = new ArrayList<>();
        if (json == null || json.isBlank()) {
            problems.add(new LabelProblem(StatusCodes.LABEL_JSON_MALFORMED, "", "label text is empty"));
            return new Parsed(Optional.empty(), false, problems);
        }
        if (json.length() > MAX_JSON_CHARS) {
            problems.add(new LabelProblem(StatusCodes.LABEL_JSON_MALFORMED, "",
                    "label text has " + json.length() + " characters, more than the limit " + MAX_JSON_CHARS));
            return new Parsed(Optional.empty(), false, problems);
        }
        JsonNode root;
        // closed, so its buffers go back to Jackson's per-thread recycler: an open parser keeps them and the next
        // label (and SecurityData) parse on this thread allocates new ones (≈ 17 KB per text verification)
        try (JsonParser parser = MAPPER.getFactory().createParser(json.strip())) {
            root = BoundedJson.readTree(MAPPER, parser, "a label's JSON");
        } catch (Exception e) {
            problems.add(new LabelProblem(StatusCodes.LABEL_JSON_MALFORMED, "", "label is not valid JSON: "
                    + firstLine(e.getMessage())));
            return new Parsed(Optional.empty(), false, problems);
        }
        if (root == null || !root.isObject()) {
            problems.add(new LabelProblem(StatusCodes.LABEL_JSON_MALFORMED, "", "label JSON is not an object"));
            return new Parsed(Optional.empty(), false, problems);
        }
        boolean wrapped = false;
        JsonNode body = root;
        JsonNode inner = findWrapper(root);
        if (inner != null) {
            wrapped = true;
            body = inner;
        }
        if (!body.isObject()) {
            problems.add(new LabelProblem(StatusCodes.LABEL_JSON_MALFORMED, "AIGC", "AIGC member is not an object"));
            return new Parsed(Optional.empty(), wrapped, problems);
        }
        LabelSchema schema = LabelSchema.of(fieldNames(body));
        if (schema != LabelSchema.ANNEX_E) {
            return parseVendor((ObjectNode) body, wrapped, schema, problems);
        }
        Map<String, String> values = readMembers((ObjectNode) body, problems);
        List<String> found = new ArrayList<>();
        for (String key : AigcLabel.KEYS) {
            if (!values.containsKey(key)) {
                problems.add(new LabelProblem(StatusCodes.LABEL_KEY_MISSING, key, "key " + key + " is missing"));
            } else {
                found.add(key);
            }
        }
        List<String> order = new ArrayList<>(values.keySet());
        order.retainAll(AigcLabel.KEYS);
        if (!order.equals(found)) {
            problems.add(new LabelProblem(StatusCodes.LABEL_KEY_ORDER, "", "keys are not in Annex E order: " + order));
        }
        if (values.isEmpty()) {
            return new Parsed(Optional.empty(), wrapped, problems);
        }
        AigcLabel label = new AigcLabel(values.get("Label"), values.get("ContentProducer"), values.get("ProduceID"),
                values.get("ReservedCode1"), values.get("ContentPropagator"), values.get("PropagateID"),
                values.get("ReservedCode2"));
        problems.addAll(LabelRules.check(label));
        return new Parsed(Optional.of(label), wrapped, problems);
    }

    /**
     * A vendor schema: the fields whose meaning is Annex E's are mapped, the others kept as vendor fields, one
     * {@link dev.aigcmark.core.report.StatusCodes#LABEL_SCHEMA_VENDOR} problem says so (no per-key "missing" noise for keys the schema lacks).
     */
    private static Parsed parseVendor(ObjectNode body, boolean wrapped, LabelSchema schema, List<LabelProblem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> vendor = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String text = v.isTextual() ? v.textValue() : v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            String mapped = schema.mappedKeys().get(e.getKey().toLowerCase(Locale.ROOT));
            if (mapped != null) {
                values.putIfAbsent(mapped, text);
            } else {
                vendor.putIfAbsent(e.getKey(), text);
            }
        }
        problems.add(new LabelProblem(StatusCodes.LABEL_SCHEMA_VENDOR, "", "label in a vendor's " + schema.id()
                + " schema (" + String.join(", ", fieldNames(body)) + "), not Annex E's seven keys; read as "
                + "Label=Label, ContentProducer=ServiceProvider, ProduceID=ContentId"
                + (vendor.isEmpty() ? "" : "; " + String.join(", ", vendor.keySet()) + " have no Annex E counterpart")));
        AigcLabel label = new AigcLabel(values.getOrDefault("Label", ""), values.getOrDefault("ContentProducer", ""),
                values.getOrDefault("ProduceID", ""), "", "", "", "");
        problems.addAll(LabelRules.check(label));
        return new Parsed(Optional.of(label), wrapped, schema, vendor, problems);
    }

    private static List<String> fieldNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode findWrapper(JsonNode root) {
        if (root.size() != 1) {
            return null;
        }
        String name = root.fieldNames().next();
        return name.equalsIgnoreCase("AIGC") ? root.get(name) : null;
    }

    private static Map<String, String> readMembers(ObjectNode body, List<LabelProblem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = canonicalKey(e.getKey(), problems);
            if (key == null) {
                continue;
            }
            JsonNode v = e.getValue();
            String text;
            if (v.isTextual()) {
                text = v.textValue();
            } else if (v.isValueNode() && !v.isNull()) {
                text = v.asText();
                problems.add(new LabelProblem(StatusCodes.LABEL_VALUE_NOT_STRING, key,
                        key + " is a JSON " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string"));
            } else if (v.isNull()) {
                text = "";
                problems.add(new LabelProblem(StatusCodes.LABEL_VALUE_NOT_STRING, key, key + " is null, not a string"));
            } else {
                // Some vendors put SecurityData as a nested object instead of a string: keep its JSON text.
                text = v.toString();
                problems.add(new LabelProblem(StatusCodes.LABEL_VALUE_NOT_STRING, key,
                        key + " is a JSON " + v.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string"));
            }
            values.putIfAbsent(key, text);
        }
        return values;
    }

    private static String canonicalKey(String key, List<LabelProblem> problems) {
        if (AigcLabel.KEYS.contains(key)) {
            return key;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String k : AigcLabel.KEYS) {
            if (k.toLowerCase(Locale.ROOT).equals(lower)) {
                problems.add(new LabelProblem(StatusCodes.LABEL_KEY_MISNAMED, k,
                        "key '" + key + "' should be written '" + k + "' (keys are case-sensitive)"));
                return k;
            }
        }
        String mapped = MISNAMED.get(lower);
        if (mapped != null) {
            problems.add(new LabelProblem(StatusCodes.LABEL_KEY_MISNAMED, mapped,
                    "key '" + key + "' is not an Annex E key; read as '" + mapped + "'"));
            return mapped;
        }
        problems.add(new LabelProblem(StatusCodes.LABEL_KEY_UNKNOWN, key, "unknown key '" + key + "' ignored"));
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
