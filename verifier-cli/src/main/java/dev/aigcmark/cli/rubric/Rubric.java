package dev.aigcmark.cli.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A C2PA conformance rubric as the C2PA conformance tools write them: a multi-document YAML file whose first
 * document holds {@code rubric_metadata} (name, version, language...), {@code variables} ({@code $name: value})
 * and named {@code expressions} ({@code _name: expression}, parameters {@code $args[0]} or {@code $arg0}), and
 * whose later documents are lists of statements: an {@code id}, an {@code expression} over the crJSON report,
 * {@code failIfMatched} / {@code warnIfMatched}, and {@code reportText} per outcome and language.
 *
 * @param appliesTo file names or globs this rubric judges ({@code rubric_metadata.appliesTo}, our extension;
 *                  empty for the official rubrics, which judge whatever asset they are given)
 */
public record Rubric(String name, String version, String language, List<String> appliesTo,
                     Map<String, JsonNode> variables, Map<String, String> expressions, List<Statement> statements) {

    /**
     * One statement.
     *
     * @param reportText {@code {'true': {en: ...}, 'false': {en: ...}}}, or null
     */
    public record Statement(String id, String description, String expression, boolean failIfMatched,
                            boolean warnIfMatched, JsonNode reportText) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public Rubric {
        appliesTo = List.copyOf(appliesTo);
        variables = Map.copyOf(variables);
        expressions = Map.copyOf(expressions);
        statements = List.copyOf(statements);
    }

    /** Parses a rubric file's text; statements without an id or an expression are skipped, as the official loader skips them. */
    public static Rubric parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        if (docs.isEmpty() || docs.get(0) == null || !docs.get(0).isObject()) {
            throw new IOException("a rubric starts with a document holding rubric_metadata");
        }
        JsonNode first = docs.get(0);
        JsonNode meta = first.has("rubric_metadata") ? first.get("rubric_metadata") : first;
        if (!meta.has("name")) {
            throw new IOException("the rubric has no rubric_metadata.name");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode doc : docs.subList(1, docs.size())) {
            if (doc != null && doc.isArray()) {
                doc.forEach(s -> statement(s).ifPresent(statements::add));
            }
        }
        if (statements.isEmpty() && first.path("statements").isArray()) {
            first.get("statements").forEach(s -> statement(s).ifPresent(statements::add));
        }
        if (statements.isEmpty()) {
            throw new IOException("the rubric '" + meta.get("name").asText() + "' has no statements");
        }
        List<String> appliesTo = new ArrayList<>();
        meta.path("appliesTo").forEach(n -> appliesTo.add(n.asText()));
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        fields(first.path("variables")).forEachRemaining(e -> variables.put(e.getKey().replaceFirst("^\\$", ""), e.getValue()));
        Map<String, String> expressions = new LinkedHashMap<>();
        fields(first.path("expressions")).forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                expressions.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Rubric(meta.get("name").asText(), meta.path("version").asText(""), meta.path("language").asText("en"),
                appliesTo, variables, expressions, statements);
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n) {
        return n.isObject() ? n.fields() : Collections.emptyIterator();
    }

    private static Optional<Statement> statement(JsonNode s) {
        if (!s.path("id").isTextual() || !s.path("expression").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Statement(s.get("id").asText(), s.path("description").asText(""),
                s.get("expression").asText(), s.path("failIfMatched").asBoolean(false),
                s.path("warnIfMatched").asBoolean(false), s.get("reportText")));
    }
}
