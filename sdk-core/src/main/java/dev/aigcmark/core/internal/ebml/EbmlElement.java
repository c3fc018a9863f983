package dev.aigcmark.core.internal.ebml;

/**
 * Where one element lies in a file: its id, the offset of its first id byte, the header length (id and size
 * field) and its data size ({@link Ebml#UNKNOWN_SIZE} for a live stream's unknown-sized element, whose real
 * end the reader found by walking its children).
 *
 * @param end offset just past the element (for an unknown size, where the next sibling starts)
 */
public record EbmlElement(long id, long offset, int headerLength, long dataSize, long end) {

    public long dataOffset() {
        return offset + headerLength;
    }

    public boolean unknownSize() {
        return dataSize == Ebml.UNKNOWN_SIZE;
    }

    public long totalSize() {
        return end - offset;
    }

    @Override
    public String toString() {
        return String.format("0x%X@%d+%d", id, offset, end - offset);
    }
}
