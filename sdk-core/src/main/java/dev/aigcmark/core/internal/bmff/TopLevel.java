package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.util.List;

/** The top-level boxes of a file, and loading one of them into memory within the limits. */
public final class TopLevel {
    private final MediaInput input;
    private final ReadLimits limits;
    private final List<BoxHeader> boxes;

    private TopLevel(MediaInput input, ReadLimits limits, List<BoxHeader> boxes) {
        this.input = input;
        this.limits = limits;
        this.boxes = boxes;
    }

    /** Walks the top-level headers; a box running past the end of the file is an error. */
    public static TopLevel read(MediaInput input, ReadLimits limits) throws IOException {
        return new TopLevel(input, limits,
                List.copyOf(BoxReader.children(input, 0, input.size(), 0, new BoxBudget(limits))));
    }

    public List<BoxHeader> boxes() {
        return boxes;
    }

    public MediaInput input() {
        return input;
    }

    /** The only box of {@code type}, null if none; more than one is an error (two moov boxes are ambiguous). */
    public BoxHeader single(int type) throws BmffFormatException {
        BoxHeader found = null;
        for (BoxHeader h : boxes) {
            if (h.type() == type) {
                if (found != null) {
                    throw new BmffFormatException("two top-level " + FourCC.toString(type) + " boxes, at "
                            + found.offset() + " and " + h.offset());
                }
                found = h;
            }
        }
        return found;
    }

    /** Loads and parses one box (moov, moof, mfra) if it fits in {@code maxBytes}. */
    public Box load(BoxHeader h, long maxBytes) throws IOException {
        return loadBox(input, limits, h, maxBytes);
    }

    /** Loads and parses the box {@code h} of {@code input} if it fits in {@code maxBytes}. */
    public static Box loadBox(MediaInput input, ReadLimits limits, BoxHeader h, long maxBytes) throws IOException {
        return parse(limits, h, bytesOf(input, h, maxBytes));
    }

    /** The bytes of one box, header included, if it fits in {@code maxBytes} (to parse with {@link #parse}). */
    public byte[] bytes(BoxHeader h, long maxBytes) throws IOException {
        return bytesOf(input, h, maxBytes);
    }

    /** The box {@code h} parsed from its {@link #bytes}, which stay as they are. */
    public Box parse(BoxHeader h, byte[] bytes) throws BmffFormatException {
        return parse(limits, h, bytes);
    }

    private static byte[] bytesOf(MediaInput input, BoxHeader h, long maxBytes) throws IOException {
        long cap = Math.min(maxBytes, Integer.MAX_VALUE - 64);
        if (h.size() > cap) {
            throw new BmffFormatException(h.typeName() + " box of " + h.size() + " bytes is over the in-memory limit of "
                    + cap);
        }
        return input.readFully(h.offset(), (int) h.size());
    }

    private static Box parse(ReadLimits limits, BoxHeader h, byte[] bytes) throws BmffFormatException {
        BoxHeader local = new BoxHeader(h.type(), 0, h.headerLength(), h.size(), h.userType());
        return Box.parseOne(bytes, local, 0, new BoxBudget(limits));
    }

    public ReadLimits limits() {
        return limits;
    }
}
