package dev.aigcmark.core.internal.bmff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The QuickTime "metadata keys" form of a {@code meta} box ({@code hdlr} {@code mdta}): a {@code keys} table
 * of (namespace, name) and an {@code ilst} whose items are typed by the 1-based key index and hold
 * {@code data} boxes. This is what {@code ffmpeg -movflags use_metadata_tags} writes and what
 * {@code ffprobe} shows as format tags. Editing keeps every other key, value and child box.
 */
public final class MdtaMetadata {
    /** Well-known data type 1: UTF-8 text without terminator. */
    public static final int TYPE_UTF8 = 1;
    public static final int TYPE_UTF16 = 2;

    /** One key with its ilst item (null when the ilst has none for it). */
    private record Entry(int namespace, byte[] name, Box item) {
        boolean is(String key) {
            return namespace == BoxTypes.MDTA && Arrays.equals(name, key.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Box meta;
    private final List<Entry> entries = new ArrayList<>();

    private MdtaMetadata(Box meta) {
        this.meta = meta;
    }

    /** The handler type of a {@code meta} box ({@code mdta}, {@code mdir}...), or 0 when it has no readable hdlr. */
    public static int handlerType(Box meta) {
        Box hdlr = meta.child(BoxTypes.HDLR);
        if (hdlr == null || hdlr.isContainer() || hdlr.payload().length < 12) {
            return 0;
        }
        return ByteBuffer.wrap(hdlr.payload()).getInt(8);
    }

    /** A new, empty ISO {@code meta} (FullBox v0) with an {@code mdta} handler, a {@code keys} and an {@code ilst}. */
    public static Box newMeta() {
        byte[] hdlr = new byte[4 + 4 + 4 + 12 + 1];
        ByteBuffer.wrap(hdlr).putInt(8, BoxTypes.MDTA);
        List<Box> children = new ArrayList<>();
        children.add(Box.leaf(BoxTypes.HDLR, hdlr));
        children.add(Box.leaf(BoxTypes.KEYS, new byte[8]));
        children.add(Box.container(BoxTypes.ILST, new byte[0], List.of()));
        return Box.container(BoxTypes.META, new byte[4], children);
    }

    /** Reads the keys and items of an {@code mdta} meta box. */
    public static MdtaMetadata of(Box meta) throws BmffFormatException {
        if (handlerType(meta) != BoxTypes.MDTA) {
            throw new IllegalArgumentException("not an mdta meta box");
        }
        MdtaMetadata m = new MdtaMetadata(meta);
        Box keys = meta.child(BoxTypes.KEYS);
        Box ilst = meta.child(BoxTypes.ILST);
        List<byte[]> names = new ArrayList<>();
        List<Integer> spaces = new ArrayList<>();
        if (keys != null) {
            readKeys(keys.payload(), spaces, names);
        }
        Box[] items = new Box[names.size()];
        if (ilst != null && ilst.isContainer()) {
            for (Box item : ilst.children()) {
                long index = Integer.toUnsignedLong(item.type());
                if (index >= 1 && index <= items.length && items[(int) index - 1] == null) {
                    items[(int) index - 1] = item;
                }
            }
        }
        for (int i = 0; i < names.size(); i++) {
            m.entries.add(new Entry(spaces.get(i), names.get(i), items[i]));
        }
        return m;
    }

    private static void readKeys(byte[] p, List<Integer> spaces, List<byte[]> names) throws BmffFormatException {
        if (p.length < 8) {
            throw new BmffFormatException("keys box is shorter than its header");
        }
        ByteBuffer buf = ByteBuffer.wrap(p);
        long count = Integer.toUnsignedLong(buf.getInt(4));
        int pos = 8;
        for (long i = 0; i < count; i++) {
            if (p.length - pos < 8) {
                throw new BmffFormatException("keys box declares " + count + " keys but ends after " + i);
            }
            long size = Integer.toUnsignedLong(buf.getInt(pos));
            if (size < 8 || size > p.length - pos) {
                throw new BmffFormatException("key " + (i + 1) + " has an impossible size " + size);
            }
            spaces.add(buf.getInt(pos + 4));
            names.add(Arrays.copyOfRange(p, pos + 8, pos + (int) size));
            pos += (int) size;
        }
    }

    /** The name of key {@code index} (1-based, as an ilst item's type says), or null when there is no such key. */
    public String keyName(long index) {
        return index >= 1 && index <= entries.size()
                ? new String(entries.get((int) index - 1).name, StandardCharsets.UTF_8) : null;
    }

    /** The UTF-8 text values stored for {@code key} in the {@code mdta} namespace, in file order. */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.is(key) && e.item != null) {
                out.addAll(textValues(e.item));
            }
        }
        return out;
    }

    /** The text of every UTF-8 (type 1), UTF-16 (type 2, as QuickTime exports may write) or untyped {@code data} box in an ilst item. */
    public static List<String> textValues(Box item) {
        List<String> out = new ArrayList<>();
        for (Box data : item.children(BoxTypes.DATA)) {
            if (data.isContainer() || data.payload().length < 8) {
                continue;
            }
            byte[] p = data.payload();
            int wellKnown = ByteBuffer.wrap(p).getInt(0) & 0xFFFFFF;
            if (wellKnown == TYPE_UTF8 || wellKnown == 0) {
                out.add(new String(p, 8, p.length - 8, StandardCharsets.UTF_8));
            } else if (wellKnown == TYPE_UTF16) {
                out.add(new String(p, 8, p.length - 8, StandardCharsets.UTF_16BE));
            }
        }
        return out;
    }

    /**
     * Sets {@code key} to one UTF-8 value: the first entry with that key keeps its position and gets the new
     * value as its only data box; further entries with that key are removed (exactly one value remains);
     * without an entry a new key is appended.
     */
    public void put(String key, String value) {
        Box item = Box.container(0, new byte[0], List.of(dataBox(value)));
        boolean placed = false;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!e.is(key)) {
                continue;
            }
            if (!placed) {
                entries.set(i, new Entry(e.namespace, e.name, item));
                placed = true;
            } else {
                entries.remove(i--);
            }
        }
        if (!placed) {
            entries.add(new Entry(BoxTypes.MDTA, key.getBytes(StandardCharsets.UTF_8), item));
        }
    }

    /** Removes every entry for {@code key}; returns how many there were. */
    public int remove(String key) {
        int before = entries.size();
        entries.removeIf(e -> e.is(key));
        return before - entries.size();
    }

    /**
     * Writes the keys and items back into the meta box, numbering items by their key's new position. Items
     * of the ilst that no key points to are dropped: no reader can name them.
     */
    public Box toMeta() {
        int keysSize = 8 + entries.stream().mapToInt(e -> 8 + e.name.length).sum();
        ByteBuffer keys = ByteBuffer.allocate(keysSize);
        Box oldKeys = meta.child(BoxTypes.KEYS);
        keys.putInt(oldKeys != null && oldKeys.payload().length >= 4 ? ByteBuffer.wrap(oldKeys.payload()).getInt(0) : 0);
        keys.putInt(entries.size());
        List<Box> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            keys.putInt(8 + e.name.length).putInt(e.namespace).put(e.name);
            if (e.item != null) {
                items.add(e.item.retyped(i + 1));
            }
        }
        List<Box> children = meta.children();
        replaceOrAdd(children, Box.leaf(BoxTypes.KEYS, keys.array()));
        replaceOrAdd(children, Box.container(BoxTypes.ILST, new byte[0], items));
        return meta;
    }

    private static void replaceOrAdd(List<Box> children, Box box) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).type() == box.type()) {
                children.set(i, box);
                return;
            }
        }
        children.add(box);
    }

    /** A {@code data} box holding UTF-8 text (type 1, default locale). */
    public static Box dataBox(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer p = ByteBuffer.allocate(8 + text.length);
        p.putInt(TYPE_UTF8).putInt(0).put(text);
        return Box.leaf(BoxTypes.DATA, p.array());
    }
}
