package dev.aigcmark.core;

import dev.aigcmark.core.label.AigcLabel;

import java.util.List;

/**
 * What marking did.
 *
 * @param format the container format id
 * @param label  the label written (signed)
 * @param steps  what was done and what was not supported, in order (see {@link MarkStep#sentence()} for the wording)
 */
public record MarkResult(String format, AigcLabel label, List<MarkStep> steps) {
    public MarkResult {
        steps = List.copyOf(steps);
    }

    /** The steps as people read them, one sentence each. */
    public List<String> sentences() {
        return steps.stream().map(MarkStep::sentence).toList();
    }
}
