package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.internal.c2pa.cose.CertificateNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** How crJSON spells values: byte strings, certificates, times. */
final class CrJsonValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private CrJsonValues() {
    }

    /** A byte string as crJSON writes it: {@code b64'<base64>'}. */
    static String bytes(byte[] b) {
        return "b64'" + Base64.getEncoder().encodeToString(b) + "'";
    }

    /** A CBOR tree as JSON: byte strings become {@code b64'...'} text, everything else as it is. */
    static JsonNode json(JsonNode cbor) {
        if (cbor.isBinary()) {
            try {
                return NODES.textNode(bytes(cbor.binaryValue()));
            } catch (IOException e) {
                return NODES.nullNode();
            }
        }
        if (cbor.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = cbor.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(f.getKey(), json(f.getValue()));
            }
            return out;
        }
        if (cbor.isArray()) {
            ArrayNode out = NODES.arrayNode();
            cbor.forEach(e -> out.add(json(e)));
            return out;
        }
        return cbor;
    }

    /** {@code {serialNumber, issuer: {C, O, CN...}, subject: {...}, validity: {notBefore, notAfter}}}. */
    static ObjectNode certificate(X509Certificate c) {
        ObjectNode o = NODES.objectNode();
        o.put("serialNumber", c.getSerialNumber().toString(16));
        o.set("issuer", names(c.getIssuerX500Principal().getName()));
        o.set("subject", names(c.getSubjectX500Principal().getName()));
        ObjectNode validity = o.putObject("validity");
        validity.put("notBefore", time(c.getNotBefore().toInstant()));
        validity.put("notAfter", time(c.getNotAfter().toInstant()));
        return o;
    }

    private static ObjectNode names(String dn) {
        ObjectNode o = NODES.objectNode();
        CertificateNames.attributes(dn).forEach(o::put);
        return o;
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String preciseTime(Instant t) {
        return MILLIS.format(t);
    }

    /** The media type of an embedded-file assertion's {@code bfdb} description (toggles, then a NUL-ended type). */
    static String mediaType(byte[] bfdb) {
        if (bfdb.length < 2) {
            return "";
        }
        int end = 1;
        while (end < bfdb.length && bfdb[end] != 0) {
            end++;
        }
        return new String(bfdb, 1, end - 1, StandardCharsets.UTF_8);
    }
}
