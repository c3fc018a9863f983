package dev.aigcmark.conformance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares two crJSON documents' validation results semantically: manifests matched by label, each group
 * (success, informational, failure) as a multiset of code and URL, ingredient deltas matched by ingredient
 * assertion URI. Key order and status order do not matter; explanations are not compared (the reference
 * prints some of its internal error texts there).
 */
final class CrJsonComparison {
    private static final List<String> GROUPS = List.of("success", "informational", "failure");

    private CrJsonComparison() {
    }

    /** Every difference, one sentence each; empty when equal. {@code ignored} codes are left out on both sides. */
    static List<String> differences(JsonNode ours, JsonNode reference, Predicate<String> ignored) {
        List<String> out = new ArrayList<>();
        Map<String, JsonNode> mine = byLabel(ours);
        Map<String, JsonNode> theirs = byLabel(reference);
        if (!labels(ours).equals(labels(reference))) {
            out.add("manifests: ours " + labels(ours) + ", reference " + labels(reference));
        }
        for (String label : theirs.keySet()) {
            JsonNode a = mine.get(label);
            JsonNode b = theirs.get(label);
            if (a == null) {
                continue;
            }
            compare(label + " validationResults", a.path("validationResults"), b.path("validationResults"), ignored, out);
            Map<String, JsonNode> da = deltas(a);
            Map<String, JsonNode> db = deltas(b);
            if (!da.keySet().equals(db.keySet())) {
                out.add(label + " ingredientDeltas: ours " + da.keySet() + ", reference " + db.keySet());
            }
            for (String uri : db.keySet()) {
                if (da.containsKey(uri)) {
                    compare(label + " delta " + uri, da.get(uri), db.get(uri), ignored, out);
                }
            }
        }
        return out;
    }

    private static void compare(String where, JsonNode a, JsonNode b, Predicate<String> ignored, List<String> out) {
        for (String group : GROUPS) {
            Map<String, Integer> x = multiset(a.path(group), ignored);
            Map<String, Integer> y = multiset(b.path(group), ignored);
            if (!x.equals(y)) {
                out.add(where + " " + group + ": ours " + x + ", reference " + y);
            }
        }
    }

    private static Map<String, Integer> multiset(JsonNode list, Predicate<String> ignored) {
        Map<String, Integer> m = new TreeMap<>();
        for (JsonNode s : list) {
            String code = s.path("code").asText();
            if (!ignored.test(code)) {
                m.merge(code + " @ " + s.path("url").asText(""), 1, Integer::sum);
            }
        }
        return m;
    }

    private static Map<String, JsonNode> byLabel(JsonNode doc) {
        Map<String, JsonNode> m = new HashMap<>();
        doc.path("manifests").forEach(n -> m.put(n.path("label").asText(), n));
        return m;
    }

    private static List<String> labels(JsonNode doc) {
        List<String> l = new ArrayList<>();
        doc.path("manifests").forEach(n -> l.add(n.path("label").asText()));
        return l;
    }

    private static Map<String, JsonNode> deltas(JsonNode manifest) {
        Map<String, JsonNode> m = new TreeMap<>();
        manifest.path("ingredientDeltas").forEach(d -> m.put(d.path("ingredientAssertionURI").asText(), d.path("validationDeltas")));
        return m;
    }

    /** The trust codes: the stored reference crJSON was made with trust verification off. */
    static final Set<String> TRUST_CODES = Collections.unmodifiableSet(Set.of("signingCredential.trusted", "signingCredential.untrusted"));
}
