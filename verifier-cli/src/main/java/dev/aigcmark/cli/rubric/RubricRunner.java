package dev.aigcmark.cli.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.burt.jmespath.Expression;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.Function;
import io.burt.jmespath.function.FunctionRegistry;
import io.burt.jmespath.jackson.JacksonRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Evaluates a {@link Rubric} against a crJSON report the way the C2PA conformance tools do: each statement's
 * expression (json-formula, see {@link FormulaTranslator}) over the report, its value coerced to an outcome
 * (with {@code failIfMatched} / {@code warnIfMatched}, a non-empty list fails and names the matches; otherwise
 * a list passes when non-empty, a number when positive, a boolean as itself, null never, anything else always),
 * and the report text for that outcome with {@code {{matches}}} filled in. A statement whose expression cannot
 * be compiled or evaluated is an error (passed = null), never a silent pass. Not thread-safe: one per thread.
 */
public final class RubricRunner {
    private final Rubric rubric;
    private final JacksonRuntime runtime;
    private final Map<String, Expression<JsonNode>> named = new HashMap<>();
    private final Map<String, RuntimeException> namedErrors = new HashMap<>();

    /** @param globals values for {@code $name} the rubric does not define, e.g. {@code expected_spec_version} */
    public RubricRunner(Rubric rubric, Map<String, JsonNode> globals) {
        this.rubric = rubric;
        Map<String, JsonNode> all = new LinkedHashMap<>(globals);
        all.putAll(rubric.variables());
        RubricFunctions functions = new RubricFunctions(all);
        List<Function> list = new ArrayList<>(functions.builtins());
        rubric.expressions().forEach((name, expr) -> list.add(functions.named(name, () -> compiledNamed(name))));
        this.runtime = new JacksonRuntime(new RuntimeConfiguration.Builder()
                .withFunctionRegistry(FunctionRegistry.defaultRegistry().extend(list.toArray(Function[]::new))).build());
    }

    private Expression<JsonNode> compiledNamed(String name) {
        if (namedErrors.containsKey(name)) {
            throw namedErrors.get(name);
        }
        return named.computeIfAbsent(name, n -> {
            try {
                return runtime.compile(FormulaTranslator.toJmesPath(rubric.expressions().get(n).strip()));
            } catch (RuntimeException e) {
                namedErrors.put(n, new IllegalStateException("expression '" + n + "' does not compile: " + e.getMessage(), e));
                throw namedErrors.get(n);
            }
        });
    }

    /** One statement's outcome: passed true/false, or null with the error when it could not be evaluated. */
    public record StatementResult(String id, Boolean passed, boolean warned, JsonNode value, String message, String error) {
    }

    /** The rubric's outcome: passed when every statement passed. */
    public record Result(String rubric, boolean passed, List<StatementResult> statements) {
        public List<StatementResult> notPassed() {
            return statements.stream().filter(s -> !Boolean.TRUE.equals(s.passed())).toList();
        }
    }

    public Result evaluate(JsonNode crJson) {
        List<StatementResult> results = new ArrayList<>();
        for (Rubric.Statement s : rubric.statements()) {
            results.add(evaluate(s, crJson));
        }
        return new Result(rubric.name(), results.stream().allMatch(r -> Boolean.TRUE.equals(r.passed())), results);
    }

    private StatementResult evaluate(Rubric.Statement s, JsonNode crJson) {
        JsonNode value;
        try {
            value = runtime.compile(FormulaTranslator.toJmesPath(s.expression().strip())).search(crJson);
        } catch (RuntimeException e) {
            return new StatementResult(s.id(), null, false, JsonNodeFactory.instance.nullNode(), "Error: " + e.getMessage(),
                    String.valueOf(e.getMessage()));
        }
        boolean matchList = (s.failIfMatched() || s.warnIfMatched()) && value != null && value.isArray() && value.size() > 0;
        boolean passed;
        boolean warned = false;
        if (s.failIfMatched() || s.warnIfMatched()) {
            passed = !matchList;
            warned = matchList && s.warnIfMatched() && !s.failIfMatched();
        } else {
            passed = coerce(value);
        }
        return new StatementResult(s.id(), passed, warned, value, reportText(s, passed, matchList ? value : null), null);
    }

    private static boolean coerce(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isArray()) {
            return v.size() > 0;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asDouble() > 0;
        }
        return true;
    }

    private String reportText(Rubric.Statement s, boolean passed, JsonNode matches) {
        JsonNode dict = s.reportText();
        if (dict == null) {
            return "";
        }
        JsonNode chosen = dict.has(String.valueOf(passed)) ? dict.get(String.valueOf(passed)) : dict.path("default");
        String text = chosen.isTextual() ? chosen.asText()
                : chosen.path(rubric.language()).asText(chosen.path("en").asText(""));
        if (text.contains("{{matches}}")) {
            boolean strings = matches != null && StreamSupport.stream(matches.spliterator(), false).allMatch(JsonNode::isTextual);
            text = text.replace("{{matches}}", strings ? String.join(", ",
                    StreamSupport.stream(matches.spliterator(), false).map(JsonNode::asText).toList()) : "");
        }
        return text;
    }
}
