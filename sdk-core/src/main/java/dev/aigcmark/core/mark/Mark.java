package dev.aigcmark.core.mark;

import java.util.Map;

/**
 * A mark found in (or written to) content. The set is closed so every consumer handles every kind; the
 * scheme-specific detail sits in {@link #describe()}, which is what reports print.
 */
public sealed interface Mark permits ImplicitLabel, C2paManifest, IptcSourceType, Watermark, ExplicitLabel {

    /** The kind's stable name in reports: {@code implicitLabel}, {@code c2pa}, {@code iptc}, {@code watermark}, {@code explicitLabel}. */
    String kind();

    /** Where it was found, for people: e.g. {@code XMP in APP1 at 20}, {@code moov/udta/meta/ilst}. */
    String carrier();

    /** The mark's content as ordered key/values (strings, numbers, booleans, lists and maps of them). */
    Map<String, Object> describe();
}
