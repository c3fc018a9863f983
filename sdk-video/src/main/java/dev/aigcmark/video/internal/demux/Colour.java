package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.FourCC;

import java.nio.ByteBuffer;

/**
 * Colour description of a video (ITU-T H.273 code points), from a sample entry's {@code colr} box
 * ({@code nclx}, or QuickTime's {@code nclc} without the range flag) or from a decoder.
 *
 * @param fullRange true for full-range (JPEG) levels; null when not stated
 */
public record Colour(int primaries, int transfer, int matrix, Boolean fullRange) {
    /** Code point 2 everywhere: what a file without colour information means. */
    public static final Colour UNSPECIFIED = new Colour(2, 2, 2, null);

    private static final int COLR = FourCC.of("colr");
    private static final int NCLX = FourCC.of("nclx");
    private static final int NCLC = FourCC.of("nclc");

    /** The colour a sample entry declares, or {@link #UNSPECIFIED}. */
    public static Colour of(SampleEntry entry) {
        byte[] p = entry.child(COLR);
        if (p == null || p.length < 10) {
            return UNSPECIFIED;
        }
        ByteBuffer b = ByteBuffer.wrap(p);
        int kind = b.getInt(0);
        if (kind != NCLX && kind != NCLC) {
            return UNSPECIFIED; // an ICC profile: not a code-point description
        }
        Boolean full = kind == NCLX && p.length >= 11 ? (p[10] & 0x80) != 0 : null;
        return new Colour(b.getShort(4) & 0xFFFF, b.getShort(6) & 0xFFFF, b.getShort(8) & 0xFFFF, full);
    }
}
