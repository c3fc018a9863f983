package dev.aigcmark.video.pipeline;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.AtomicOutput;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.bmff.BmffFormatException;
import dev.aigcmark.core.bmff.Box;
import dev.aigcmark.core.bmff.BoxHeader;
import dev.aigcmark.core.bmff.BoxTypes;
import dev.aigcmark.core.bmff.ChunkOffsets;
import dev.aigcmark.core.bmff.FourCC;
import dev.aigcmark.core.bmff.OffsetMap;
import dev.aigcmark.core.bmff.RangeCopier;
import dev.aigcmark.core.bmff.SampleTables;
import dev.aigcmark.core.bmff.TopLevel;
import dev.aigcmark.core.bmff.TrackHeaders;
import dev.aigcmark.video.format.MoovLabels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the final file from the backend's video-only output and the original: the new video track, the
 * original audio tracks with their samples copied byte for byte (no re-encoding), the original {@code udta}
 * metadata, and optionally the GB 45438 label. Written fast-start: ftyp, moov, video mdat, audio mdat.
 */
final class Remuxer {
    private static final int MAX_ITERATIONS = 4;

    private record AudioTrack(Box trak, long[] offsets, long[] sizes) {
    }

    private Remuxer() {
    }

    static void merge(Path encoded, Path original, Path output, String labelJson, ReadLimits limits) throws IOException {
        try (MediaInput enc = MediaInput.of(encoded);
             MediaInput orig = MediaInput.of(original);
             FileChannel encChannel = FileChannel.open(encoded, StandardOpenOption.READ);
             FileChannel origChannel = FileChannel.open(original, StandardOpenOption.READ);
             AtomicOutput atomic = AtomicOutput.to(output)) {
            TopLevel e = TopLevel.read(enc, limits);
            TopLevel o = TopLevel.read(orig, limits);
            BoxHeader origMoovHeader = o.single(BoxTypes.MOOV);
            Box origMoov = origMoovHeader == null ? null : o.load(origMoovHeader, limits.maxInMemoryBytes());
            List<AudioTrack> audio = audioTracks(origMoov, orig.size());
            List<BoxHeader> mdats = e.boxes().stream().filter(h -> h.type() == BoxTypes.MDAT).toList();
            long videoBytes = mdats.stream().mapToLong(BoxHeader::size).sum();
            long audioBytes = 0;
            for (AudioTrack a : audio) {
                for (long s : a.sizes) {
                    audioBytes += s;
                }
            }
            byte[] ftyp = ftyp();
            int audioHeader = audioBytes + 8 > 0xFFFFFFFFL ? 16 : 8;

            byte[] moovBytes = null;
            long moovSize = 0;
            for (int i = 0; i < MAX_ITERATIONS; i++) {
                Box moov = e.load(e.single(BoxTypes.MOOV), limits.maxInMemoryBytes());
                ChunkOffsets.remap(moov, videoMap(e, ftyp.length + moovSize));
                long audioData = ftyp.length + moovSize + videoBytes + audioHeader;
                addAudio(moov, origMoov, audio, audioData);
                keepDisplayMatrix(moov, origMoov);
                keepTimes(moov, origMoov);
                copyMetadata(moov, origMoov);
                if (labelJson != null) {
                    MoovLabels.write(moov, labelJson);
                }
                moovBytes = moov.toBytes();
                if (moovBytes.length == moovSize) {
                    break;
                }
                if (i == MAX_ITERATIONS - 1) {
                    throw new BmffFormatException("moov size did not settle while laying out the output");
                }
                moovSize = moovBytes.length;
            }

            try (FileChannel out = FileChannel.open(atomic.temp(), StandardOpenOption.WRITE)) {
                RangeCopier fromEncoded = new RangeCopier(enc, encChannel, out);
                fromEncoded.write(ftyp);
                fromEncoded.write(moovBytes);
                for (BoxHeader m : mdats) {
                    fromEncoded.copy(m.offset(), m.size());
                }
                if (!audio.isEmpty()) {
                    ByteBuffer h = ByteBuffer.allocate(audioHeader);
                    if (audioHeader == 16) {
                        h.putInt(1).putInt(BoxTypes.MDAT).putLong(16 + audioBytes);
                    } else {
                        h.putInt((int) (8 + audioBytes)).putInt(BoxTypes.MDAT);
                    }
                    fromEncoded.write(h.array());
                    RangeCopier fromOriginal = new RangeCopier(orig, origChannel, out);
                    for (AudioTrack a : audio) {
                        for (int c = 0; c < a.offsets.length; c++) {
                            fromOriginal.copy(a.offsets[c], a.sizes[c]);
                        }
                    }
                }
                out.force(false);
            }
            atomic.commit();
        }
    }

    /** The encoded file's chunk offsets, moved as its boxes are laid out after ftyp and the new moov. */
    private static OffsetMap videoMap(TopLevel e, long ftypAndMoov) {
        OffsetMap map = new OffsetMap();
        map.edit(0, ftypAndMoov);
        for (BoxHeader h : e.boxes()) {
            if (h.type() != BoxTypes.MDAT) {
                map.edit(h.end(), -h.size()); // dropped: the old ftyp, free, wide, the old moov
            }
        }
        return map;
    }

    private static List<AudioTrack> audioTracks(Box origMoov, long fileSize) throws BmffFormatException {
        List<AudioTrack> list = new ArrayList<>();
        if (origMoov == null) {
            return list;
        }
        for (Box trak : origMoov.children(BoxTypes.TRAK)) {
            if (TrackHeaders.handler(trak) != FourCC.of("soun")) {
                continue;
            }
            Box stbl = trak.child(BoxTypes.MDIA).child(BoxTypes.MINF).child(BoxTypes.STBL);
            long[] offsets = SampleTables.chunkOffsets(stbl);
            long[] sizes = SampleTables.chunkSizes(stbl, offsets.length);
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] < 0 || sizes[i] < 0 || offsets[i] + sizes[i] > fileSize) {
                    throw new BmffFormatException("audio chunk " + (i + 1) + " lies outside the file");
                }
            }
            list.add(new AudioTrack(trak, offsets, sizes));
        }
        return list;
    }

    private static void addAudio(Box moov, Box origMoov, List<AudioTrack> audio, long audioData) {
        if (audio.isEmpty()) {
            return;
        }
        Box mvhd = moov.child(FourCC.of("mvhd"));
        long toScale = TrackHeaders.movieTimescale(mvhd);
        long fromScale = TrackHeaders.movieTimescale(origMoov.child(FourCC.of("mvhd")));
        int nextId = 1;
        for (Box t : moov.children(BoxTypes.TRAK)) {
            nextId = Math.max(nextId, TrackHeaders.trackId(t.child(FourCC.of("tkhd"))) + 1);
        }
        long duration = TrackHeaders.movieDuration(mvhd);
        long at = audioData;
        int insertAt = moov.children().lastIndexOf(moov.children(BoxTypes.TRAK).get(moov.children(BoxTypes.TRAK).size() - 1)) + 1;
        for (AudioTrack a : audio) {
            Box trak = deepCopy(a.trak);
            TrackHeaders.setTrackId(trak.child(FourCC.of("tkhd")), nextId++);
            duration = Math.max(duration, TrackHeaders.rescaleTrack(trak, fromScale, toScale));
            long[] moved = new long[a.offsets.length];
            for (int i = 0; i < moved.length; i++) {
                moved[i] = at;
                at += a.sizes[i];
            }
            SampleTables.setChunkOffsets(trak.child(BoxTypes.MDIA).child(BoxTypes.MINF).child(BoxTypes.STBL), moved);
            moov.children().add(insertAt++, trak);
        }
        TrackHeaders.setMovieDuration(mvhd, duration);
        TrackHeaders.setNextTrackId(mvhd, nextId);
    }

    /** A phone video's rotation lives in its video tkhd matrix: the re-encoded track keeps it. */
    private static void keepDisplayMatrix(Box moov, Box origMoov) {
        Box from = firstTrack(origMoov, FourCC.of("vide"));
        Box to = firstTrack(moov, FourCC.of("vide"));
        if (from != null && to != null) {
            TrackHeaders.setMatrix(to.child(FourCC.of("tkhd")), TrackHeaders.matrix(from.child(FourCC.of("tkhd"))));
        }
    }

    /**
     * The original's creation and modification times on the movie and its video track, not the encoder's
     * "now": marking does not change when the content was made, and the same input marks to the same bytes.
     */
    private static void keepTimes(Box moov, Box origMoov) {
        if (origMoov == null) {
            return;
        }
        TrackHeaders.copyTimes(origMoov.child(FourCC.of("mvhd")), moov.child(FourCC.of("mvhd")));
        Box from = firstTrack(origMoov, FourCC.of("vide"));
        Box to = firstTrack(moov, FourCC.of("vide"));
        if (from != null && to != null) {
            TrackHeaders.copyTimes(from.child(FourCC.of("tkhd")), to.child(FourCC.of("tkhd")));
            Box fromMdia = from.child(BoxTypes.MDIA);
            Box toMdia = to.child(BoxTypes.MDIA);
            if (fromMdia != null && toMdia != null) {
                TrackHeaders.copyTimes(fromMdia.child(FourCC.of("mdhd")), toMdia.child(FourCC.of("mdhd")));
            }
        }
    }

    private static Box firstTrack(Box moov, int handler) {
        if (moov == null) {
            return null;
        }
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            if (TrackHeaders.handler(trak) == handler && trak.child(FourCC.of("tkhd")) != null) {
                return trak;
            }
        }
        return null;
    }

    /** The original's udta (title, other tags) replaces the encoder's; the label is then set in it. */
    private static void copyMetadata(Box moov, Box origMoov) {
        if (origMoov == null) {
            return;
        }
        Box udta = origMoov.child(BoxTypes.UDTA);
        moov.children().removeIf(b -> b.type() == BoxTypes.UDTA);
        if (udta != null) {
            moov.children().add(deepCopy(udta));
        }
    }

    private static Box deepCopy(Box box) {
        byte[] bytes = box.toBytes();
        try {
            BoxHeader h = new BoxHeader(box.type(), 0, bytes.length > 0 && ByteBuffer.wrap(bytes).getInt(0) == 1 ? 16 : 8,
                    bytes.length, null);
            return Box.parseOne(bytes, h, 0, new dev.aigcmark.core.bmff.BoxBudget(ReadLimits.defaults()));
        } catch (BmffFormatException e) {
            throw new IllegalStateException("a box we serialised did not parse back", e);
        }
    }

    private static byte[] ftyp() {
        ByteBuffer p = ByteBuffer.allocate(20);
        p.putInt(FourCC.of("isom")).putInt(0x200).putInt(FourCC.of("isom")).putInt(FourCC.of("iso2"))
                .putInt(FourCC.of("avc1"));
        return Box.leaf(BoxTypes.FTYP, p.array()).toBytes();
    }
}
