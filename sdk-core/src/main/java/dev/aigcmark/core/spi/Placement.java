package dev.aigcmark.core.spi;

/**
 * Whether a carrier is where GB 45438 Annex E and the TC260 practice guides put the label for its format, so a
 * platform can tell a conforming producer from a tolerated one. Labels are read from both; only the standard
 * places are written.
 */
public enum Placement {
    /** The carrier the standard or the TC260 guide names for this format (XMP {@code TC260:AIGC}, MP4 mdta key...). */
    STANDARD,
    /** A place real producers use that the standard does not name (EXIF fields, a bare APP segment, keyless ilst items). */
    NONSTANDARD
}
