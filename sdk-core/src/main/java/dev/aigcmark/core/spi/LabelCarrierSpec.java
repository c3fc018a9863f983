package dev.aigcmark.core.spi;

import java.util.Objects;

/**
 * One place a handler reads the GB 45438 label from (for {@code aigc formats} and the docs).
 *
 * @param where     the carrier, for people: {@code XMP TC260:AIGC in APP1}, {@code Segment/Tags/Tag/SimpleTag AIGC}
 * @param placement whether the standard names it for this format
 * @param written   whether the handler writes (or updates) the label there
 */
public record LabelCarrierSpec(String where, Placement placement, boolean written) {
    public LabelCarrierSpec {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(placement, "placement");
    }

    public static LabelCarrierSpec standard(String where) {
        return new LabelCarrierSpec(where, Placement.STANDARD, true);
    }

    /** A non-standard place that is read, and updated in place (never created) so the file keeps one label. */
    public static LabelCarrierSpec tolerated(String where) {
        return new LabelCarrierSpec(where, Placement.NONSTANDARD, true);
    }

    /** A non-standard place that is only read. */
    public static LabelCarrierSpec readOnly(String where, Placement placement) {
        return new LabelCarrierSpec(where, placement, false);
    }
}
