package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.io.WorkFolder;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.video.internal.audio.format.CodedAudio;
import dev.aigcmark.video.internal.demux.Movie;
import dev.aigcmark.video.internal.demux.Mp4Demuxer;
import dev.aigcmark.video.internal.demux.Track;
import dev.aigcmark.video.internal.remux.Remuxer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks the sound of an MP4/MOV/M4A: its audio track is decoded, marked ({@link CodedAudio}), encoded again with the
 * same codec, rate, channels and bit rate into an audio-only MP4, and {@link Remuxer} puts the new samples in place
 * of the old ones, every other track (the video) and the metadata copied unchanged (one merge for all the audio
 * tracks). In a video only the watermark goes into the sound: the visible label is on the frames, and a prompt
 * inserted before the sound would put it out of sync with the picture. Every audio track is marked so (a film's dubs and commentaries alike). A movie whose sound
 * cannot be marked here (fragmented, no audio decoder, a track that cannot be) keeps its video marked and its sound
 * as it was, and says so in a note; an M4A reports it as not supported.
 */
final class Mp4AudioTrack {
    private Mp4AudioTrack() {
    }

    /**
     * @param movie  the movie as it stands (the video already marked, when it has one)
     * @param video  whether the movie has a video track
     * @param notes  receives the steps' notes
     * @return the movie with its sound marked, or {@code movie} when nothing was done
     */
    static Path mark(Path movie, boolean video, ContentEdit edit, SdkContext context, WorkFolder work,
                     List<MarkStep> notes) throws IOException {
        ContentEdit sound = video ? new ContentEdit(null, null, edit.watermarkPayload(), null) : edit;
        if (sound.isEmpty()) {
            return movie;
        }
        Movie m;
        try (MediaInput in = MediaInput.of(movie)) {
            m = Mp4Demuxer.open(in, context.limits());
        }
        List<Track> audio = m.tracks().stream().filter(Track::isAudio).toList();
        if (audio.isEmpty() && video) {
            return movie; // a silent video
        }
        try {
            if (audio.isEmpty()) {
                throw new ContentNotSupportedException("no audio track");
            }
            if (m.fragmented()) {
                throw new ContentNotSupportedException("a fragmented movie's sound is not re-encoded");
            }
            // every audio track decoded, marked and encoded apart (the k-th sound track is FFmpeg's k-th audio
            // stream), then one merge puts every new sound in place of its own and copies the rest: the movie is
            // read once for the merge however many dubs it has (a merge per track read it again for each)
            List<MarkStep> steps = new ArrayList<>();
            List<Remuxer.Replacement> replaced = new ArrayList<>();
            for (int k = 0; k < audio.size(); k++) {
                String track = audio.size() == 1 ? "" : "audio track " + (k + 1) + " of " + audio.size() + ": ";
                Path encoded = work.file("sound-" + k + ".mp4");
                List<MarkStep> done;
                try (MediaInput in = MediaInput.of(movie)) {
                    done = CodedAudio.mark(in, k, sound, context, "mp4", encoded);
                } catch (ContentNotSupportedException e) { // the other tracks are still marked
                    if (audio.size() == 1 || k == audio.size() - 1 && replaced.isEmpty()) {
                        throw e;
                    }
                    steps.add(MarkStep.notSupported(MarkStep.Carrier.WATERMARK, track + "not marked, kept as it was ("
                            + e.getMessage() + ")"));
                    continue;
                }
                done.forEach(n -> steps.add(track.isEmpty() ? n : new MarkStep(n.kind(), n.carrier(),
                        track + n.detail())));
                replaced.add(new Remuxer.Replacement(audio.get(k).id(), encoded));
            }
            Path current = work.file("sound-marked.mp4");
            try {
                Remuxer.merge(movie, replaced, current, null, context.limits());
            } catch (UnreadableInputException e) { // our budget, or our own encoder's file unreadable: stop
                throw e;
            } catch (IOException e) {
                throw new ContentNotSupportedException("the marked sound could not be put back: " + e.getMessage());
            }
            notes.addAll(steps);
            return current;
        } catch (ContentNotSupportedException e) {
            if (!video) {
                throw e;
            }
            notes.add(MarkStep.note(MarkStep.Carrier.WATERMARK, "audio track not marked: " + e.getMessage()));
            return movie;
        }
    }
}
