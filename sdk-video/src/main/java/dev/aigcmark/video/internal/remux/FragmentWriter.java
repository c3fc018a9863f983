package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.RangeCopier;
import dev.aigcmark.video.internal.demux.SampleIndex;
import dev.aigcmark.video.internal.demux.Track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a fragmented movie: {@code ftyp}, {@code moov} (sample tables empty, {@code mvex} kept), the carried-over
 * top-level boxes, then one {@code moof}+{@code mdat} per new video keyframe holding the video samples up to the
 * next keyframe and every other track's samples that start in that time span. Each {@code traf} states its samples
 * in full ({@code tfdt}, and a {@code trun} with duration, size, flags and composition offset per sample), so the
 * movie's {@code trex} defaults do not matter. Index boxes ({@code sidx}, {@code mfra}) are not rewritten.
 */
final class FragmentWriter {
    private static final int MFHD = FourCC.of("mfhd");
    private static final int TFDT = FourCC.of("tfdt");
    private static final int TRUN = FourCC.of("trun");
    private static final int MVEX = FourCC.of("mvex");
    private static final int MEHD = FourCC.of("mehd");
    /** Sample tables that describe samples; a fragmented movie's are empty. */
    private static final Set<Integer> SAMPLE_TABLES = Set.of(FourCC.of("stts"), FourCC.of("ctts"), FourCC.of("stsc"),
            FourCC.of("stsz"), FourCC.of("stz2"), BoxTypes.STCO, BoxTypes.CO64, FourCC.of("stss"), FourCC.of("stps"),
            FourCC.of("sdtp"), FourCC.of("sbgp"), FourCC.of("cslg"));
    private static final int SYNC_FLAGS = 0x02000000;          // depends on no other sample
    private static final int NON_SYNC_FLAGS = 0x01010000;      // depends on others, not a sync sample

    private final Sources sources;
    private final Box moov;
    private final long videoBase;
    private final long videoDelay;

    /**
     * @param videoBase composition times of the new video are its encoder's plus this (they then equal the
     *                  original's); its decode times are moved back by as much of it as keeps the first at the
     *                  original's first decode time, the rest becoming a larger composition offset
     */
    FragmentWriter(Sources sources, Box moov, long videoBase) {
        this.sources = sources;
        this.moov = moov;
        long firstDts = sources.replaced.samples().count() == 0 ? 0 : sources.replaced.samples().dts(0);
        this.videoDelay = Math.max(0, Math.min(videoBase, videoBase + sources.replacement.samples().dts(0) - firstDts));
        this.videoBase = videoBase;
    }

    /** Empties every track's sample tables (all samples go into fragments) and drops the fragment duration. */
    static void emptyTables(Box moov) throws IOException {
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            Box stbl = Boxes.stbl(trak);
            stbl.children().removeIf(b -> SAMPLE_TABLES.contains(b.type()));
            stbl.children().add(Box.leaf(FourCC.of("stts"), new byte[8]));
            stbl.children().add(Box.leaf(FourCC.of("stsc"), new byte[8]));
            stbl.children().add(Box.leaf(FourCC.of("stsz"), new byte[12]));
            stbl.children().add(Box.leaf(BoxTypes.STCO, new byte[8]));
        }
        Box mvex = moov.child(MVEX);
        if (mvex != null) {
            mvex.children().removeIf(b -> b.type() == MEHD);
        }
    }

    void write(FileChannel out, BoxHeader ftyp, List<BoxHeader> kept) throws IOException {
        RangeCopier original = new RangeCopier(sources.originalInput, out);
        RangeCopier encoded = sources.copier(sources.replacement, out);
        if (ftyp != null) {
            original.copy(ftyp.offset(), ftyp.size());
        }
        original.write(moov.toBytes());
        for (BoxHeader h : kept) {
            original.copy(h.offset(), h.size());
        }
        List<Track> tracks = sources.original.tracks();
        int[] cursor = new int[tracks.size()];
        SampleIndex video = sources.replacement.samples();
        int[] keys = video.syncSamples();
        if (keys.length == 0 || keys[0] != 0) {
            keys = prepend0(keys);
        }
        for (int k = 0; k < keys.length; k++) {
            int videoEnd = k + 1 < keys.length ? keys[k + 1] : video.count();
            double until = k + 1 < keys.length ? sources.replacement.seconds(video.dts(videoEnd) + videoBase)
                    : Double.POSITIVE_INFINITY;
            List<Run> runs = new ArrayList<>();
            for (int t = 0; t < tracks.size(); t++) {
                Track samples = sources.samplesOf(tracks.get(t));
                SampleIndex s = samples.samples();
                int from = cursor[t];
                int to = from;
                if (samples == sources.replacement) {
                    to = videoEnd;
                } else {
                    while (to < s.count() && samples.seconds(s.dts(to)) < until) {
                        to++;
                    }
                }
                cursor[t] = to;
                if (to > from) {
                    boolean isVideo = samples == sources.replacement;
                    runs.add(new Run(tracks.get(t).id(), samples, from, to, isVideo ? videoBase - videoDelay : 0,
                            isVideo ? videoDelay : 0));
                }
            }
            writeFragment(k + 1, runs, original, encoded);
        }
    }

    /** Samples [from, to) of a track; decode times moved by {@code dtsShift}, composition offsets grown by {@code delay}. */
    private record Run(int trackId, Track track, int from, int to, long dtsShift, long delay) {
        long bytes() {
            long n = 0;
            for (int i = from; i < to; i++) {
                n += track.samples().size(i);
            }
            return n;
        }
    }

    private void writeFragment(int sequence, List<Run> runs, RangeCopier original, RangeCopier encoded)
            throws IOException {
        long data = runs.stream().mapToLong(Run::bytes).sum();
        int mdatHeader = data + 8 > 0xFFFFFFFFL ? 16 : 8;
        Box moof = moof(sequence, runs, 0, mdatHeader);
        moof = moof(sequence, runs, moof.size(), mdatHeader); // data offsets are relative to the moof's start
        original.write(moof.toBytes());
        ByteBuffer h = ByteBuffer.allocate(mdatHeader);
        if (mdatHeader == 16) {
            h.putInt(1).putInt(BoxTypes.MDAT).putLong(16 + data);
        } else {
            h.putInt((int) (8 + data)).putInt(BoxTypes.MDAT);
        }
        original.write(h.array());
        for (Run r : runs) {
            RangeCopier from = r.track == sources.replacement ? encoded : original;
            SampleIndex s = r.track.samples();
            long start = s.offset(r.from);
            long length = 0;
            for (int i = r.from; i < r.to; i++) {
                if (s.offset(i) != start + length) { // not adjacent to the previous sample: flush the range
                    from.copy(start, length);
                    start = s.offset(i);
                    length = 0;
                }
                length += s.size(i);
            }
            from.copy(start, length);
        }
    }

    private static Box moof(int sequence, List<Run> runs, long moofSize, int mdatHeader) {
        List<Box> children = new ArrayList<>();
        children.add(Box.leaf(MFHD, ByteBuffer.allocate(8).putInt(0).putInt(sequence).array()));
        long dataOffset = moofSize + mdatHeader;
        for (Run r : runs) {
            SampleIndex s = r.track.samples();
            int n = r.to - r.from;
            ByteBuffer tfhd = ByteBuffer.allocate(8).putInt(0x020000).putInt(r.trackId); // default-base-is-moof
            ByteBuffer tfdt = ByteBuffer.allocate(12).putInt(0x01000000).putLong(s.dts(r.from) + r.dtsShift);
            ByteBuffer trun = ByteBuffer.allocate(12 + 16 * n);
            trun.putInt(0x01000F01).putInt(n).putInt((int) dataOffset); // v1: signed composition offsets
            for (int i = r.from; i < r.to; i++) {
                trun.putInt((int) Math.min(s.duration(i), 0xFFFFFFFFL)).putInt(s.size(i))
                        .putInt(s.isSync(i) ? SYNC_FLAGS : NON_SYNC_FLAGS).putInt((int) (s.cts(i) - s.dts(i) + r.delay));
            }
            children.add(Box.container(BoxTypes.TRAF, new byte[0], List.of(Box.leaf(BoxTypes.TFHD, tfhd.array()),
                    Box.leaf(TFDT, tfdt.array()), Box.leaf(TRUN, trun.array()))));
            dataOffset += r.bytes();
        }
        return Box.container(BoxTypes.MOOF, new byte[0], children);
    }

    private static int[] prepend0(int[] keys) {
        int[] k = new int[keys.length + 1];
        System.arraycopy(keys, 0, k, 1, keys.length);
        return k;
    }
}
