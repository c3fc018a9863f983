package dev.aigcmark.core.internal.c2pa.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.aigcmark.core.internal.io.BoundedJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CBOR through Jackson. Reading yields a {@link JsonNode} tree (integer map keys become their decimal
 * strings, byte strings {@code BinaryNode}s); hashes and signatures are always computed over the raw bytes,
 * never over a re-encoding, because old manifests use indefinite lengths and non-canonical forms.
 * Writing is deterministic: definite lengths, keys in the order given, shortest integer forms.
 */
public final class Cbor {
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(16 << 20).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Cbor() {
    }

    /** Parses one CBOR item; trailing bytes are an error. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return parse(bytes, 0, bytes.length);
    }

    public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            JsonNode node = BoundedJson.readTree(MAPPER, p, "a CBOR item");
            if (node == null) {
                throw new IOException("empty CBOR");
            }
            if (p.nextToken() != null) {
                throw new IOException("trailing bytes after the CBOR item");
            }
            return wellFormedTree(node);
        } catch (RuntimeException e) {
            // Jackson reports some malformed input as unchecked exceptions: same meaning here.
            throw new IOException("malformed CBOR: " + e.getMessage(), e);
        }
    }

    /** The CBOR tag in front of the top-level item, if any (COSE_Sign1 is tag 18). */
    public static Optional<Integer> leadingTag(byte[] bytes) throws IOException {
        try (CBORParser p = FACTORY.createParser(bytes)) {
            p.nextToken();
            int tag = p.getCurrentTag();
            return tag < 0 ? Optional.empty() : Optional.of(tag);
        }
    }

    /**
     * Byte range {@code [start, end)} of the value under {@code key} in the top-level map of {@code bytes}, so
     * a caller can hash or verify that value exactly as it was written.
     */
    public static Optional<int[]> rawValueRange(byte[] bytes, String key) throws IOException {
        try (CBORParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = key.equals(p.currentName());
                long start = p.currentLocation().getByteOffset();
                p.nextToken();
                p.skipChildren();
                long end = p.currentLocation().getByteOffset();
                if (wanted) {
                    return Optional.of(new int[] {(int) start, (int) end});
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Encodes maps (String or Integer/Long keys), lists, byte[], String, Integer/Long/BigInteger, Boolean,
     * null and {@link Tagged}. Maps keep their iteration order: pass a LinkedHashMap.
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD, so that it has a UTF-8 form. Text we write may
     * come from a hostile manifest (a parent ingredient's validation results quote its URLs), and Jackson's CBOR
     * parser decodes a 4-byte UTF-8 sequence beyond U+10FFFF into a lone surrogate, which its generator then refuses
     * to write: marking such a file failed as an internal error. Well-formed text is returned as it is.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /**
     * The tree with its text and keys {@link #wellFormed}: what we read compares equal to what we write back (a
     * parent ingredient's recorded validation results are matched against a fresh validation by their URLs; a lone
     * surrogate read against U+FFFD written made every such status news, and the marked file invalid). Nodes that
     * need no change are kept; the tree is at most 64 deep (the parser's limit).
     */
    private static JsonNode wellFormedTree(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String fixed = wellFormed(text);
            return fixed == text ? node : TextNode.valueOf(fixed);
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode fixed = wellFormedTree(array.get(i));
                if (fixed != array.get(i)) {
                    array.set(i, fixed);
                }
            }
        } else if (node instanceof ObjectNode object) {
            Map<String, JsonNode> fixedValues = null;
            boolean keysToFix = false;
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                keysToFix |= wellFormed(e.getKey()) != e.getKey();
                JsonNode fixed = wellFormedTree(e.getValue());
                if (fixed != e.getValue()) {
                    fixedValues = fixedValues == null ? new LinkedHashMap<>() : fixedValues;
                    fixedValues.put(e.getKey(), fixed);
                }
            }
            if (fixedValues != null) {
                fixedValues.forEach(object::set);
            }
            if (keysToFix) { // rare: rebuilt in order
                List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
                object.removeAll();
                entries.forEach(e -> object.set(wellFormed(e.getKey()), e.getValue()));
            }
        }
        return node;
    }

    /** A value with a CBOR tag in front. */
    public record Tagged(int tag, Object value) {
    }

    private static void write(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Tagged t) {
            g.writeTag(t.tag());
            write(g, t.value());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof Number n) {
                    g.writeFieldId(n.longValue());
                } else {
                    g.writeFieldName(wellFormed(e.getKey().toString()));
                }
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] b) {
            g.writeBinary(b);
        } else if (v instanceof String s) {
            g.writeString(wellFormed(s));
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof JsonNode n) {
            MAPPER.writeTree(g, n);
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getName() + " as CBOR");
        }
    }
}
