package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.FileBudget;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Reads a JSON or CBOR document into a tree with a bound on its token count. Jackson's stream constraints
 * bound a document's bytes, strings and nesting, but a tree of small values is the costly case: every token
 * becomes a node object of tens of bytes, so 16 MB of CBOR zeros ({@code [0, 0, 0, ...]}) would be 16 million
 * nodes and several hundred megabytes of heap. Counting tokens as they are read stops such a document before
 * its tree exists; every few thousand tokens are a checkpoint for the file's deadline too.
 */
public final class BoundedJson {
    private static final int CHECK_EVERY = 4096;

    private BoundedJson() {
    }

    /**
     * The tree of {@code parser}'s document, within the current file's {@link dev.aigcmark.core.ReadLimits#maxJsonNodes()}:
     * over it, the file's budget is exceeded ({@code asset.limit.jsonNodes}, sticky) and the exception thrown.
     * Returns null for an empty input, as {@link ObjectMapper#readTree(JsonParser)} does.
     */
    public static JsonNode readTree(ObjectMapper mapper, JsonParser parser, String what) throws IOException {
        FileBudget budget = FileBudget.current();
        return mapper.readTree(new Counting(parser, budget.limits().maxJsonNodes(), budget, what));
    }

    /**
     * The tree of {@code parser}'s document with at most {@code maxTokens} tokens, for documents read outside a
     * file's budget (a trust registry, an identity file): over it, an {@link IOException} naming {@code what}.
     */
    public static JsonNode readTree(ObjectMapper mapper, JsonParser parser, String what, long maxTokens)
            throws IOException {
        return mapper.readTree(new Counting(parser, maxTokens, null, what));
    }

    /** Counts every token read (values, field names, container starts and ends). */
    private static final class Counting extends JsonParserDelegate {
        private final long max;
        private final FileBudget budget;
        private final String what;
        private long tokens;

        Counting(JsonParser delegate, long max, FileBudget budget, String what) {
            super(delegate);
            this.max = max;
            this.budget = budget;
            this.what = what;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            count();
            return super.nextToken();
        }

        @Override
        public JsonToken nextValue() throws IOException {
            count();
            return super.nextValue();
        }

        private void count() throws IOException {
            if (++tokens > max) {
                String message = "has more than " + max + " values in " + what;
                if (budget == null) {
                    throw new IOException(what + " has more than " + max + " JSON values, over the limit");
                }
                throw budget.exceed(FileBudget.Limit.JSON_NODES, message);
            }
            if (budget != null && tokens % CHECK_EVERY == 0) {
                budget.checkpoint();
            }
        }
    }
}
