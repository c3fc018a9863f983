package dev.aigcmark.video.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded walk of RIFF chunks from headers alone (AVI): {@code RIFF}/{@code LIST} lists are descended (their
 * form type named), other chunks skipped by size, and the {@code movi} list (the frames) is never entered.
 */
final class RiffChunks {

    /**
     * One chunk: its id, list type for RIFF/LIST ({@code null} otherwise), where its header starts, its data size,
     * and its path ({@code RIFF:AVI /LIST:INFO/AIGC}).
     */
    record Chunk(String id, String listType, long offset, long size, String path) {
        long dataOffset() {
            return offset + (listType == null ? 8 : 12);
        }

        /** Offset just past the chunk and its pad byte. */
        long end() {
            return offset + 8 + size + (size & 1);
        }
    }

    private RiffChunks() {
    }

    /** Every chunk of the file (lists and their children), in file order, skipping {@code LIST movi}. */
    static List<Chunk> walk(MediaInput in, ReadLimits limits) throws IOException {
        List<Chunk> out = new ArrayList<>();
        walk(in, 0, in.size(), "", 0, limits, out);
        return out;
    }

    private static void walk(MediaInput in, long from, long to, String parent, int depth, ReadLimits limits,
                             List<Chunk> out) throws IOException {
        if (depth > limits.maxBoxDepth()) {
            throw new UnreadableInputException("RIFF lists nested deeper than " + limits.maxBoxDepth());
        }
        long pos = from;
        while (to - pos >= 8) {
            if (out.size() >= limits.maxBoxCount()) {
                throw new UnreadableInputException("more than " + limits.maxBoxCount() + " RIFF chunks");
            }
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
                walk(in, c.dataOffset(), pos + 8 + size, c.path(), depth + 1, limits, out);
            }
            pos = c.end();
        }
    }

    /** The text of a small chunk (an INFO string), NULs and surrounding space removed. */
    static String text(MediaInput in, Chunk c, int max) throws IOException {
        if (c.size() > max) {
            throw new UnreadableInputException("RIFF chunk '" + c.id() + "' at " + c.offset() + " is over " + max + " bytes");
        }
        return new String(in.readFully(c.offset() + 8, (int) c.size()), StandardCharsets.UTF_8).replace("\0", "").strip();
    }
}
