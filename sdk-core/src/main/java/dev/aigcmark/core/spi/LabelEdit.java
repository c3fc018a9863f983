package dev.aigcmark.core.spi;

import dev.aigcmark.core.label.AigcLabel;

import java.util.Objects;

/**
 * The metadata to write: the (already signed) label, and the IPTC digital source type URI to write beside it
 * in XMP (null to leave it alone).
 */
public record LabelEdit(AigcLabel label, String digitalSourceType) {
    public LabelEdit {
        Objects.requireNonNull(label, "label");
    }
}
