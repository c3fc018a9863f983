package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.TopLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * An ISO-BMFF movie (MP4, MOV, fragmented MP4) after {@link Mp4Demuxer} checked its structure: the top-level
 * boxes, {@code moov} as a tree, and every track with its validated sample index.
 *
 * @param movieTimescale the {@code mvhd} timescale (edit list and track header durations are in it)
 * @param fragmented     whether samples live in movie fragments ({@code moof})
 * @param quickTime      a QuickTime movie ({@code qt  } brand, or no {@code ftyp}): outputs stay MOV
 */
public record Movie(TopLevel top, Box moov, long movieTimescale, List<Track> tracks, boolean fragmented,
                    boolean quickTime) {

    /** The video track to mark or check: the first whose codec we know, else the first video track. */
    public Optional<Track> video() {
        Optional<Track> known = tracks.stream()
                .filter(t -> t.isVideo() && t.entry().videoCodec() != VideoCodec.OTHER && t.samples().count() > 0)
                .findFirst();
        return known.isPresent() ? known : tracks.stream().filter(Track::isVideo).findFirst();
    }

    public long fileSize() {
        try {
            return top.input().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
