package dev.aigcmark.core.internal.riff;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded walk of RIFF chunks from headers alone (AVI, WAV): {@code RIFF}/{@code LIST} lists are descended (their
 * form type named), other chunks skipped by size, and the {@code movi} list (the frames) is never entered. Shared
 * by the video and audio handlers so RIFF lengths are checked in one place. Chunk counts and list nesting are a
 * {@link StructureBudget} (the limit's code, a deadline checkpoint every 256 chunks).
 */
public final class RiffChunks {

    /**
     * One chunk: its id, list type for RIFF/LIST ({@code null} otherwise), where its header starts, its data size,
     * and its path ({@code RIFF:AVI /LIST:INFO/AIGC}).
     */
    public record Chunk(String id, String listType, long offset, long size, String path) {
        public long dataOffset() {
            return offset + (listType == null ? 8 : 12);
        }

        /** Offset just past the chunk and its pad byte. */
        public long end() {
            return offset + 8 + size + (size & 1);
        }
    }

    private RiffChunks() {
    }

    /** Every chunk of the file (lists and their children), in file order, skipping {@code LIST movi}. */
    public static List<Chunk> walk(MediaInput in, ReadLimits limits) throws IOException {
        List<Chunk> out = new ArrayList<>();
        walk(in, 0, in.size(), "", 0, new StructureBudget(limits, "RIFF chunks"), out);
        return out;
    }

    private static void walk(MediaInput in, long from, long to, String parent, int depth, StructureBudget budget,
                             List<Chunk> out) throws IOException {
        budget.enter(depth);
        long pos = from;
        while (to - pos >= 8) {
            budget.count();
            byte[] h = in.readFully(pos, Math.min(12, (int) (to - pos)));
            String id = new String(h, 0, 4, StandardCharsets.ISO_8859_1);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(h, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (pos + 8 + size > to) {
                throw new UnreadableInputException("RIFF chunk '" + id + "' at " + pos + " declares " + size
                        + " bytes, past the end of its parent");
            }
            boolean list = (id.equals("RIFF") || id.equals("LIST")) && h.length >= 12 && size >= 4;
            String type = list ? new String(h, 8, 4, StandardCharsets.ISO_8859_1) : null;
            Chunk c = new Chunk(id, type, pos, size, parent + "/" + id + (list ? ":" + type : ""));
            out.add(c);
            if (list && !type.equals("movi")) {
                walk(in, c.dataOffset(), pos + 8 + size, c.path(), depth + 1, budget, out);
            }
            pos = c.end();
        }
    }

    /** The text of a small chunk (an INFO string), NULs and surrounding space removed. */
    public static String text(MediaInput in, Chunk c, int max) throws IOException {
        if (c.size() > max) {
            throw new UnreadableInputException("RIFF chunk '" + c.id() + "' at " + c.offset() + " is over " + max + " bytes");
        }
        return new String(in.readFully(c.offset() + 8, (int) c.size()), StandardCharsets.UTF_8).replace("\0", "").strip();
    }

    /** The data of a metadata chunk (a C2PA store, XMP); a chunk over {@code max} bytes cannot be read. */
    public static byte[] data(MediaInput in, Chunk c, int max) throws IOException {
        if (c.size() > max) {
            throw new UnreadableInputException(c.id() + " chunk at " + c.offset() + " has " + c.size()
                    + " bytes, over the metadata limit");
        }
        return in.readFully(c.dataOffset(), (int) c.size());
    }

    /** A chunk with its header and pad byte. */
    public static byte[] chunk(String id, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    /** A {@code JUNK} chunk of {@code total} bytes (at least 8): readers skip it, so nothing after it moves. */
    public static byte[] junk(long total) {
        if (total < 8 || total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a JUNK chunk needs 8 to 2^31 bytes: " + total);
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        return b.put("JUNK".getBytes(StandardCharsets.US_ASCII)).putInt((int) total - 8).array();
    }
}
