package dev.aigcmark.core.spi;

/** The text content of a document as a reader would copy it (for text marks and explicit labels). */
public interface TextView {
    String text();
}
