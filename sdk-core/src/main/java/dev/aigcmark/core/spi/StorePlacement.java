package dev.aigcmark.core.spi;

/**
 * Where a written C2PA store container sits in the output file.
 *
 * @param offset byte offset of the first byte of the container (marker, box or chunk header)
 * @param length byte length of the whole container, every segment header and CRC included
 */
public record StorePlacement(long offset, long length) {
    public StorePlacement {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("placement must not be negative: " + offset + "+" + length);
        }
    }
}
