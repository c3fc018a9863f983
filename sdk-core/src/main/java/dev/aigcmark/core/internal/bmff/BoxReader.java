package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads box headers straight from the input, never payloads: walking a multi-gigabyte file costs a few
 * small reads per top-level box. Every size is checked against the end of its parent before it is trusted.
 */
public final class BoxReader {
    private BoxReader() {
    }

    /** The boxes laid end to end in {@code [start, end)}; a box that runs past {@code end} is an error. */
    public static List<BoxHeader> children(MediaInput in, long start, long end, int depth, BoxBudget budget)
            throws IOException {
        budget.enter(depth);
        List<BoxHeader> boxes = new ArrayList<>();
        long pos = start;
        while (pos < end) {
            BoxHeader h = header(in, pos, end);
            budget.count();
            boxes.add(h);
            pos = h.end();
        }
        return boxes;
    }

    /** The header of the box at {@code pos}, whose parent ends at {@code end}. */
    public static BoxHeader header(MediaInput in, long pos, long end) throws IOException {
        long remaining = end - pos;
        if (remaining < 8) {
            throw new BmffFormatException(remaining + " stray bytes at offset " + pos + " where a box header should be");
        }
        byte[] head = new byte[(int) Math.min(32, remaining)];
        int n = in.read(pos, head, 0, head.length);
        if (n < 8) {
            throw new BmffFormatException("box header at offset " + pos + " is cut short");
        }
        return parse(ByteBuffer.wrap(head, 0, n), pos, end);
    }

    /**
     * Parses a header from {@code buf} (positioned at the box start, holding at least its header bytes) for a
     * box at file offset {@code pos} whose parent ends at {@code end}.
     */
    static BoxHeader parse(ByteBuffer buf, long pos, long end) throws BmffFormatException {
        int start = buf.position();
        if (buf.remaining() < 8) {
            throw new BmffFormatException(buf.remaining() + " stray bytes at offset " + pos
                    + " where a box header should be");
        }
        long size = Integer.toUnsignedLong(buf.getInt());
        int type = buf.getInt();
        int headerLength = 8;
        if (size == 1) {
            if (buf.remaining() < 8) {
                throw new BmffFormatException(FourCC.toString(type) + " box at " + pos + ": 64-bit size cut short");
            }
            size = buf.getLong();
            headerLength = 16;
            if (size < 0) {
                throw new BmffFormatException(FourCC.toString(type) + " box at " + pos + " declares a size over 2^63");
            }
        } else if (size == 0) {
            size = end - pos; // "extends to the end of the file": only meaningful at the top level
        }
        byte[] userType = null;
        if (type == BoxTypes.UUID) {
            if (buf.remaining() < 16) {
                throw new BmffFormatException("uuid box at " + pos + ": user type cut short");
            }
            userType = new byte[16];
            buf.get(userType);
            headerLength += 16;
        }
        if (size < headerLength) {
            throw new BmffFormatException(FourCC.toString(type) + " box at " + pos + " declares size " + size
                    + ", smaller than its own header");
        }
        if (size > end - pos) {
            throw new BmffFormatException(FourCC.toString(type) + " box at " + pos + " declares size " + size
                    + " but only " + (end - pos) + " bytes remain in its parent");
        }
        buf.position(start + headerLength);
        return new BoxHeader(type, pos, headerLength, size, userType);
    }
}
