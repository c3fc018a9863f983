package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.io.UnreadableInputException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Vorbis comment list (FLAC's VORBIS_COMMENT block, Ogg Vorbis's and Opus's comment headers): a vendor string
 * and {@code KEY=value} entries, little-endian lengths, keys case-insensitive. Entries are kept as raw bytes so
 * an edit changes only the entries it names.
 */
public final class VorbisComments {
    private final byte[] vendor;
    private final List<byte[]> entries;

    private VorbisComments(byte[] vendor, List<byte[]> entries) {
        this.vendor = vendor;
        this.entries = entries;
    }

    /**
     * Parses a list starting at {@code off}; {@link Parsed#end()} tells where it stopped (Ogg headers carry bytes after
     * it: Vorbis's framing bit, Opus's optional binary data).
     */
    public static Parsed parse(byte[] b, int off, int maxEntries) throws UnreadableInputException {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = off;
        long vendorLen = u32(buf, pos, b.length);
        pos += 4;
        if (vendorLen > b.length - pos) {
            throw new UnreadableInputException("Vorbis comment vendor string runs past its block");
        }
        byte[] vendor = Arrays.copyOfRange(b, pos, pos + (int) vendorLen);
        pos += (int) vendorLen;
        long count = u32(buf, pos, b.length);
        pos += 4;
        if (count > maxEntries || count > (b.length - pos) / 4) {
            throw new UnreadableInputException("Vorbis comment list declares " + count + " entries, more than fit");
        }
        List<byte[]> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long len = u32(buf, pos, b.length);
            pos += 4;
            if (len > b.length - pos) {
                throw new UnreadableInputException("Vorbis comment " + i + " runs past its block");
            }
            entries.add(Arrays.copyOfRange(b, pos, pos + (int) len));
            pos += (int) len;
        }
        return new Parsed(new VorbisComments(vendor, entries), pos);
    }

    /** @param end index just past the list */
    public record Parsed(VorbisComments comments, int end) {
    }

    /** The values of every entry named {@code key} (any case), in order. */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        String prefix = key.toUpperCase(Locale.ROOT) + "=";
        for (byte[] e : entries) {
            String s = new String(e, StandardCharsets.UTF_8);
            if (s.length() >= prefix.length() && s.substring(0, prefix.length()).toUpperCase(Locale.ROOT).equals(prefix)) {
                out.add(s.substring(prefix.length()));
            }
        }
        return out;
    }

    /**
     * The list with every {@code key} entry replaced by one {@code key=value}: in the place of the first old
     * one, else at the end. Every other entry and the vendor string are kept byte for byte.
     */
    public VorbisComments with(String key, String value) {
        String prefix = key.toUpperCase(Locale.ROOT) + "=";
        byte[] entry = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        boolean placed = false;
        for (byte[] e : entries) {
            String s = new String(e, 0, Math.min(e.length, prefix.length()), StandardCharsets.UTF_8);
            if (s.toUpperCase(Locale.ROOT).equals(prefix)) {
                if (!placed) {
                    out.add(entry);
                    placed = true;
                }
            } else {
                out.add(e);
            }
        }
        if (!placed) {
            out.add(entry);
        }
        return new VorbisComments(vendor, out);
    }

    /** A list holding only {@code vendor}. */
    public static VorbisComments empty(String vendor) {
        return new VorbisComments(vendor.getBytes(StandardCharsets.UTF_8), List.of());
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, vendor.length);
        out.writeBytes(vendor);
        le32(out, entries.size());
        for (byte[] e : entries) {
            le32(out, e.length);
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    private static long u32(ByteBuffer b, int pos, int limit) throws UnreadableInputException {
        if (limit - pos < 4) {
            throw new UnreadableInputException("Vorbis comment list is cut short");
        }
        return Integer.toUnsignedLong(b.getInt(pos));
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
