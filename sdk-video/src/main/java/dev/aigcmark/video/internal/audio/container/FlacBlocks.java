package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata blocks of a FLAC stream (after {@code fLaC}), from their headers alone: type, where the block
 * starts, its payload length. The audio frames start where the last block ends.
 */
public final class FlacBlocks {
    public static final int STREAMINFO = 0;
    public static final int PADDING = 1;
    public static final int APPLICATION = 2;
    public static final int VORBIS_COMMENT = 4;

    /** One block: {@code offset} of its 4-byte header, {@code length} of its payload. */
    public record Block(int type, long offset, int length) {
        public long payloadOffset() {
            return offset + 4;
        }

        public long end() {
            return offset + 4 + length;
        }
    }

    private FlacBlocks() {
    }

    /** The blocks of the stream whose {@code fLaC} marker is at {@code marker}. */
    public static List<Block> read(MediaInput in, long marker, ReadLimits limits) throws IOException {
        byte[] m = in.readFully(marker, 4);
        if (m[0] != 'f' || m[1] != 'L' || m[2] != 'a' || m[3] != 'C') {
            throw new UnreadableInputException("no fLaC marker at " + marker);
        }
        List<Block> out = new ArrayList<>();
        StructureBudget budget = new StructureBudget(limits, "FLAC metadata blocks"); // the limit's code, checkpoints
        long pos = marker + 4;
        boolean last = false;
        while (!last) {
            budget.count();
            if (in.size() - pos < 4) {
                throw new UnreadableInputException("FLAC metadata ends at " + pos + " without a last block");
            }
            byte[] h = in.readFully(pos, 4);
            last = (h[0] & 0x80) != 0;
            int type = h[0] & 0x7F;
            int len = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            if (type == 127 || pos + 4 + len > in.size() || (out.isEmpty() && type != STREAMINFO)) {
                throw new UnreadableInputException("FLAC metadata block at " + pos + " is invalid (type " + type
                        + ", " + len + " bytes)");
            }
            out.add(new Block(type, pos, len));
            pos += 4 + len;
        }
        return out;
    }

    /** A block header and payload; {@code last} sets the last-block flag. */
    public static byte[] block(int type, byte[] payload, boolean last) {
        if (payload.length >= 1 << 24) {
            throw new IllegalArgumentException("a FLAC metadata block holds less than 16 MB");
        }
        byte[] b = new byte[4 + payload.length];
        b[0] = (byte) ((last ? 0x80 : 0) | type);
        b[1] = (byte) (payload.length >>> 16);
        b[2] = (byte) (payload.length >>> 8);
        b[3] = (byte) payload.length;
        System.arraycopy(payload, 0, b, 4, payload.length);
        return b;
    }
}
