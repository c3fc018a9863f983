package dev.aigcmark.image.internal.container;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an edited file as ranges of the original plus inserted pieces, counting output bytes so the
 * caller knows where an insertion landed (C2PA exclusions). Copied ranges are the original bytes verbatim.
 */
public final class Splicer {
    private final byte[] src;
    private final OutputStream out;
    private long position;

    public Splicer(byte[] src, OutputStream out) {
        this.src = src;
        this.out = out;
    }

    public void copy(int from, int to) throws IOException {
        if (to > from) {
            out.write(src, from, to - from);
            position += to - from;
        }
    }

    /** Writes {@code piece} and returns the output offset it starts at. */
    public long insert(byte[] piece) throws IOException {
        long at = position;
        out.write(piece);
        position += piece.length;
        return at;
    }

    public long position() {
        return position;
    }
}
