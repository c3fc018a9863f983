package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ID3v2.3/2.4 tag at the start of an MP3 (or, as the C2PA reference writes it, of a FLAC file): its frames as
 * raw bytes, read within the tag's declared size and the metadata limit. Frames we do not edit are written back
 * byte for byte; a tag-level unsynchronisation (v2.3) is undone on reading and not applied on writing (it is
 * optional). ID3v2.2 (three-letter frames) is recognised for its size only, so the audio after it is found.
 */
public final class Id3Tag {
    private static final int HEADER = 10;

    /**
     * One frame: its id, its two flag bytes, its payload, and where the payload sits in the file ({@code -1}
     * when the tag was unsynchronised, so file offsets do not map to payload bytes).
     */
    public record Frame(String id, int flags, byte[] data, long dataOffset) {
    }

    private final int major;
    private final long totalSize;
    private final List<Frame> frames;

    private Id3Tag(int major, long totalSize, List<Frame> frames) {
        this.major = major;
        this.totalSize = totalSize;
        this.frames = List.copyOf(frames);
    }

    /** 2, 3 or 4. */
    public int major() {
        return major;
    }

    /** Bytes the tag occupies from its start (header, frames, padding, footer). */
    public long totalSize() {
        return totalSize;
    }

    public List<Frame> frames() {
        return frames;
    }

    /** Whether an ID3v2 tag starts at {@code b[off]}. */
    public static boolean startsAt(byte[] b, int off, int length) {
        return length - off >= HEADER && b[off] == 'I' && b[off + 1] == 'D' && b[off + 2] == '3'
                && (b[off + 3] & 0xFF) >= 2 && (b[off + 3] & 0xFF) <= 4 && (b[off + 4] & 0xFF) != 0xFF
                && ((b[off + 6] | b[off + 7] | b[off + 8] | b[off + 9]) & 0x80) == 0;
    }

    /** The whole size of a tag whose header is at {@code b[off]} (valid when {@link #startsAt} holds). */
    public static long sizeAt(byte[] b, int off) {
        long body = synchsafe(b, off + 6);
        boolean footer = (b[off + 3] & 0xFF) == 4 && (b[off + 5] & 0x10) != 0;
        return HEADER + body + (footer ? HEADER : 0);
    }

    /** The tag at {@code position}, or null when none starts there. */
    public static Id3Tag read(MediaInput in, long position, ReadLimits limits) throws IOException {
        if (in.size() - position < HEADER) {
            return null;
        }
        byte[] h = in.readFully(position, HEADER);
        if (!startsAt(h, 0, HEADER)) {
            return null;
        }
        long total = sizeAt(h, 0);
        if (position + total > in.size()) {
            throw new UnreadableInputException("ID3v2 tag at " + position + " declares " + total
                    + " bytes, past the end of the file");
        }
        int major = h[3];
        if (major == 2) {
            return new Id3Tag(2, total, List.of());
        }
        long body = synchsafe(h, 6);
        if (body > limits.maxMetadataBytes()) {
            throw new UnreadableInputException("ID3v2 tag of " + body + " bytes is over the metadata limit");
        }
        byte[] b = in.readFully(position + HEADER, (int) body);
        boolean unsync = (h[5] & 0x80) != 0 && major == 3;
        if (unsync) {
            b = resync(b);
        }
        int pos = 0;
        if ((h[5] & 0x40) != 0 && b.length >= 4) { // extended header: skipped (its CRC would not survive an edit)
            long ext = major == 4 ? synchsafe(b, 0) : u32(b, 0) + 4;
            pos = (int) Math.min(b.length, Math.max(4, ext));
        }
        List<Frame> frames = new ArrayList<>();
        StructureBudget budget = new StructureBudget(limits, "ID3v2 frames"); // the limit's code, checkpoints
        while (b.length - pos >= HEADER && b[pos] != 0) {
            budget.count();
            String id = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long size = major == 4 ? synchsafe(b, pos + 4) : u32(b, pos + 4);
            if (!id.matches("[A-Z0-9]{4}") || size > b.length - pos - HEADER) {
                break; // garbage after the last frame is padding to readers; we stop as they do
            }
            int flags = ((b[pos + 8] & 0xFF) << 8) | (b[pos + 9] & 0xFF);
            byte[] data = Arrays.copyOfRange(b, pos + HEADER, pos + HEADER + (int) size);
            frames.add(new Frame(id, flags, data, unsync ? -1 : position + HEADER + pos + HEADER));
            pos += HEADER + (int) size;
        }
        return new Id3Tag(major, total, frames);
    }

    /**
     * A complete tag of version {@code major} (3 or 4) holding {@code frames} and {@code padding} zero bytes.
     * The result of a build does not depend on anything but its arguments, so the same frames give the same bytes.
     */
    public static byte[] build(int major, List<Frame> frames, int padding) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Frame f : frames) {
            body.writeBytes(f.id().getBytes(StandardCharsets.ISO_8859_1));
            int n = f.data().length;
            body.writeBytes(major == 4 ? synchsafeBytes(n) : new byte[]{(byte) (n >>> 24), (byte) (n >>> 16),
                    (byte) (n >>> 8), (byte) n});
            body.write(f.flags() >>> 8);
            body.write(f.flags());
            body.writeBytes(f.data());
        }
        body.writeBytes(new byte[padding]);
        int size = body.size();
        if (size >= 1 << 28) {
            throw new IllegalArgumentException("an ID3v2 tag holds at most 256 MB");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + size);
        out.writeBytes(new byte[]{'I', 'D', '3', (byte) major, 0, 0});
        out.writeBytes(synchsafeBytes(size));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** Where frame {@code index}'s payload starts in a tag {@link #build} makes from the same frames. */
    public static int payloadOffset(List<Frame> frames, int index) {
        int pos = HEADER;
        for (int i = 0; i < index; i++) {
            pos += HEADER + frames.get(i).data().length;
        }
        return pos + HEADER;
    }

    // --- TXXX, PRIV, GEOB: the three frames the label, XMP and C2PA live in -------------------------------------

    /** A {@code TXXX} user text frame (ISO-8859-1 in v2.3, UTF-8 in v2.4: the label is ASCII either way). */
    public static Frame txxx(int major, String description, String value) {
        Charset cs = major == 4 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(major == 4 ? 3 : 0);
        b.writeBytes(description.getBytes(cs));
        b.write(0);
        b.writeBytes(value.getBytes(cs));
        return new Frame("TXXX", 0, b.toByteArray(), -1);
    }

    /** A {@code TXXX} frame's description and value, or null when it is not well formed. */
    public static String[] txxxText(Frame f) {
        byte[] d = f.data();
        if (d.length < 1) {
            return null;
        }
        int enc = d[0];
        int end = terminator(d, 1, enc);
        if (end < 0) {
            return null;
        }
        int valueStart = end + (enc == 1 || enc == 2 ? 2 : 1);
        int valueEnd = terminator(d, valueStart, enc);
        return new String[]{decode(d, 1, end, enc), decode(d, valueStart, valueEnd < 0 ? d.length : valueEnd, enc)};
    }

    /** A {@code PRIV} frame: owner identifier (ISO-8859-1), NUL, private bytes. */
    public static Frame priv(String owner, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(owner.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.writeBytes(data);
        return new Frame("PRIV", 0, b.toByteArray(), -1);
    }

    /** A {@code PRIV} frame's owner, or null. */
    public static String privOwner(Frame f) {
        int end = terminator(f.data(), 0, 0);
        return end < 0 ? null : new String(f.data(), 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Where a {@code PRIV} frame's private bytes start within its payload. */
    public static int privDataStart(Frame f) {
        return terminator(f.data(), 0, 0) + 1;
    }

    /** A {@code GEOB} frame (ISO-8859-1 strings): MIME type, file name, description, then the object. */
    public static Frame geob(String mime, String fileName, String description, byte[] object) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        for (String s : new String[]{mime, fileName, description}) {
            b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            b.write(0);
        }
        b.writeBytes(object);
        return new Frame("GEOB", 0, b.toByteArray(), -1);
    }

    /** A {@code GEOB} frame's MIME type and where its object starts in the payload, or null when malformed. */
    public static GeobHeader geobHeader(Frame f) {
        byte[] d = f.data();
        if (d.length < 1) {
            return null;
        }
        int enc = d[0];
        int mimeEnd = terminator(d, 1, 0);
        if (mimeEnd < 0) {
            return null;
        }
        int step = enc == 1 || enc == 2 ? 2 : 1;
        int nameEnd = terminator(d, mimeEnd + 1, enc);
        int descEnd = nameEnd < 0 ? -1 : terminator(d, nameEnd + step, enc);
        if (descEnd < 0) {
            return null;
        }
        return new GeobHeader(new String(d, 1, mimeEnd - 1, StandardCharsets.ISO_8859_1), descEnd + step);
    }

    /** @param objectStart index of the object's first byte within the frame payload */
    public record GeobHeader(String mime, int objectStart) {
    }

    private static int terminator(byte[] d, int from, int enc) {
        if (enc == 1 || enc == 2) {
            for (int i = from; i + 1 < d.length; i += 2) {
                if (d[i] == 0 && d[i + 1] == 0) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = from; i < d.length; i++) {
            if (d[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] d, int from, int to, int enc) {
        Charset cs = switch (enc) {
            case 1 -> StandardCharsets.UTF_16;
            case 2 -> StandardCharsets.UTF_16BE;
            case 3 -> StandardCharsets.UTF_8;
            default -> StandardCharsets.ISO_8859_1;
        };
        return new String(d, from, Math.max(0, to - from), cs);
    }

    private static byte[] resync(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            out.write(b[i]);
            if ((b[i] & 0xFF) == 0xFF && i + 1 < b.length && b[i + 1] == 0) {
                i++;
            }
        }
        return out.toByteArray();
    }

    private static long synchsafe(byte[] b, int off) {
        return ((b[off] & 0x7FL) << 21) | ((b[off + 1] & 0x7FL) << 14) | ((b[off + 2] & 0x7FL) << 7) | (b[off + 3] & 0x7FL);
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    private static byte[] synchsafeBytes(int n) {
        return new byte[]{(byte) ((n >>> 21) & 0x7F), (byte) ((n >>> 14) & 0x7F), (byte) ((n >>> 7) & 0x7F), (byte) (n & 0x7F)};
    }
}
