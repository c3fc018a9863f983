package dev.aigcmark.core;

import dev.aigcmark.core.label.AigcLabel;

import java.util.List;

/**
 * What marking did.
 *
 * @param format the container format id
 * @param label  the label written (signed)
 * @param steps  one line per step, e.g. {@code "explicit label: drawn bottom-right"}, {@code "c2pa: not supported for gif"}
 */
public record MarkResult(String format, AigcLabel label, List<String> steps) {
    public MarkResult {
        steps = List.copyOf(steps);
    }
}
