package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.RangeCopier;
import dev.aigcmark.video.internal.demux.SampleIndex;
import dev.aigcmark.video.internal.demux.Track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a fast-start movie: {@code ftyp}, the new {@code moov}, the carried-over top-level boxes, then one
 * {@code mdat} with every track's chunks interleaved by start time (as a player streaming the file reads them).
 * Chunk offsets depend on the size of {@code moov}, which depends on them (a {@code stco} that no longer fits
 * becomes a {@code co64}): the layout is repeated until the size settles.
 */
final class ProgressiveWriter {
    private static final int MAX_ITERATIONS = 4;
    /**
     * The longest chunk of a re-encoded track: an encoder's single-track MP4 holds its samples in chunks of up to 1 MB
     * (a whole sound track in one), which would leave the output's tracks one after the other rather than interleaved
     * (a reader in time order then seeks back and forth at every sample).
     */
    static final double MAX_REPLACED_CHUNK_SECONDS = 0.5;

    /** One chunk of one output track: where its bytes are in the source, and when it starts. */
    private record Chunk(int trackIndex, int chunk, long offset, long size, double start) {
    }

    private final Sources sources;
    private final Box moov;

    ProgressiveWriter(Sources sources, Box moov) {
        this.sources = sources;
        this.moov = moov;
    }

    void write(FileChannel out, BoxHeader ftyp, List<BoxHeader> kept) throws IOException {
        List<Track> tracks = sources.original.tracks();
        List<Chunk> chunks = new ArrayList<>();
        List<ChunkTables.Layout> layouts = new ArrayList<>();
        long dataBytes = 0;
        for (int t = 0; t < tracks.size(); t++) {
            Track samples = sources.samplesOf(tracks.get(t));
            SampleIndex s = samples.samples();
            ChunkTables.Layout layout = sources.replacementOf(tracks.get(t).id()) != null
                    ? ChunkTables.Layout.split(samples, MAX_REPLACED_CHUNK_SECONDS) : ChunkTables.Layout.of(s);
            layouts.add(layout);
            for (int c = 0; c < layout.count(); c++) {
                int first = layout.first(c);
                long size = 0;
                for (int i = first; i < layout.end(c); i++) {
                    size += s.size(i);
                }
                chunks.add(new Chunk(t, c, s.offset(first), size, samples.seconds(s.dts(first))));
                dataBytes += size;
            }
        }
        chunks.sort(Comparator.comparingDouble(Chunk::start).thenComparingInt(Chunk::trackIndex));

        long prefix = (ftyp == null ? 0 : ftyp.size()) + kept.stream().mapToLong(BoxHeader::size).sum();
        int mdatHeader = dataBytes + 8 > 0xFFFFFFFFL ? 16 : 8;
        byte[] moovBytes = null;
        long moovSize = 0;
        for (int i = 0; ; i++) {
            long at = prefix + moovSize + mdatHeader;
            long[][] offsets = new long[tracks.size()][];
            for (int t = 0; t < tracks.size(); t++) {
                offsets[t] = new long[layouts.get(t).count()];
            }
            for (Chunk c : chunks) {
                offsets[c.trackIndex][c.chunk] = at;
                at += c.size;
            }
            for (int t = 0; t < tracks.size(); t++) {
                Track track = tracks.get(t);
                ChunkTables.rewrite(Boxes.stbl(Remuxer.trak(moov, track.id())), layouts.get(t), offsets[t]);
            }
            moovBytes = moov.toBytes();
            if (moovBytes.length == moovSize) {
                break;
            }
            if (i == MAX_ITERATIONS) {
                throw new BmffFormatException("moov size did not settle while laying out the output");
            }
            moovSize = moovBytes.length;
        }

        RangeCopier original = new RangeCopier(sources.originalInput, out);
        if (ftyp != null) {
            original.copy(ftyp.offset(), ftyp.size());
        }
        original.write(moovBytes);
        for (BoxHeader h : kept) {
            original.copy(h.offset(), h.size());
        }
        ByteBuffer header = ByteBuffer.allocate(mdatHeader);
        if (mdatHeader == 16) {
            header.putInt(1).putInt(BoxTypes.MDAT).putLong(16 + dataBytes);
        } else {
            header.putInt((int) (8 + dataBytes)).putInt(BoxTypes.MDAT);
        }
        original.write(header.array());
        RangeCopier[] copiers = new RangeCopier[tracks.size()];
        for (int t = 0; t < tracks.size(); t++) {
            Track samples = sources.samplesOf(tracks.get(t));
            copiers[t] = samples == tracks.get(t) ? original : sources.copier(samples, out);
        }
        for (Chunk c : chunks) {
            copiers[c.trackIndex].copy(c.offset, c.size);
        }
    }
}
