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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a marked movie is assembled from, demuxed by our reader: the original (every track but the marked ones,
 * the metadata, the layout) and, for each re-encoded track, the encoder's single-track MP4 (the new video or audio
 * samples and their description). A video is one track replaced; a movie's several sounds are all replaced in one
 * pass, so the original is read once however many audio tracks it has.
 */
final class Sources implements Closeable {
    /** One re-encoded track: the original's track, the encoder's file and its track of the same kind. */
    record Replacement(Track replaced, MediaInput input, Movie encoded, Track replacement) {
    }

    final MediaInput originalInput;
    final Movie original;
    /** Every replaced track, in the order asked. */
    final List<Replacement> replacements;
    /** The first (or only) replacement's encoder file, its original track and its new track (a video's). */
    final MediaInput encodedInput;
    final Movie encoded;
    final Track replaced;
    final Track replacement;
    private final List<MediaInput> inputs = new ArrayList<>();

    Sources(Path originalPath, List<Remuxer.Replacement> asked, ReadLimits limits) throws IOException {
        if (asked.isEmpty()) {
            throw new IllegalArgumentException("no track to replace");
        }
        try {
            originalInput = open(originalPath);
            original = Mp4Demuxer.open(originalInput, limits);
            List<Replacement> list = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (Remuxer.Replacement a : asked) {
                if (!ids.add(a.trackId())) {
                    throw new IllegalArgumentException("track " + a.trackId() + " replaced twice");
                }
                Track replaced = original.tracks().stream().filter(t -> t.id() == a.trackId()).findFirst()
                        .orElseThrow(() -> new BmffFormatException("the original has no track " + a.trackId()));
                MediaInput input = open(a.encoded());
                Movie encoded = Mp4Demuxer.open(input, limits);
                Track replacement = encoded.tracks().stream().filter(t -> t.handler() == replaced.handler())
                        .findFirst().orElseThrow(() -> new BmffFormatException("the encoder wrote no "
                                + replaced.handlerName() + " track"));
                if (replacement.timescale() != replaced.timescale()) {
                    throw new IOException("the encoder wrote timescale " + replacement.timescale() + " instead of "
                            + replaced.timescale());
                }
                list.add(new Replacement(replaced, input, encoded, replacement));
            }
            replacements = List.copyOf(list);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        Replacement first = replacements.get(0);
        encodedInput = first.input();
        encoded = first.encoded();
        replaced = first.replaced();
        replacement = first.replacement();
    }

    private MediaInput open(Path path) throws IOException {
        MediaInput in = MediaInput.of(path);
        inputs.add(in);
        return in;
    }

    /** A fresh copy of the original's moov (the demuxed tree stays untouched). */
    Box originalMoov() throws IOException {
        return original.top().load(original.top().single(BoxTypes.MOOV), original.top().limits().maxInMemoryBytes());
    }

    /** A fresh copy of the encoder's track ({@code trak}) of {@code r}. */
    static Box encodedTrak(Replacement r) throws IOException {
        Movie encoded = r.encoded();
        Box moov = encoded.top().load(encoded.top().single(BoxTypes.MOOV), encoded.top().limits().maxInMemoryBytes());
        for (Box trak : moov.children(BoxTypes.TRAK)) {
            if (Boxes.trackId(trak) == r.replacement().id()) {
                return trak;
            }
        }
        throw new BmffFormatException("the encoded track disappeared");
    }

    /** The replacement of the original's track {@code trackId}, or null when that track is copied. */
    Replacement replacementOf(int trackId) {
        for (Replacement r : replacements) {
            if (r.replaced().id() == trackId) {
                return r;
            }
        }
        return null;
    }

    /** The track whose samples go into the output for {@code originalTrack}: its re-encoded one, or its own. */
    Track samplesOf(Track originalTrack) {
        Replacement r = replacementOf(originalTrack.id());
        return r == null ? originalTrack : r.replacement();
    }

    /** Copies from the file {@code samplesTrack}'s samples are in: an encoder's, or the original. */
    RangeCopier copier(Track samplesTrack, WritableByteChannel out) {
        for (Replacement r : replacements) {
            if (r.replacement() == samplesTrack) {
                return new RangeCopier(r.input(), out);
            }
        }
        return new RangeCopier(originalInput, out);
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (MediaInput c : inputs) {
            try {
                c.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
