package dev.aigcmark.spark;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-file columns a mark or propagate job reads from its input: {@code file} and {@code size}, then whichever of
 * the optional ones the caller's dataset has, in this order, and where each landed in the narrowed row.
 * <ul>
 *   <li>{@value #DECLARED_AI} (boolean): the uploader's declaration, for propagation (Measures Art. 6);</li>
 *   <li>the content id (string): {@value #PRODUCE_ID} when marking, {@value #PROPAGATE_ID} when propagating — the
 *       platform's own id for that upload, written into the label (and linked by the watermark's payload) instead of
 *       a generated one, as {@code aigc mark --produce-id} does for one file. Null in a row: generated.</li>
 * </ul>
 *
 * @param names      the columns to select, in order
 * @param declaredAi position of {@value #DECLARED_AI} in the narrowed row, or -1 when the input has none
 * @param contentId  position of the content id in the narrowed row, or -1 when the input has none
 */
record InputColumns(List<String> names, int declaredAi, int contentId) implements Serializable {
    static final String DECLARED_AI = "declaredAi";
    static final String PRODUCE_ID = "produceId";
    static final String PROPAGATE_ID = "propagateId";

    InputColumns {
        names = List.copyOf(names);
    }

    /** The columns to read from a dataset with the columns {@code present}, for a job of {@code mode}. */
    static InputColumns of(List<String> present, MarkSettings.Mode mode) {
        List<String> names = new ArrayList<>(List.of("file", "size"));
        int declared = optional(present, names, DECLARED_AI);
        int id = optional(present, names, mode == MarkSettings.Mode.MARK ? PRODUCE_ID : PROPAGATE_ID);
        return new InputColumns(names, declared, id);
    }

    private static int optional(List<String> present, List<String> names, String column) {
        if (!present.contains(column)) {
            return -1;
        }
        names.add(column);
        return names.size() - 1;
    }

    /** The row's declaration, or null when the input has no such column or the row leaves it empty. */
    Boolean declaredAi(Row row) {
        return declaredAi >= 0 && !row.isNullAt(declaredAi) ? row.getBoolean(declaredAi) : null;
    }

    /** The row's content id as given (not yet validated), or null when there is none. */
    String contentId(Row row) {
        return contentId >= 0 && !row.isNullAt(contentId) ? row.getString(contentId) : null;
    }
}
