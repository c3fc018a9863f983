/**
 * The kinds of mark a report can hold: the implicit label, the explicit label, an invisible watermark, a C2PA
 * manifest and an IPTC digital source type ({@link dev.aigcmark.core.mark.Mark} and its implementations).
 */
package dev.aigcmark.core.mark;
