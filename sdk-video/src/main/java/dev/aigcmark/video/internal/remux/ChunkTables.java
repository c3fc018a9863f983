package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.SampleTables;
import dev.aigcmark.video.internal.demux.SampleIndex;

import java.io.ByteArrayOutputStream;
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

    static void rewrite(Box stbl, SampleIndex samples, long[] chunkOffsets) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        int count = 0;
        int lastPerChunk = -1;
        int lastDescription = -1;
        for (int c = 0; c < samples.chunkCount(); c++) {
            int perChunk = samples.chunkEndSample(c) - samples.chunkFirstSample(c);
            int description = samples.chunkDescription(c);
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
