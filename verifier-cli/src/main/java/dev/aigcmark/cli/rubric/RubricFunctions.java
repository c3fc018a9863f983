package dev.aigcmark.cli.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.Function;
import io.burt.jmespath.function.FunctionArgument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The functions rubric expressions use beyond JMESPath's: json-formula's {@code if}, {@code notNull},
 * {@code startsWith}, {@code endsWith}, {@code split}; {@code __var(name)} for {@code $name}; and one function
 * per named expression of the rubric, which evaluates that expression on the node it is given with its other
 * arguments bound to {@code $args} / {@code $arg0...}. Holds the parameter frames, so it belongs to one
 * evaluation thread.
 */
final class RubricFunctions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Named expressions calling each other deeper than this are refused (a rubric cannot recurse forever). */
    static final int MAX_DEPTH = 64;

    private final Map<String, JsonNode> globals;
    private final Deque<Map<String, JsonNode>> frames = new ArrayDeque<>();

    RubricFunctions(Map<String, JsonNode> globals) {
        this.globals = Map.copyOf(globals);
    }

    List<Function> builtins() {
        return List.of(new Var(), new If(), new NotNull(), new StringTest("startsWith", true), new StringTest("endsWith", false),
                new Split());
    }

    /** A function {@code name} evaluating {@code expression} (compiled lazily, so named expressions may call each other). */
    Function named(String name, Supplier<Expression<JsonNode>> expression) {
        return new BaseFunction(name, ArgumentConstraints.listOf(1, ArgumentConstraints.anyValue())) {
            @Override
            protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
                if (frames.size() >= MAX_DEPTH) {
                    throw new IllegalStateException("named expressions nested deeper than " + MAX_DEPTH);
                }
                Map<String, JsonNode> frame = new HashMap<>();
                ArrayNode args = NODES.arrayNode();
                for (int i = 1; i < arguments.size(); i++) {
                    JsonNode v = (JsonNode) arguments.get(i).value();
                    args.add(v);
                    frame.put("arg" + (i - 1), v);
                }
                frame.put("args", args);
                frames.push(frame);
                try {
                    return cast(expression.get().search((JsonNode) arguments.get(0).value()));
                } finally {
                    frames.pop();
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(JsonNode n) {
        return (T) n;
    }

    /** {@code $name}: the innermost parameter frame's, else a rubric variable or global; null when unknown. */
    private final class Var extends BaseFunction {
        Var() {
            super("__var", ArgumentConstraints.typeOf(JmesPathType.STRING));
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            String name = ((JsonNode) arguments.get(0).value()).asText();
            Map<String, JsonNode> frame = frames.peek();
            JsonNode v = frame != null && frame.containsKey(name) ? frame.get(name) : globals.get(name);
            return cast(v != null ? v : NODES.nullNode());
        }
    }

    /** {@code if(condition, then, else)}: json-formula truthiness (false, null, 0, "", [] and {} are false). */
    private static final class If extends BaseFunction {
        If() {
            super("if", ArgumentConstraints.anyValue(), ArgumentConstraints.anyValue(), ArgumentConstraints.anyValue());
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            return truthy((JsonNode) arguments.get(0).value()) ? arguments.get(1).value() : arguments.get(2).value();
        }
    }

    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        if (n.isTextual()) {
            return !n.asText().isEmpty();
        }
        return n.size() > 0;
    }

    /** {@code notNull(a, b, ...)}: the first argument that is not null. */
    private static final class NotNull extends BaseFunction {
        NotNull() {
            super("notNull", ArgumentConstraints.listOf(1, ArgumentConstraints.anyValue()));
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            for (FunctionArgument<T> a : arguments) {
                JsonNode v = (JsonNode) a.value();
                if (v != null && !v.isNull() && !v.isMissingNode()) {
                    return a.value();
                }
            }
            return cast(NODES.nullNode());
        }
    }

    /** {@code startsWith(text, prefix)} / {@code endsWith(text, suffix)}; false for non-strings. */
    private static final class StringTest extends BaseFunction {
        private final boolean start;

        StringTest(String name, boolean start) {
            super(name, ArgumentConstraints.anyValue(), ArgumentConstraints.anyValue());
            this.start = start;
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            JsonNode s = (JsonNode) arguments.get(0).value();
            JsonNode p = (JsonNode) arguments.get(1).value();
            boolean r = s.isTextual() && p.isTextual()
                    && (start ? s.asText().startsWith(p.asText()) : s.asText().endsWith(p.asText()));
            return cast(NODES.booleanNode(r));
        }
    }

    /** {@code split(text, separator)}: the parts, or null for non-strings. */
    private static final class Split extends BaseFunction {
        Split() {
            super("split", ArgumentConstraints.anyValue(), ArgumentConstraints.anyValue());
        }

        @Override
        protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
            JsonNode s = (JsonNode) arguments.get(0).value();
            JsonNode sep = (JsonNode) arguments.get(1).value();
            if (!s.isTextual() || !sep.isTextual() || sep.asText().isEmpty()) {
                return cast(NODES.nullNode());
            }
            ArrayNode parts = NODES.arrayNode();
            List<String> list = new ArrayList<>(List.of(s.asText().split(Pattern.quote(sep.asText()), -1)));
            list.forEach(parts::add);
            return cast(parts);
        }
    }
}
