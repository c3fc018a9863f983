package dev.aigcmark.core.spi;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A scanned input: its handler, the carriers found, container-level problems (bad CRC, truncation) and
 * lazy <em>views</em> of the content (decoded pixels, text, frames) that codecs such as watermark detectors
 * ask for. Views are computed at most once, and only when a codec asks.
 */
public final class Container {
    private final FormatHandler handler;
    private final MediaInput input;
    private final List<Carrier> carriers;
    private final List<Status> problems;
    private final Map<Class<?>, Supplier<?>> viewFactories;
    private final Map<Class<?>, Optional<?>> views = new HashMap<>();
    private final Map<Class<?>, String> unavailable = new HashMap<>();

    private Container(Builder b) {
        this.handler = b.handler;
        this.input = b.input;
        this.carriers = List.copyOf(b.carriers);
        this.problems = List.copyOf(b.problems);
        this.viewFactories = Map.copyOf(b.viewFactories);
    }

    public static Builder builder(FormatHandler handler, MediaInput input) {
        return new Builder(handler, input);
    }

    public FormatHandler handler() {
        return handler;
    }

    public MediaInput input() {
        return input;
    }

    public List<Carrier> carriers() {
        return carriers;
    }

    public List<Carrier> carriers(String type) {
        return carriers.stream().filter(c -> c.type().equals(type)).toList();
    }

    public List<Status> problems() {
        return problems;
    }

    /**
     * This container with more carriers found outside the input (a C2PA sidecar beside the file); views and
     * problems are shared, not recomputed.
     */
    public Container withCarriers(List<Carrier> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Builder b = new Builder(handler, input);
        b.carriers.addAll(carriers);
        b.carriers.addAll(extra);
        b.problems.addAll(problems);
        b.viewFactories.putAll(viewFactories);
        return b.build();
    }

    /**
     * A view of the content, e.g. {@code view(RasterView.class)}; empty when the format has none or it
     * could not be computed (the reason is then among the problems a codec reports).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> Optional<T> view(Class<T> type) {
        return (Optional<T>) views.computeIfAbsent(type, t -> {
            Supplier<?> f = viewFactories.get(t);
            if (f == null) {
                return Optional.empty();
            }
            try {
                Object v = f.get();
                if (v == null) {
                    unavailable.put(t, "the content could not be decoded");
                }
                return Optional.ofNullable(v);
            } catch (ViewUnavailableException e) {
                unavailable.put(t, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Why a view the format has (its handler offers it) could not be computed: no decoder, damaged content.
     * Empty when the view was computed, or when the format has no such view at all (a text file has no pixels).
     */
    public synchronized Optional<String> viewUnavailable(Class<?> type) {
        if (!viewFactories.containsKey(type)) {
            return Optional.empty();
        }
        view(type);
        return Optional.ofNullable(unavailable.get(type));
    }

    public static final class Builder {
        private final FormatHandler handler;
        private final MediaInput input;
        private final List<Carrier> carriers = new ArrayList<>();
        private final List<Status> problems = new ArrayList<>();
        private final Map<Class<?>, Supplier<?>> viewFactories = new HashMap<>();

        private Builder(FormatHandler handler, MediaInput input) {
            this.handler = handler;
            this.input = input;
        }

        public Builder carrier(Carrier c) {
            carriers.add(c);
            return this;
        }

        public Builder problem(Status s) {
            problems.add(s);
            return this;
        }

        public <T> Builder view(Class<T> type, Supplier<? extends T> factory) {
            viewFactories.put(type, factory);
            return this;
        }

        public Container build() {
            return new Container(this);
        }
    }
}
