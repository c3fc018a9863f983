package dev.aigcmark.spark;

import dev.aigcmark.core.SdkContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link SdkContext} per executor JVM and job settings, built by the first task that needs it and shared by
 * every task after it (the context is immutable and thread-safe; building it loads every handler and codec and
 * parses the trust registry, which is not work to repeat per task or per file). A long-lived executor that runs
 * many jobs (a notebook, a Thrift server) keeps only the last few.
 */
final class ExecutorContexts {
    private static final int KEEP = 4;

    private static final Map<String, SdkContext> CONTEXTS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SdkContext> eldest) {
            return size() > KEEP;
        }
    };

    private ExecutorContexts() {
    }

    /** The context for {@code key}, built with {@code build} on first use in this JVM. */
    static synchronized SdkContext get(String key, Supplier<SdkContext> build) {
        SdkContext context = CONTEXTS.get(key);
        if (context == null) {
            context = build.get();
            CONTEXTS.put(key, context);
        }
        return context;
    }
}
