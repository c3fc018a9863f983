package dev.aigcmark.video.internal.remux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.RangeCopier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.video.internal.demux.Movie;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.demux.Track;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * The two files a marked movie is assembled from, demuxed by our reader: the original (every track but the marked
 * video, the metadata, the layout) and the encoder's video-only MP4 (the new video samples and their description).
 */
final class Sources implements Closeable {
    final MediaInput originalInput;
    final Movie original;
    final MediaInput encodedInput;
    final Movie encoded;
    final Track video;
    final Track newVideo;

    Sources(Path originalPath, Path encodedPath, int videoTrackId, ReadLimits limits) throws IOException {
        originalInput = MediaInput.of(originalPath);
        encodedInput = MediaInput.of(encodedPath);
        try {
            original = Mp4Demuxer.open(originalInput, limits);
            encoded = Mp4Demuxer.open(encodedInput, limits);
            video = original.tracks().stream().filter(t -> t.id() == videoTrackId).findFirst()
                    .orElseThrow(() -> new BmffFormatException("the original has no track " + videoTrackId));
            newVideo = encoded.video().orElseThrow(() -> new BmffFormatException("the encoder wrote no video track"));
            if (newVideo.timescale() != video.timescale()) {
                throw new IOException("the encoder wrote timescale " + newVideo.timescale() + " instead of "
                        + video.timescale());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A fresh copy of the original's moov (the demuxed tree stays untouched). */
    Box originalMoov() throws IOException {
        return original.top().load(original.top().single(BoxTypes.MOOV), original.top().limits().maxInMemoryBytes());
    }

    /** A fresh copy of the encoded video track's {@code stbl}. */
    Box encodedStbl() throws IOException {
        Box moov = encoded.top().load(encoded.top().single(BoxTypes.MOOV), encoded.top().limits().maxInMemoryBytes());
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            if (Boxes.trackId(trak) == newVideo.id()) {
                return Boxes.stbl(trak);
            }
        }
        throw new BmffFormatException("the encoded video track disappeared");
    }

    /** The track whose samples go into the output for {@code trackId}: the new video, or the original's. */
    Track samplesOf(Track originalTrack) {
        return originalTrack.id() == video.id() ? newVideo : originalTrack;
    }

    RangeCopier copier(Track samplesTrack, WritableByteChannel out) {
        return samplesTrack == newVideo ? new RangeCopier(encodedInput, out)
                : new RangeCopier(originalInput, out);
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : new Closeable[] {originalInput, encodedInput}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
