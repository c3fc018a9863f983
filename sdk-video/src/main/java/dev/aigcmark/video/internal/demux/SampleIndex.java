package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Every sample of one track in decode order: where its bytes lie, how long they are, its decode and composition
 * time (in the track's timescale) and whether it is a sync sample. Built only by the demuxer, after each offset
 * and size was checked against the file, so whoever reads a sample through it reads inside the file.
 */
public final class SampleIndex {
    /**
     * Samples per track we index: about 38 hours of 30 fps video or 24 hours of 48 kHz AAC, at about 25 bytes
     * each (≈ 100 MB). A table declaring more is refused rather than allocated.
     */
    public static final int MAX_SAMPLES = 1 << 22;

    private final int count;
    private final long[] offsets;
    private final int[] sizes;
    private final long[] dts;
    private final int[] ctsOffsets;
    private final BitSet sync;
    private final int[] syncList;
    private final long endDts;
    private final int[] chunkFirst;
    private final int[] chunkDescription;

    private SampleIndex(Builder b) {
        this.count = b.count;
        this.offsets = Arrays.copyOf(b.offsets, b.count);
        this.sizes = Arrays.copyOf(b.sizes, b.count);
        this.dts = Arrays.copyOf(b.dts, b.count);
        this.ctsOffsets = Arrays.copyOf(b.ctsOffsets, b.count);
        this.sync = (BitSet) b.sync.clone();
        this.syncList = sync.stream().toArray();
        this.endDts = b.endDts;
        this.chunkFirst = Arrays.copyOf(b.chunkFirst, b.chunks);
        this.chunkDescription = Arrays.copyOf(b.chunkDescription, b.chunks);
    }

    /** Chunks (runs of samples stored back to back: a {@code stco} chunk, a {@code trun}) holding samples. */
    public int chunkCount() {
        return chunkFirst.length;
    }

    /** The first sample of chunk {@code c}. */
    public int chunkFirstSample(int c) {
        return chunkFirst[c];
    }

    /** One past the last sample of chunk {@code c}. */
    public int chunkEndSample(int c) {
        return c + 1 < chunkFirst.length ? chunkFirst[c + 1] : count;
    }

    /** The sample description (1-based {@code stsd} entry) of chunk {@code c}. */
    public int chunkDescription(int c) {
        return chunkDescription[c];
    }

    /** Whether samples refer to more than one sample description (a decoder would need reconfiguring). */
    public boolean usesSeveralDescriptions() {
        for (int d : chunkDescription) {
            if (d != chunkDescription[0]) {
                return true;
            }
        }
        return false;
    }

    public int count() {
        return count;
    }

    public long offset(int i) {
        return offsets[i];
    }

    public int size(int i) {
        return sizes[i];
    }

    /** Decode time in track ticks. */
    public long dts(int i) {
        return dts[i];
    }

    /** Composition (presentation) time in track ticks: decode time plus the ctts/trun offset. */
    public long cts(int i) {
        return dts[i] + ctsOffsets[i];
    }

    /** Ticks until the next sample's decode time (the last sample: until the end of the track). */
    public long duration(int i) {
        return (i + 1 < count ? dts[i + 1] : endDts) - dts[i];
    }

    /** Decode time at the end of the last sample: the media duration when the track starts at 0. */
    public long endDts() {
        return endDts;
    }

    public boolean isSync(int i) {
        return sync.get(i);
    }

    /** The sync samples in decode order (every sample when the track declares no sync table). */
    public int[] syncSamples() {
        return syncList.clone();
    }

    /** The sync sample at or before {@code i}, or 0. */
    public int syncAtOrBefore(int i) {
        int s = sync.previousSetBit(i);
        return s < 0 ? 0 : s;
    }

    /** The smallest composition time: the presentation start of the media before any edit list. */
    public long firstCts() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, cts(i));
        }
        return count == 0 ? 0 : min;
    }

    public long totalBytes() {
        long t = 0;
        for (int i = 0; i < count; i++) {
            t += sizes[i];
        }
        return t;
    }

    /** Collects samples; each is checked against the file size and the sample limit as it is added. */
    static final class Builder {
        private final long fileSize;
        private final String track;
        private int count;
        private long[] offsets = new long[64];
        private int[] sizes = new int[64];
        private long[] dts = new long[64];
        private int[] ctsOffsets = new int[64];
        private final BitSet sync = new BitSet();
        private long endDts;
        private int[] chunkFirst = new int[16];
        private int[] chunkDescription = new int[16];
        private int chunks;
        private int pendingDescription;

        Builder(long fileSize, String track) {
            this.fileSize = fileSize;
            this.track = track;
        }

        int count() {
            return count;
        }

        /** Ensures room for {@code more} samples up front, refusing a declared count over the limit. */
        void reserve(long more) throws BmffFormatException {
            if (count + more > MAX_SAMPLES) {
                throw new BmffFormatException(track + " declares " + (count + more) + " samples, over the limit of "
                        + MAX_SAMPLES, true);
            }
            int need = (int) (count + more);
            if (need > offsets.length) {
                int n = Math.max(need, Math.min(MAX_SAMPLES, offsets.length * 2));
                offsets = Arrays.copyOf(offsets, n);
                sizes = Arrays.copyOf(sizes, n);
                dts = Arrays.copyOf(dts, n);
                ctsOffsets = Arrays.copyOf(ctsOffsets, n);
            }
        }

        void add(long offset, long size, long decodeTime, long ctsOffset, boolean isSync) throws BmffFormatException {
            if (offset < 0 || size < 0 || size > Integer.MAX_VALUE || offset > fileSize - size) {
                throw new BmffFormatException(track + " sample " + (count + 1) + " (" + size + " bytes at " + offset
                        + ") lies outside the file of " + fileSize + " bytes");
            }
            if (ctsOffset < Integer.MIN_VALUE || ctsOffset > Integer.MAX_VALUE) {
                throw new BmffFormatException(track + " sample " + (count + 1) + " has a composition offset out of range");
            }
            if (count > 0 && decodeTime < dts[count - 1]) {
                throw new BmffFormatException(track + " sample " + (count + 1) + " decodes before the one preceding it");
            }
            reserve(1);
            if (pendingDescription != 0 || chunks == 0) {
                if (chunks == chunkFirst.length) {
                    chunkFirst = Arrays.copyOf(chunkFirst, chunks * 2);
                    chunkDescription = Arrays.copyOf(chunkDescription, chunks * 2);
                }
                chunkFirst[chunks] = count;
                chunkDescription[chunks++] = Math.max(1, pendingDescription);
                pendingDescription = 0;
            }
            offsets[count] = offset;
            sizes[count] = (int) size;
            dts[count] = decodeTime;
            ctsOffsets[count] = (int) ctsOffset;
            if (isSync) {
                sync.set(count);
            }
            count++;
        }

        /** The next sample added starts a new chunk using sample description {@code description}. */
        void startChunk(int description) {
            pendingDescription = Math.max(1, description);
        }

        void markSync(int i) {
            sync.set(i);
        }

        void endDts(long end) {
            endDts = Math.max(endDts, end);
        }

        /** Where the next sample of a fragment without {@code tfdt} decodes: the end of the samples so far. */
        long endDtsSoFar() {
            return endDts;
        }

        SampleIndex build() {
            return new SampleIndex(this);
        }
    }
}
