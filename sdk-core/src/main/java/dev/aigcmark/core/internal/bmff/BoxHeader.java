package dev.aigcmark.core.internal.bmff;

import java.util.Arrays;

/**
 * Where one box lies in a file: its type, the offset of its first header byte, the header length (8, 16 with
 * a 64-bit size, plus 16 for a {@code uuid} box's user type) and its total size including the header.
 *
 * @param userType the 16-byte extended type of a {@code uuid} box, or null
 */
public record BoxHeader(int type, long offset, int headerLength, long size, byte[] userType) {

    public long payloadOffset() {
        return offset + headerLength;
    }

    public long payloadSize() {
        return size - headerLength;
    }

    public long end() {
        return offset + size;
    }

    public String typeName() {
        return FourCC.toString(type);
    }

    public boolean isUuid(byte[] uuid) {
        return type == BoxTypes.UUID && Arrays.equals(userType, uuid);
    }

    @Override
    public String toString() {
        return typeName() + "@" + offset + "+" + size;
    }
}
