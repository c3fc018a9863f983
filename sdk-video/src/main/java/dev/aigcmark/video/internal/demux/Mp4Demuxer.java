package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxBudget;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.TopLevel;
import dev.aigcmark.core.internal.bmff.TrackHeaders;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our own demuxer for ISO-BMFF movies, the only code that interprets the structure of an untrusted MP4/MOV:
 * it walks the top-level boxes with the bounded reader, loads {@code moov} (and each {@code moof}) within the
 * {@link ReadLimits}, and expands the sample tables into {@link SampleIndex}es whose every offset and size lies
 * inside the file. Decoders (jcodec, FFmpeg's libavcodec) then receive one validated sample at a time; no
 * third-party box parser ever sees the file. Work is bounded by the table sizes already in memory, so a
 * hostile file ends in a {@link BmffFormatException}, never a hang.
 */
public final class Mp4Demuxer {
    private static final int MVHD = FourCC.of("mvhd");
    private static final int TKHD = FourCC.of("tkhd");
    private static final int MDHD = FourCC.of("mdhd");
    private static final int STSD = FourCC.of("stsd");
    private static final int MVEX = FourCC.of("mvex");
    private static final int TREX = FourCC.of("trex");

    private Mp4Demuxer() {
    }

    public static Movie open(MediaInput input, ReadLimits limits) throws IOException {
        TopLevel top = TopLevel.read(input, limits);
        BoxHeader moovHeader = top.single(BoxTypes.MOOV);
        if (moovHeader == null) {
            throw new BmffFormatException("no moov box: the file has no playable movie");
        }
        Box moov = top.load(moovHeader, limits.maxInMemoryBytes());
        Box mvhd = moov.child(MVHD);
        if (mvhd == null || mvhd.isContainer() || mvhd.payload().length < 24) {
            throw new BmffFormatException("moov has no readable mvhd");
        }
        long movieTimescale = TrackHeaders.movieTimescale(mvhd);
        long fileSize = input.size();
        BoxBudget budget = new BoxBudget(limits);

        Map<Integer, SampleIndex.Builder> builders = new LinkedHashMap<>();
        Map<Integer, Box> traks = new LinkedHashMap<>();
        Map<Integer, SampleEntry> entries = new HashMap<>();
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            Box tkhd = trak.child(TKHD);
            if (tkhd == null || tkhd.isContainer() || tkhd.payload().length < 24) {
                throw new BmffFormatException("a trak without a readable tkhd");
            }
            int id = TrackHeaders.trackId(tkhd);
            String name = "track " + id;
            if (traks.containsKey(id)) {
                throw new BmffFormatException("two tracks with ID " + id);
            }
            Box stbl = path(trak, name, BoxTypes.MDIA, BoxTypes.MINF, BoxTypes.STBL);
            boolean visual = TrackHeaders.handler(trak) == Track.VIDE;
            entries.put(id, SampleEntry.read(stbl.child(STSD), visual, budget, name));
            SampleIndex.Builder b = new SampleIndex.Builder(fileSize, name);
            SampleTableParser.parse(stbl, b, name);
            builders.put(id, b);
            traks.put(id, trak);
        }

        boolean fragmented = false;
        Map<Integer, FragmentParser.Defaults> defaults = trexDefaults(moov);
        for (BoxHeader h : top.boxes()) {
            if (h.type() == BoxTypes.MOOF) {
                fragmented = true;
                FragmentParser.parse(top.load(h, limits.maxMetadataBytes()), h.offset(), defaults, builders);
            }
        }

        List<Track> tracks = new ArrayList<>();
        for (Map.Entry<Integer, Box> e : traks.entrySet()) {
            Box trak = e.getValue();
            Box mdhd = path(trak, "track " + e.getKey(), BoxTypes.MDIA).child(MDHD);
            long timescale = mediaTimescale(mdhd, e.getKey());
            tracks.add(new Track(e.getKey(), TrackHeaders.handler(trak), timescale, entries.get(e.getKey()),
                    builders.get(e.getKey()).build(), TrackHeaders.matrix(trak.child(TKHD)), trak));
        }
        return new Movie(top, moov, movieTimescale, List.copyOf(tracks), fragmented, isQuickTime(top));
    }

    private static Box path(Box from, String track, int... types) throws BmffFormatException {
        Box b = from;
        for (int t : types) {
            Box next = b.child(t);
            if (next == null || !next.isContainer()) {
                throw new BmffFormatException(track + " has no readable " + FourCC.toString(t));
            }
            b = next;
        }
        return b;
    }

    private static long mediaTimescale(Box mdhd, int id) throws BmffFormatException {
        if (mdhd == null || mdhd.isContainer() || mdhd.payload().length < 24) {
            throw new BmffFormatException("track " + id + " has no readable mdhd");
        }
        byte[] p = mdhd.payload();
        if (p[0] == 1 && p.length < 32) {
            throw new BmffFormatException("track " + id + " mdhd version 1 is cut short");
        }
        long timescale = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(p[0] == 1 ? 20 : 12));
        if (timescale == 0) {
            throw new BmffFormatException("track " + id + " declares a timescale of 0");
        }
        return timescale;
    }

    private static Map<Integer, FragmentParser.Defaults> trexDefaults(Box moov) {
        Map<Integer, FragmentParser.Defaults> map = new HashMap<>();
        Box mvex = moov.child(MVEX);
        if (mvex == null) {
            return map;
        }
        for (Box trex : mvex.children(TREX)) {
            if (trex.isContainer() || trex.payload().length < 24) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(trex.payload());
            map.put(b.getInt(4), new FragmentParser.Defaults(Integer.toUnsignedLong(b.getInt(12)),
                    Integer.toUnsignedLong(b.getInt(16)), b.getInt(20)));
        }
        return map;
    }

    private static boolean isQuickTime(TopLevel top) throws IOException {
        for (BoxHeader h : top.boxes()) {
            if (h.type() == BoxTypes.FTYP) {
                if (h.payloadSize() < 4) {
                    return false;
                }
                return "qt  ".equals(new String(top.input().readFully(h.payloadOffset(), 4), StandardCharsets.ISO_8859_1));
            }
        }
        return true;
    }
}
