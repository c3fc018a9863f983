package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One box held in memory, for the small parts of a file we edit ({@code moov}, {@code moof}, {@code mfra}).
 * Containers keep their children as a tree; other boxes keep their payload as opaque bytes. An unchanged
 * tree serialises to exactly the bytes it was parsed from (a 64-bit size stays 64-bit), so editing one
 * leaf changes nothing else.
 */
public final class Box {
    private static final byte[] NONE = new byte[0];

    private final int type;
    private final byte[] userType;
    private byte[] prefix = NONE;
    private List<Box> children;
    private byte[] payload;
    private byte[] trailer = NONE;
    private boolean largeSize;
    private boolean unparsedContainer;

    private Box(int type, byte[] userType) {
        this.type = type;
        this.userType = userType;
    }

    /** A box with an opaque payload. */
    public static Box leaf(int type, byte[] payload) {
        Box b = new Box(type, null);
        b.payload = Objects.requireNonNull(payload);
        return b;
    }

    /** A container whose payload is {@code prefix} (a FullBox version/flags, or nothing) then child boxes. */
    public static Box container(int type, byte[] prefix, List<Box> children) {
        Box b = new Box(type, null);
        b.prefix = prefix.clone();
        b.children = new ArrayList<>(children);
        return b;
    }

    /** Parses the boxes laid end to end in {@code data[off, off+len)}. */
    public static List<Box> parseAll(byte[] data, int off, int len, int depth, BoxBudget budget)
            throws BmffFormatException {
        return parseAll(data, off, len, depth, budget, 0);
    }

    private static List<Box> parseAll(byte[] data, int off, int len, int depth, BoxBudget budget, int parentType)
            throws BmffFormatException {
        budget.enter(depth);
        List<Box> list = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(data, off, len);
        int end = off + len;
        while (buf.position() < end) {
            int pos = buf.position();
            BoxHeader h = BoxReader.parse(buf, pos, end);
            budget.count();
            list.add(parseOne(data, h, depth, budget, parentType == BoxTypes.ILST));
            buf.position((int) h.end());
        }
        return list;
    }

    /** Parses one box whose header {@code h} has offsets relative to {@code data}. */
    public static Box parseOne(byte[] data, BoxHeader h, int depth, BoxBudget budget) throws BmffFormatException {
        return parseOne(data, h, depth, budget, false);
    }

    /** {@code ilstItem}: the children of {@code ilst} are containers whatever their type (a key index, a 4cc). */
    private static Box parseOne(byte[] data, BoxHeader h, int depth, BoxBudget budget, boolean ilstItem)
            throws BmffFormatException {
        Box b = new Box(h.type(), h.userType());
        b.largeSize = h.headerLength() - (h.userType() == null ? 0 : 16) == 16;
        int p = (int) h.payloadOffset();
        int n = (int) h.payloadSize();
        int prefixLength = ilstItem ? 0 : prefixLength(h.type(), data, p, n);
        if (prefixLength < 0) {
            b.payload = Arrays.copyOfRange(data, p, p + n);
            return b;
        }
        try {
            b.prefix = Arrays.copyOfRange(data, p, p + prefixLength);
            int childEnd = p + n;
            int trailing = trailingZeros(data, p + prefixLength, childEnd);
            b.trailer = new byte[trailing];
            b.children = parseAll(data, p + prefixLength, n - prefixLength - trailing, depth + 1, budget, h.type());
        } catch (BmffFormatException e) {
            if (e.limitExceeded()) {
                throw e;
            }
            // Not a box list after all (vendor data in udta, a damaged trak): keep the bytes untouched.
            b.children = null;
            b.prefix = NONE;
            b.trailer = NONE;
            b.payload = Arrays.copyOfRange(data, p, p + n);
            b.unparsedContainer = true;
        }
        return b;
    }

    /**
     * How many bytes precede the children: 0 for plain containers, 4 for an ISO {@code meta} (a FullBox),
     * 0 for a QuickTime {@code meta} (whose first child header follows at once); -1 when not a container.
     */
    private static int prefixLength(int type, byte[] data, int p, int n) {
        if (BoxTypes.CONTAINERS.contains(type)) {
            return 0;
        }
        if (type == BoxTypes.META) {
            boolean quickTimeStyle = n >= 8 && ByteBuffer.wrap(data, p + 4, 4).getInt() == BoxTypes.HDLR;
            return quickTimeStyle ? 0 : Math.min(4, n);
        }
        return -1;
    }

    /** QuickTime allows a 32-bit zero after the last child of {@code udta}: fewer than 8 zero bytes at the end. */
    private static int trailingZeros(byte[] data, int from, int to) {
        // Walk the child sizes to find what is left after the last whole box.
        int pos = from;
        while (to - pos >= 8) {
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(data, pos, 4).getInt());
            if (size < 8 || size > to - pos) {
                return 0;
            }
            pos += (int) size;
        }
        for (int i = pos; i < to; i++) {
            if (data[i] != 0) {
                return 0;
            }
        }
        return to - pos;
    }

    /** A copy of this box under another type (an ilst item renumbered), sharing nothing mutable with it. */
    public Box retyped(int newType) {
        Box b = new Box(newType, userType);
        b.prefix = prefix;
        b.children = children == null ? null : new ArrayList<>(children);
        b.payload = payload == null ? null : payload.clone();
        b.trailer = trailer;
        b.largeSize = largeSize;
        b.unparsedContainer = unparsedContainer;
        return b;
    }

    public int type() {
        return type;
    }

    public String typeName() {
        return FourCC.toString(type);
    }

    public byte[] userType() {
        return userType == null ? null : userType.clone();
    }

    public boolean isContainer() {
        return children != null;
    }

    /** A container type whose payload did not parse as boxes and is kept as opaque bytes. */
    public boolean isUnparsedContainer() {
        return unparsedContainer;
    }

    /** The children (mutable), or an empty list for a leaf. */
    public List<Box> children() {
        return children == null ? new ArrayList<>() : children;
    }

    public List<Box> children(int childType) {
        return children().stream().filter(c -> c.type == childType).toList();
    }

    public Box child(int childType) {
        for (Box c : children()) {
            if (c.type == childType) {
                return c;
            }
        }
        return null;
    }

    public byte[] prefix() {
        return prefix.clone();
    }

    /** The payload of a leaf (not copied: callers that edit replace it with {@link #setPayload}). */
    public byte[] payload() {
        if (payload == null) {
            throw new IllegalStateException(typeName() + " is a container");
        }
        return payload;
    }

    public void setPayload(byte[] newPayload) {
        if (children != null) {
            throw new IllegalStateException(typeName() + " is a container");
        }
        payload = Objects.requireNonNull(newPayload);
    }

    /** Total size with header, recomputed from the content. */
    public long size() {
        long body = payload != null ? payload.length : prefix.length + trailer.length
                + children.stream().mapToLong(Box::size).sum();
        int header = 8 + (userType != null ? 16 : 0);
        boolean large = largeSize || body + header > 0xFFFFFFFFL;
        return body + header + (large ? 8 : 0);
    }

    public byte[] toBytes() {
        long size = size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(typeName() + " box of " + size + " bytes is too large to hold in memory");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        write(buf);
        return buf.array();
    }

    void write(ByteBuffer buf) {
        long size = size();
        boolean large = largeSize || size > 0xFFFFFFFFL;
        if (large) {
            buf.putInt(1).putInt(type).putLong(size);
        } else {
            buf.putInt((int) size).putInt(type);
        }
        if (userType != null) {
            buf.put(userType);
        }
        if (payload != null) {
            buf.put(payload);
            return;
        }
        buf.put(prefix);
        for (Box c : children) {
            c.write(buf);
        }
        buf.put(trailer);
    }

    @Override
    public String toString() {
        return typeName() + (children != null ? children.toString() : "(" + payload.length + ")");
    }
}
