package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.ebml.Ebml;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlFormatException;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The TrackEntry of a Matroska video track, as far as a decoder needs it: its number (blocks name it), the
 * CodecID and CodecPrivate (for H.264, HEVC and AV1 the same configuration record MP4 keeps in
 * {@code avcC}/{@code hvcC}/{@code av1C}), the coded size and the default frame duration.
 *
 * @param defaultDurationNs nanoseconds per frame when the track declares it, else 0
 * @param encoded           the track's blocks are compressed or encrypted (ContentEncodings): not decodable here
 */
record MatroskaVideoTrack(long number, String codecId, byte[] codecPrivate, int width, int height,
                          long defaultDurationNs, boolean encoded) {
    /** Largest CodecPrivate we read: a configuration record is a few hundred bytes. */
    private static final int MAX_CODEC_PRIVATE = 1 << 20;
    private static final int MAX_CODEC_ID = 64;

    /** Matroska CodecIDs and the MP4 sample entry of the same bitstream (same packets, same configuration record). */
    private static final Map<String, String> SAMPLE_ENTRIES = Map.of("V_MPEG4/ISO/AVC", "avc1",
            "V_MPEGH/ISO/HEVC", "hvc1", "V_VP8", "vp08", "V_VP9", "vp09", "V_AV1", "av01");

    /**
     * The first video track whose codec we decode, else the first video track (so the report can say which codec
     * it has); an {@link UnreadableInputException} when there is none.
     */
    static MatroskaVideoTrack first(EbmlReader reader, EbmlElement tracks) throws IOException {
        MatroskaVideoTrack fallback = null;
        for (EbmlElement e : reader.children(tracks.dataOffset(), tracks.end(), Set.of(), 2)) {
            if (e.id() != MatroskaIds.TRACK_ENTRY) {
                continue;
            }
            MatroskaVideoTrack t = read(reader, e);
            if (t == null) {
                continue;
            }
            if (t.sampleEntry() != null) {
                return t;
            }
            if (fallback == null) {
                fallback = t;
            }
        }
        if (fallback == null) {
            throw new UnreadableInputException("the Matroska file has no video track");
        }
        return fallback;
    }

    /** The entry at {@code e} when it is a video track, else null. */
    private static MatroskaVideoTrack read(EbmlReader reader, EbmlElement entry) throws IOException {
        long number = 0;
        long type = 0;
        String codecId = "";
        byte[] codecPrivate = null;
        long width = 0;
        long height = 0;
        long defaultDuration = 0;
        boolean encoded = false;
        for (EbmlElement c : reader.children(entry.dataOffset(), entry.end(), Set.of(), 3)) {
            long id = c.id();
            if (id == MatroskaIds.TRACK_NUMBER) {
                number = uint(reader, c);
            } else if (id == MatroskaIds.TRACK_TYPE) {
                type = uint(reader, c);
            } else if (id == MatroskaIds.CODEC_ID) {
                codecId = new String(reader.data(c, MAX_CODEC_ID), StandardCharsets.US_ASCII).replace("\0", "");
            } else if (id == MatroskaIds.CODEC_PRIVATE) {
                codecPrivate = reader.data(c, MAX_CODEC_PRIVATE);
            } else if (id == MatroskaIds.DEFAULT_DURATION) {
                defaultDuration = uint(reader, c);
            } else if (id == MatroskaIds.CONTENT_ENCODINGS) {
                encoded = true;
            } else if (id == MatroskaIds.VIDEO) {
                for (EbmlElement v : reader.children(c.dataOffset(), c.end(), Set.of(), 4)) {
                    if (v.id() == MatroskaIds.PIXEL_WIDTH) {
                        width = uint(reader, v);
                    } else if (v.id() == MatroskaIds.PIXEL_HEIGHT) {
                        height = uint(reader, v);
                    }
                }
            }
        }
        if (type != MatroskaIds.TYPE_VIDEO) {
            return null;
        }
        if (number <= 0) {
            throw new EbmlFormatException("a video TrackEntry at " + entry.offset() + " has no TrackNumber");
        }
        return new MatroskaVideoTrack(number, codecId, codecPrivate, (int) Math.min(width, 65535),
                (int) Math.min(height, 65535), defaultDuration, encoded);
    }

    /** An unsigned integer element (at most 8 bytes). */
    static long uint(EbmlReader reader, EbmlElement e) throws IOException {
        byte[] b = reader.data(e, 8);
        return Ebml.readUint(b, 0, b.length);
    }

    /** The MP4 sample entry carrying the same bitstream ({@code avc1}...), or null for a codec we do not decode. */
    String sampleEntry() {
        return SAMPLE_ENTRIES.get(codecId);
    }
}
