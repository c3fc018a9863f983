package dev.aigcmark.core.label;

import dev.aigcmark.core.report.StatusCode;

/**
 * One way a label fails GB 45438 Annex E: a code from {@link dev.aigcmark.core.report.StatusCodes} (for example
 * {@code gb45438.value.charset}; its kind says whether the label is still usable) and a message naming the
 * field and what is wrong.
 */
public record LabelProblem(StatusCode code, String field, String message) {
}
