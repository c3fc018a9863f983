package dev.aigcmark.cli;

import dev.aigcmark.core.spi.FormatHandler;

/** What a handler can write, for {@code aigc formats} and for choosing demo samples. */
final class Capabilities {
    private Capabilities() {
    }

    static boolean writesC2pa(FormatHandler h) {
        // TODO(merge): the C2PA embedding SPI interface once it lands in core.
        return false;
    }
}
