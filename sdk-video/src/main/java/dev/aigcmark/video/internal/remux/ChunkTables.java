package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.SampleTables;
import dev.aigcmark.video.internal.demux.SampleIndex;
import dev.aigcmark.video.internal.demux.Track;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.nio.ByteBuffer;

/**
 * Rewrites where a track's chunks are: {@code stsc} (samples per chunk, run-length coded) and {@code stco}/{@code co64}
 * from the chunks our demuxer indexed and their offsets in the output. The sample-level tables (sizes, times, sync
 * samples, sample groups) do not depend on chunking and stay as they are.
 */
final class ChunkTables {
    private static final int STSC = FourCC.of("stsc");

    private ChunkTables() {
    }

    /**
     * How a track's samples are grouped into chunks in the output: chunk {@code c} holds samples {@code first(c)} to
     * {@code end(c) - 1}, described by sample description {@code description(c)}.
     */
    record Layout(int[] firsts, int[] descriptions, int samples) {
        /** The track's own chunks. */
        static Layout of(SampleIndex s) {
            int[] firsts = new int[s.chunkCount()];
            int[] descriptions = new int[s.chunkCount()];
            for (int c = 0; c < firsts.length; c++) {
                firsts[c] = s.chunkFirstSample(c);
                descriptions[c] = s.chunkDescription(c);
            }
            return new Layout(firsts, descriptions, s.count());
        }

        /** The track's chunks, each cut where it would last longer than {@code maxSeconds} (by decode time). */
        static Layout split(Track track, double maxSeconds) {
            SampleIndex s = track.samples();
            List<Integer> firsts = new ArrayList<>();
            List<Integer> descriptions = new ArrayList<>();
            for (int c = 0; c < s.chunkCount(); c++) {
                double start = Double.NEGATIVE_INFINITY;
                for (int i = s.chunkFirstSample(c); i < s.chunkEndSample(c); i++) {
                    double at = track.seconds(s.dts(i));
                    if (i == s.chunkFirstSample(c) || at - start >= maxSeconds) {
                        firsts.add(i);
                        descriptions.add(s.chunkDescription(c));
                        start = at;
                    }
                }
            }
            return new Layout(firsts.stream().mapToInt(Integer::intValue).toArray(),
                    descriptions.stream().mapToInt(Integer::intValue).toArray(), s.count());
        }

        int count() {
            return firsts.length;
        }

        int first(int c) {
            return firsts[c];
        }

        int end(int c) {
            return c + 1 < firsts.length ? firsts[c + 1] : samples;
        }
    }

    static void rewrite(Box stbl, Layout layout, long[] chunkOffsets) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        int count = 0;
        int lastPerChunk = -1;
        int lastDescription = -1;
        for (int c = 0; c < layout.count(); c++) {
            int perChunk = layout.end(c) - layout.first(c);
            int description = layout.descriptions()[c];
            if (perChunk != lastPerChunk || description != lastDescription) {
                ByteBuffer e = ByteBuffer.allocate(12).putInt(c + 1).putInt(perChunk).putInt(description);
                entries.writeBytes(e.array());
                count++;
                lastPerChunk = perChunk;
                lastDescription = description;
            }
        }
        ByteBuffer stsc = ByteBuffer.allocate(8 + entries.size()).putInt(0).putInt(count).put(entries.toByteArray());
        replace(stbl, STSC, Box.leaf(STSC, stsc.array()));
        SampleTables.setChunkOffsets(stbl, chunkOffsets);
    }

    private static void replace(Box stbl, int type, Box with) {
        for (int i = 0; i < stbl.children().size(); i++) {
            if (stbl.children().get(i).type() == type) {
                stbl.children().set(i, with);
                return;
            }
        }
        int at = stbl.children().indexOf(stbl.child(BoxTypes.STCO));
        stbl.children().add(at < 0 ? stbl.children().size() : at, with);
    }
}
