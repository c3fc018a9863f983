package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.ContentDigest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The blocks of a GIF: header and screen descriptor (with the global colour table), extensions, images,
 * trailer. Sub-block chains are walked with every length checked.
 */
public final class GifStructure {
    public static final String XMP_APP_ID = "XMP DataXMP";
    /** The C2PA manifest store's application extension: identifier {@code C2PA_GIF}, authentication code 1 0 0. */
    public static final String C2PA_APP_ID = "C2PA_GIF\u0001\u0000\u0000";
    /** XMP's "magic trailer": 0x01, 0xFF down to 0x00, then the block terminator; makes raw XMP walk as sub-blocks. */
    public static final byte[] XMP_TRAILER = xmpTrailer();

    /** One block from its introducer to just past its terminator; {@code appId} for application extensions. */
    public record Block(int kind, int label, int offset, int end, String appId) {
        public boolean isApplication(String id) {
            return kind == 0x21 && label == 0xFF && id.equals(appId);
        }

        /** A C2PA store block, whatever its authentication code (readers match the identifier only). */
        public boolean isC2pa() {
            return kind == 0x21 && label == 0xFF && appId != null && appId.startsWith(C2PA_APP_ID.substring(0, 8));
        }
    }

    private final int headerEnd;
    private final List<Block> blocks;
    private final boolean complete;

    private GifStructure(int headerEnd, List<Block> blocks, boolean complete) {
        this.headerEnd = headerEnd;
        this.blocks = List.copyOf(blocks);
        this.complete = complete;
    }

    /** Offset just past the screen descriptor and global colour table. */
    public int headerEnd() {
        return headerEnd;
    }

    /** Extensions and images in file order; the trailer (0x3B) last when the file is complete. */
    public List<Block> blocks() {
        return blocks;
    }

    public boolean complete() {
        return complete;
    }

    /**
     * The content digest ({@code gif.1}): the screen descriptor with the global colour table, then every image
     * (descriptor, local table, LZW data), graphic control extension (delays, transparency) and plain text
     * extension in order. The version bytes (a writer adding an extension must say 89a), application extensions
     * (XMP, loop counts) and comments are metadata and left out.
     */
    public ContentDigest contentDigest(byte[] b) throws UnreadableInputException {
        if (headerEnd > b.length) {
            throw new UnreadableInputException("GIF ends inside its global colour table");
        }
        ContentDigest.Builder d = ContentDigest.builder("gif.1");
        d.part("LSD", b, 6, headerEnd - 6);
        for (Block block : blocks) {
            if (block.kind() == 0x2C) {
                d.part("IMG", b, block.offset(), block.end() - block.offset());
            } else if (block.kind() == 0x21 && (block.label() == 0xF9 || block.label() == 0x01)) {
                d.part(block.label() == 0xF9 ? "GCE" : "PTE", b, block.offset(), block.end() - block.offset());
            }
        }
        return d.build();
    }

    public static boolean sniff(byte[] head, int length) {
        return Bytes.startsWith(head, 0, length, Bytes.ascii("GIF87a")) || Bytes.startsWith(head, 0, length, Bytes.ascii("GIF89a"));
    }

    public static GifStructure parse(byte[] b, ReadLimits limits, List<Status> problems) throws UnreadableInputException {
        if (!sniff(b, b.length) || b.length < 13) {
            throw new UnreadableInputException("not a GIF (or cut short before its screen descriptor)");
        }
        int packed = b[10] & 0xFF;
        int pos = 13 + ((packed & 0x80) != 0 ? 3 * (1 << ((packed & 7) + 1)) : 0);
        int headerEnd = pos;
        List<Block> list = new ArrayList<>();
        while (true) {
            if (list.size() >= limits.maxBoxCount()) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, "GIF has more than " + limits.maxBoxCount() + " blocks"));
                FileBudget.current().exceed(FileBudget.Limit.BOX_COUNT, "has more than " + limits.maxBoxCount() + " segments, chunks or blocks");
                return new GifStructure(headerEnd, list, false);
            }
            if (pos >= b.length) {
                problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "GIF ends at " + pos + " without a trailer"));
                return new GifStructure(headerEnd, list, false);
            }
            int start = pos;
            int kind = b[pos] & 0xFF;
            if (kind == 0x3B) {
                list.add(new Block(kind, 0, pos, pos + 1, null));
                return new GifStructure(headerEnd, list, true);
            }
            int label = 0;
            String appId = null;
            if (kind == 0x21) {
                if (pos + 2 > b.length) {
                    return truncated(headerEnd, list, problems, start);
                }
                label = b[pos + 1] & 0xFF;
                pos += 2;
                if (label == 0xFF && pos + 12 <= b.length && (b[pos] & 0xFF) == 11) {
                    appId = new String(b, pos + 1, 11, StandardCharsets.ISO_8859_1);
                }
            } else if (kind == 0x2C) {
                if (pos + 11 > b.length) {
                    return truncated(headerEnd, list, problems, start);
                }
                int ip = b[pos + 9] & 0xFF;
                pos += 10 + ((ip & 0x80) != 0 ? 3 * (1 << ((ip & 7) + 1)) : 0) + 1; // descriptor, local table, LZW code size
            } else {
                problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, String.format("GIF: unknown block 0x%02X at %d", kind, pos)));
                return new GifStructure(headerEnd, list, false);
            }
            pos = skipSubBlocks(b, pos);
            if (pos < 0) {
                return truncated(headerEnd, list, problems, start);
            }
            list.add(new Block(kind, label, start, pos, appId));
        }
    }

    private static GifStructure truncated(int headerEnd, List<Block> list, List<Status> problems, int at) {
        problems.add(Status.failure(StatusCodes.ASSET_TRUNCATED, "GIF block at " + at + " runs past the end of the file"));
        return new GifStructure(headerEnd, list, false);
    }

    /** Returns the offset after the terminating zero-length sub-block, or -1 when the chain runs past the end. */
    static int skipSubBlocks(byte[] b, int pos) {
        while (pos < b.length) {
            int n = b[pos] & 0xFF;
            pos += 1 + n;
            if (n == 0) {
                return pos;
            }
        }
        return -1;
    }

    /** The raw XMP packet of an {@code XMP DataXMP} block, or null when its magic trailer is wrong. */
    public static byte[] xmpOf(byte[] b, Block block) {
        int dataStart = block.offset() + 14;
        int dataEnd = block.end() - XMP_TRAILER.length;
        if (dataEnd < dataStart || !Bytes.startsWith(b, dataEnd, block.end(), XMP_TRAILER)) {
            return null;
        }
        return Arrays.copyOfRange(b, dataStart, dataEnd);
    }

    /** The application extension carrying {@code packet} raw, then the magic trailer. */
    public static byte[] xmpBlock(byte[] packet) {
        for (byte x : packet) {
            if (x == 0) {
                throw new IllegalArgumentException("an XMP packet in GIF must not contain NUL bytes");
            }
        }
        byte[] out = new byte[14 + packet.length + XMP_TRAILER.length];
        out[0] = 0x21;
        out[1] = (byte) 0xFF;
        out[2] = 11;
        System.arraycopy(Bytes.ascii(XMP_APP_ID), 0, out, 3, 11);
        System.arraycopy(packet, 0, out, 14, packet.length);
        System.arraycopy(XMP_TRAILER, 0, out, 14 + packet.length, XMP_TRAILER.length);
        return out;
    }

    /** The data sub-blocks of an application extension joined (for {@code C2PA_GIF}: the JUMBF store). */
    public static byte[] applicationData(byte[] b, Block block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = block.offset() + 14; // introducer, label, the 11-byte identifier's sub-block
        while (pos < block.end()) {
            int n = b[pos] & 0xFF;
            if (n == 0) {
                break;
            }
            out.write(b, pos + 1, n);
            pos += 1 + n;
        }
        return out.toByteArray();
    }

    /** The {@code C2PA_GIF} application extension carrying {@code store} in sub-blocks of at most 255 bytes. */
    public static byte[] c2paBlock(byte[] store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + store.length / 255 + 16);
        out.write(0x21);
        out.write(0xFF);
        out.write(11);
        out.writeBytes(C2PA_APP_ID.getBytes(StandardCharsets.ISO_8859_1));
        for (int at = 0; at < store.length; at += 255) {
            int n = Math.min(255, store.length - at);
            out.write(n);
            out.write(store, at, n);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static byte[] xmpTrailer() {
        byte[] t = new byte[258];
        t[0] = 1;
        for (int i = 0; i < 256; i++) {
            t[1 + i] = (byte) (255 - i);
        }
        t[257] = 0;
        return t;
    }
}
