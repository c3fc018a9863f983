package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.internal.bmff.RangeCopier;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An output file planned as a sequence of new bytes and ranges of the input, so a writer knows every size (and
 * where each piece lands) before it writes a byte, and audio data is streamed from the input, never held.
 */
public final class Pieces {
    private record Piece(byte[] bytes, long from, long length) {
    }

    private final List<Piece> pieces = new ArrayList<>();
    private long size;

    public Pieces bytes(byte[] b) {
        pieces.add(new Piece(b, 0, b.length));
        size += b.length;
        return this;
    }

    /** {@code length} bytes of the input from {@code from}. */
    public Pieces range(long from, long length) {
        if (length > 0) {
            pieces.add(new Piece(null, from, length));
            size += length;
        }
        return this;
    }

    /** The output size so far: where the next piece will start. */
    public long size() {
        return size;
    }

    public void writeTo(MediaInput input, OutputStream output) throws IOException {
        RangeCopier copier = RangeCopier.to(input, output);
        for (Piece p : pieces) {
            if (p.bytes() != null) {
                copier.write(p.bytes());
            } else {
                copier.copy(p.from(), p.length());
            }
        }
        output.flush();
    }
}
