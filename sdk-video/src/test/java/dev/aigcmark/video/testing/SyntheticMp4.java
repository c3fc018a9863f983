package dev.aigcmark.video.testing;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ISO-BMFF files in memory with a known layout: one track whose chunks are marked byte runs in
 * mdat, so a test can check that every chunk offset still points at its own bytes after a rewrite.
 */
public final class SyntheticMp4 {
    public static final int CHUNKS = 5;
    public static final int CHUNK_SIZE = 100;

    private SyntheticMp4() {
    }

    public static byte[] ftyp() {
        ByteBuffer p = ByteBuffer.allocate(16);
        p.putInt(FourCC.of("isom")).putInt(0x200).putInt(FourCC.of("isom")).putInt(FourCC.of("mp41"));
        return Box.leaf(BoxTypes.FTYP, p.array()).toBytes();
    }

    /** A moov with one track whose stco points at the chunks in an mdat at {@code mdatOffset}, plus extra udta children. */
    public static Box moov(long mdatPayloadOffset, List<Box> udtaChildren) {
        ByteBuffer stco = ByteBuffer.allocate(8 + 4 * CHUNKS);
        stco.putInt(0).putInt(CHUNKS);
        for (int i = 0; i < CHUNKS; i++) {
            stco.putInt((int) (mdatPayloadOffset + (long) i * CHUNK_SIZE));
        }
        Box stbl = Box.container(BoxTypes.STBL, new byte[0], List.of(
                Box.leaf(FourCC.of("stsd"), new byte[8]), Box.leaf(BoxTypes.STCO, stco.array())));
        Box minf = Box.container(BoxTypes.MINF, new byte[0], List.of(stbl));
        Box mdia = Box.container(BoxTypes.MDIA, new byte[0], List.of(Box.leaf(FourCC.of("mdhd"), new byte[24]), minf));
        Box trak = Box.container(BoxTypes.TRAK, new byte[0], List.of(Box.leaf(FourCC.of("tkhd"), new byte[84]), mdia));
        List<Box> children = new ArrayList<>(List.of(Box.leaf(FourCC.of("mvhd"), new byte[100]), trak));
        if (udtaChildren != null) {
            children.add(Box.container(BoxTypes.UDTA, new byte[0], udtaChildren));
        }
        return Box.container(BoxTypes.MOOV, new byte[0], children);
    }

    /** The mdat payload: chunk i is CHUNK_SIZE bytes of value i+1. */
    public static byte[] mdatPayload() {
        byte[] p = new byte[CHUNKS * CHUNK_SIZE];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i / CHUNK_SIZE + 1);
        }
        return p;
    }

    /** ftyp, moov, mdat. */
    public static byte[] fastStart(List<Box> udtaChildren) {
        byte[] ftyp = ftyp();
        long moovSize = moov(0, udtaChildren).size();
        byte[] moov = moov(ftyp.length + moovSize + 8, udtaChildren).toBytes();
        return concat(ftyp, moov, Box.leaf(BoxTypes.MDAT, mdatPayload()).toBytes());
    }

    /** ftyp, mdat, moov. */
    public static byte[] moovAtEnd(List<Box> udtaChildren) {
        byte[] ftyp = ftyp();
        byte[] mdat = Box.leaf(BoxTypes.MDAT, mdatPayload()).toBytes();
        byte[] moov = moov(ftyp.length + 8, udtaChildren).toBytes();
        return concat(ftyp, mdat, moov);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
