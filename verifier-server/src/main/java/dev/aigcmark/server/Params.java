package dev.aigcmark.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's options: query parameters plus the plain fields of a multipart form, named as the CLI's flags
 * without the dashes ({@code produce-id}, {@code as-propagator}). An unknown name is refused rather than ignored,
 * so a typo never silently changes what gets marked.
 */
final class Params {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static Params ofQuery(Request request) throws ApiException {
        Params p = new Params();
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the query string cannot be decoded: " + e.getMessage());
        }
        for (Fields.Field f : fields) {
            f.getValues().forEach(v -> p.add(f.getName(), v));
        }
        return p;
    }

    void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /** Refuses any parameter not in {@code known}. */
    void allowOnly(Set<String> known) throws ApiException {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "'; this route takes " + String.join(", ",
                        known.stream().sorted().toList()));
            }
        }
    }

    /** A single-valued parameter. */
    Optional<String> string(String name) throws ApiException {
        List<String> v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v.size() > 1) {
            throw ApiException.badRequest("parameter '" + name + "' is given " + v.size() + " times; give it once");
        }
        return Optional.of(v.get(0));
    }

    /** A switch: absent is false; present without a value, {@code true}, {@code 1} or {@code on} is true. */
    boolean flag(String name) throws ApiException {
        return optionalFlag(name).orElse(false);
    }

    /** A switch that may be left to the default (absent), or turned on or off ({@code false}, {@code 0}, {@code off}). */
    Optional<Boolean> optionalFlag(String name) throws ApiException {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (v.get().strip().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "on", "yes" -> Optional.of(true);
            case "false", "0", "off", "no" -> Optional.of(false);
            default -> throw ApiException.badRequest("parameter '" + name + "' is a switch: true or false, not '"
                    + v.get() + "'");
        };
    }

    /** A list: repeated, comma-separated, or both ({@code require=label,c2pa}). */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
    }
}
