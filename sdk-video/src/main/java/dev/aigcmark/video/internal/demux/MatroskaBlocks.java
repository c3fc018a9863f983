package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.ebml.Ebml;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlFormatException;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * The frames of one Matroska track, collected from the Clusters' SimpleBlocks and BlockGroups: where each frame's
 * bytes lie, its timestamp (Cluster Timestamp plus the block's signed 16-bit offset, in TimestampScale units) and
 * whether it is a keyframe (the SimpleBlock flag; a BlockGroup without ReferenceBlock). Laced blocks (Xiph, EBML,
 * fixed-size) are split into their frames. Only each block's few header bytes are read, and every frame range
 * is checked to lie inside its block, so the result indexes the file without reading a frame. Frames are kept in
 * storage (decode) order; at most {@link SampleIndex#MAX_SAMPLES}.
 */
final class MatroskaBlocks {
    /** Bytes read at the start of a block: track number (up to 8), timestamp (2), flags (1), lace count (1). */
    private static final int BLOCK_HEAD = 12;
    /** Largest lace header we read (Xiph lacing spends a byte per 255 bytes of frame). */
    private static final int MAX_LACE_HEADER = 1 << 20;

    private final EbmlReader reader;
    private final MediaInput input;
    private final long track;
    private final long defaultDuration;
    private int count;
    private long[] offsets = new long[256];
    private int[] sizes = new int[256];
    private long[] timestamps = new long[256];
    private boolean[] keys = new boolean[256];
    private long lastDuration;

    /** {@code defaultDuration}: the track's frame duration in TimestampScale units (0 when unknown). */
    MatroskaBlocks(EbmlReader reader, long track, long defaultDuration) {
        this.reader = reader;
        this.input = reader.input();
        this.track = track;
        this.defaultDuration = defaultDuration;
    }

    /** Collects the track's frames of one Cluster. */
    void cluster(EbmlElement cluster) throws IOException {
        long base = 0;
        for (EbmlElement e : reader.children(cluster.dataOffset(), cluster.end(), Set.of(), 2)) {
            if (e.id() == MatroskaIds.CLUSTER_TIMESTAMP) {
                base = MatroskaVideoTrack.uint(reader, e);
                if (base < 0) {
                    throw new EbmlFormatException("Cluster at " + cluster.offset() + " has a timestamp out of range");
                }
            } else if (e.id() == MatroskaIds.SIMPLE_BLOCK) {
                block(e, base, null, 0);
            } else if (e.id() == MatroskaIds.BLOCK_GROUP) {
                group(e, base);
            }
        }
    }

    private void group(EbmlElement group, long base) throws IOException {
        EbmlElement block = null;
        boolean referencesOthers = false;
        long duration = 0;
        for (EbmlElement c : reader.children(group.dataOffset(), group.end(), Set.of(), 3)) {
            if (c.id() == MatroskaIds.BLOCK && block == null) {
                block = c;
            } else if (c.id() == MatroskaIds.REFERENCE_BLOCK) {
                referencesOthers = true;
            } else if (c.id() == MatroskaIds.BLOCK_DURATION) {
                duration = Math.max(0, MatroskaVideoTrack.uint(reader, c));
            }
        }
        if (block != null) {
            block(block, base, !referencesOthers, duration);
        }
    }

    /** One block; {@code key} is null for a SimpleBlock (its flags say). */
    private void block(EbmlElement b, long base, Boolean key, long duration) throws IOException {
        long start = b.dataOffset();
        long end = b.end();
        byte[] h = input.readFully(start, (int) Math.min(BLOCK_HEAD, end - start));
        long[] number = Ebml.readSize(h, 0, h.length);
        if (number == null || number[1] + 3 > h.length) {
            throw new EbmlFormatException("block at " + b.offset() + " is too short for its header");
        }
        if (number[0] != track) {
            return;
        }
        int p = (int) number[1];
        short relative = (short) (((h[p] & 0xFF) << 8) | (h[p + 1] & 0xFF));
        int flags = h[p + 2] & 0xFF;
        boolean keyframe = key != null ? key : (flags & 0x80) != 0;
        long timestamp = base + relative;
        if (timestamp < 0 || timestamp > Long.MAX_VALUE / 4) {
            throw new EbmlFormatException("block at " + b.offset() + " has a timestamp out of range");
        }
        long frames = start + p + 3;
        int lacing = (flags >> 1) & 3;
        if (lacing == 0) {
            add(frames, end - frames, timestamp, keyframe);
        } else {
            laced(b, frames, end, lacing, timestamp, keyframe);
        }
        lastDuration = duration > 0 ? duration : defaultDuration;
    }

    /** Splits a laced block: the lace count, then the sizes of all frames but the last (RFC 9559 §10.3). */
    private void laced(EbmlElement b, long pos, long end, int lacing, long timestamp, boolean keyframe) throws IOException {
        int headLength = (int) Math.min(MAX_LACE_HEADER, end - pos);
        if (headLength < 1) {
            throw new EbmlFormatException("laced block at " + b.offset() + " has no lace count");
        }
        byte[] h = input.readFully(pos, headLength);
        int n = (h[0] & 0xFF) + 1;
        long[] sizes = new long[n];
        int p = 1;
        long known = 0;
        if (lacing == 2) { // fixed-size
            long each = (end - pos - 1) / n;
            if (each * n != end - pos - 1) {
                throw new EbmlFormatException("fixed-size laced block at " + b.offset() + " does not divide into " + n + " frames");
            }
            Arrays.fill(sizes, each);
            known = each * (n - 1);
        } else {
            for (int i = 0; i < n - 1; i++) {
                if (lacing == 1) { // Xiph: 255-valued bytes add up
                    long s = 0;
                    int v;
                    do {
                        if (p >= h.length) {
                            throw new EbmlFormatException("Xiph lace header of the block at " + b.offset() + " runs out");
                        }
                        v = h[p++] & 0xFF;
                        s += v;
                    } while (v == 255);
                    sizes[i] = s;
                } else { // EBML: the first size, then signed differences
                    long[] v = Ebml.readSize(h, p, h.length);
                    if (v == null || v[0] == Ebml.UNKNOWN_SIZE) {
                        throw new EbmlFormatException("EBML lace header of the block at " + b.offset() + " is malformed");
                    }
                    p += (int) v[1];
                    sizes[i] = i == 0 ? v[0] : sizes[i - 1] + v[0] - ((1L << (7 * v[1] - 1)) - 1);
                }
                if (sizes[i] < 0 || sizes[i] > end - pos) {
                    throw new EbmlFormatException("laced frame " + (i + 1) + " of the block at " + b.offset()
                            + " is larger than the block");
                }
                known += sizes[i];
            }
            sizes[n - 1] = end - pos - p - known;
        }
        long at = pos + (lacing == 2 ? 1 : p);
        if (lacing != 2 && sizes[n - 1] < 0) {
            throw new EbmlFormatException("the laced frames of the block at " + b.offset() + " overrun it");
        }
        for (int i = 0; i < n; i++) {
            add(at, sizes[i], timestamp + i * defaultDuration, keyframe && i == 0);
            at += sizes[i];
        }
    }

    private void add(long offset, long size, long timestamp, boolean key) throws EbmlFormatException {
        if (count == SampleIndex.MAX_SAMPLES) {
            throw new EbmlFormatException("the video track has more than " + SampleIndex.MAX_SAMPLES + " frames", true);
        }
        if (size > Integer.MAX_VALUE) {
            throw new EbmlFormatException("a frame at " + offset + " of " + size + " bytes is over the limit", true);
        }
        if (count == offsets.length) {
            int n = Math.min(SampleIndex.MAX_SAMPLES, count * 2);
            offsets = Arrays.copyOf(offsets, n);
            sizes = Arrays.copyOf(sizes, n);
            timestamps = Arrays.copyOf(timestamps, n);
            keys = Arrays.copyOf(keys, n);
        }
        offsets[count] = offset;
        sizes[count] = (int) size;
        timestamps[count] = timestamp;
        keys[count] = key;
        count++;
    }

    /**
     * The frames as a sample index. Matroska stores presentation times only; decode times are the sorted
     * presentation times, moved earlier by the largest reordering so no frame decodes after it is shown (what an
     * MP4 writer does with a negative composition offset). Times are multiplied by {@code scale} into the
     * track's timescale.
     */
    SampleIndex index(long fileSize, String name, long scale) throws IOException {
        long[] sorted = Arrays.copyOf(timestamps, count);
        Arrays.sort(sorted);
        long shift = 0;
        for (int i = 0; i < count; i++) {
            shift = Math.max(shift, sorted[i] - timestamps[i]);
        }
        SampleIndex.Builder b = new SampleIndex.Builder(fileSize, name);
        b.reserve(count);
        try {
            for (int i = 0; i < count; i++) {
                long dts = Math.multiplyExact(sorted[i] - shift, scale);
                b.add(offsets[i], sizes[i], dts, Math.multiplyExact(timestamps[i] - sorted[i] + shift, scale), keys[i]);
            }
            long last = count == 0 ? 0 : sorted[count - 1] - shift;
            long tail = lastDuration > 0 ? lastDuration : count > 1 ? (sorted[count - 1] - sorted[0]) / (count - 1) : 1;
            b.endDts(Math.multiplyExact(last + Math.max(1, tail), scale));
        } catch (ArithmeticException e) {
            throw new EbmlFormatException(name + " has timestamps out of range");
        }
        return b.build();
    }

    int count() {
        return count;
    }
}
