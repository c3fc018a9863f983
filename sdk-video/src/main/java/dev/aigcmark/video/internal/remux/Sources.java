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
 * one, the metadata, the layout) and the encoder's single-track MP4 (the new video or audio samples and their
 * description).
 */
final class Sources implements Closeable {
    final MediaInput originalInput;
    final Movie original;
    final MediaInput encodedInput;
    final Movie encoded;
    /** The original's track whose samples are replaced (the video, or the audio). */
    final Track replaced;
    /** The encoder's track of the same kind, whose samples and sample description replace them. */
    final Track replacement;

    Sources(Path originalPath, Path encodedPath, int replacedTrackId, ReadLimits limits) throws IOException {
        originalInput = MediaInput.of(originalPath);
        encodedInput = MediaInput.of(encodedPath);
        try {
            original = Mp4Demuxer.open(originalInput, limits);
            encoded = Mp4Demuxer.open(encodedInput, limits);
            replaced = original.tracks().stream().filter(t -> t.id() == replacedTrackId).findFirst()
                    .orElseThrow(() -> new BmffFormatException("the original has no track " + replacedTrackId));
            replacement = encoded.tracks().stream().filter(t -> t.handler() == replaced.handler()).findFirst()
                    .orElseThrow(() -> new BmffFormatException("the encoder wrote no " + replaced.handlerName()
                            + " track"));
            if (replacement.timescale() != replaced.timescale()) {
                throw new IOException("the encoder wrote timescale " + replacement.timescale() + " instead of "
                        + replaced.timescale());
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

    /** A fresh copy of the encoder's track ({@code trak}). */
    Box encodedTrak() throws IOException {
        Box moov = encoded.top().load(encoded.top().single(BoxTypes.MOOV), encoded.top().limits().maxInMemoryBytes());
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            if (Boxes.trackId(trak) == replacement.id()) {
                return trak;
            }
        }
        throw new BmffFormatException("the encoded track disappeared");
    }

    /** A fresh copy of the encoder's track's {@code stbl}. */
    Box encodedStbl() throws IOException {
        return Boxes.stbl(encodedTrak());
    }

    /** The track whose samples go into the output for {@code trackId}: the re-encoded one, or the original's. */
    Track samplesOf(Track originalTrack) {
        return originalTrack.id() == replaced.id() ? replacement : originalTrack;
    }

    RangeCopier copier(Track samplesTrack, WritableByteChannel out) {
        return samplesTrack == replacement ? new RangeCopier(encodedInput, out)
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
