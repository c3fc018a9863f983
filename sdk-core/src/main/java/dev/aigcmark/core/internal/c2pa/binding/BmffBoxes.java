package dev.aigcmark.core.internal.c2pa.binding;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A bounded ISO-BMFF box walk for C2PA hashing: every box with its path ({@code /moov/trak/mdia/minf/stbl/stco}),
 * offset and size. Descends only into the container boxes whose children C2PA exclusions name, and reads
 * only headers, so a multi-gigabyte file costs a few reads.
 */
public final class BmffBoxes {
    /** Boxes whose payload is a sequence of boxes. */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf",
            "mvex", "moof", "traf", "mfra", "udta", "sinf", "schi", "meta", "iprp", "ipco");
    /** Boxes that start with version and flags (FullBox). */
    private static final Set<String> FULL_BOXES = Set.of("meta", "iloc", "stco", "co64", "tfhd", "trun", "tfra",
            "mfro", "saio", "sidx", "mvhd", "tkhd", "mdhd", "hdlr", "stsd", "stts", "stsc", "stsz", "stss", "ctts",
            "elst", "tfdt", "mehd", "trex", "mfhd");

    private BmffBoxes() {
    }

    /**
     * One box.
     *
     * @param path    {@code /type/type...}
     * @param offset  file offset of its header
     * @param size    total size
     * @param header  header length (8, 16 with a 64-bit size, +16 for a uuid box's user type)
     * @param version FullBox version, or -1
     * @param flags   FullBox flags, or -1
     */
    public record Box(String path, String type, long offset, long size, int header, int version, int flags) {
        public boolean topLevel() {
            return path.indexOf('/', 1) < 0;
        }

        public long end() {
            return offset + size;
        }
    }

    /** Every top-level box, in file order. */
    public static List<Box> topLevel(MediaInput in, ReadLimits limits) throws IOException {
        List<Box> out = new ArrayList<>();
        walk(in, 0, in.size(), "", 0, limits, out, false);
        return out;
    }

    /** Every box (top-level and inside known containers), in file order. */
    public static List<Box> all(MediaInput in, ReadLimits limits) throws IOException {
        List<Box> out = new ArrayList<>();
        walk(in, 0, in.size(), "", 0, limits, out, true);
        return out;
    }

    private static void walk(MediaInput in, long from, long to, String parent, int depth, ReadLimits limits,
                             List<Box> out, boolean descend) throws IOException {
        if (depth > limits.maxBoxDepth()) {
            throw new IOException("boxes nested deeper than " + limits.maxBoxDepth());
        }
        long pos = from;
        while (to - pos >= 8) {
            byte[] h = in.readFully(pos, 8);
            long size = u32(h, 0);
            String type = new String(h, 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (to - pos < 16) {
                    throw new IOException("truncated 64-bit box size at " + pos);
                }
                byte[] l = in.readFully(pos + 8, 8);
                size = (u32(l, 0) << 32) | u32(l, 4);
                header = 16;
            } else if (size == 0) {
                size = to - pos;
            }
            if (size < header || size > to - pos) {
                throw new IOException("box '" + type + "' at " + pos + " claims " + size + " bytes, " + (to - pos) + " left");
            }
            if (type.equals("uuid")) {
                header += 16;
                if (size < header) {
                    throw new IOException("uuid box at " + pos + " too short");
                }
            }
            int version = -1;
            int flags = -1;
            if (FULL_BOXES.contains(type) && size >= header + 4) {
                byte[] vf = in.readFully(pos + header, 4);
                version = vf[0] & 0xFF;
                flags = (int) (u32(vf, 0) & 0xFFFFFF);
            }
            if (out.size() >= limits.maxBoxCount()) {
                throw new IOException("more than " + limits.maxBoxCount() + " boxes");
            }
            String path = parent + "/" + type;
            out.add(new Box(path, type, pos, size, header, version, flags));
            if (descend && CONTAINERS.contains(type)) {
                long childStart = pos + header + (type.equals("meta") ? 4 : 0);
                try {
                    walk(in, childStart, pos + size, path, depth + 1, limits, out, true);
                } catch (IOException e) {
                    // A malformed child (a QuickTime meta without version, an opaque udta) only hides its
                    // children from exclusion matching; the top-level layout stays intact.
                }
            }
            pos += size;
        }
    }

    static long u32(byte[] b, int o) {
        return ((b[o] & 0xFFL) << 24) | ((b[o + 1] & 0xFFL) << 16) | ((b[o + 2] & 0xFFL) << 8) | (b[o + 3] & 0xFFL);
    }
}
