package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.prompt.Loudness;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The content edit of any audio, on its decoded samples: the explicit prompt ({@link MorsePrompt}, which lengthens
 * the audio; not inserted again where a file already plays it) and our watermark. The same for a WAV's samples and
 * for decoded MP3, FLAC, Ogg, M4A or a video's audio track, which their handlers re-encode afterwards.
 */
final class AudioMarks {
    /** The prompt's level: 3 LU below the programme, heard clearly and never louder than the content. */
    static final double PROMPT_OFFSET_LU = -3;
    /** Float copies held while embedding, per channel: the channel, its 16 kHz host, the mark and the mark upsampled. */
    static final int FLOATS_PER_FRAME_AND_CHANNEL = 3;

    /** The marked samples and the notes for the result's steps. */
    record Marked(Pcm pcm, List<MarkStep> notes, CodedAudio.Timeline timeline) {
    }

    private AudioMarks() {
    }

    /** The longest audio (frames) marked in memory with {@code channels} channels under {@code maxInMemoryBytes}. */
    static long maxFrames(long maxInMemoryBytes, int channels) {
        return maxInMemoryBytes / (4L * FLOATS_PER_FRAME_AND_CHANNEL * (channels + 1));
    }

    /**
     * @param samples what the samples are, for the watermark's note ({@code 16-bit PCM}, {@code mp3 128 kb/s})
     */
    static Marked apply(Pcm pcm, ContentEdit edit, SdkContext context, String samples) {
        return apply(pcm, edit, context, samples, false);
    }

    /**
     * @param inSync the sound must keep its length and timing (a video's): the prompt is played over it ({@link
     *               MorsePrompt#overlay}) rather than inserted
     */
    static Marked apply(Pcm pcm, ContentEdit edit, SdkContext context, String samples, boolean inSync) {
        List<MarkStep> notes = new ArrayList<>();
        CodedAudio.Timeline timeline = CodedAudio.Timeline.NONE;
        if (edit.explicitLabel() != null) {
            List<MorsePrompt.Position> asked = positions(edit.placement());
            final Pcm before = pcm;
            // a file marked before (a propagator asking for the explicit label, a relabel) keeps one prompt per place
            List<MorsePrompt.Position> there = asked.stream().filter(p -> MorsePrompt.presentAt(before, p)).toList();
            List<MorsePrompt.Position> where = asked.stream().filter(p -> !there.contains(p)).toList();
            if (!where.isEmpty()) {
                double programme = Loudness.integrated(pcm);
                pcm = inSync ? MorsePrompt.overlay(pcm, where, PROMPT_OFFSET_LU)
                        : MorsePrompt.insert(pcm, where, PROMPT_OFFSET_LU);
                timeline = inSync ? CodedAudio.Timeline.NONE : timeline(before, where);
                notes.add(MarkStep.note(MarkStep.Carrier.EXPLICIT_LABEL, String.format(Locale.ROOT,
                        "audio: explicit prompt (Morse rhythm of AI) %s %s, %.0f LU relative to the programme's"
                                + " %.1f LUFS", inSync ? "played over the sound (its length and sync kept) at"
                                : "inserted at", names(where), PROMPT_OFFSET_LU, programme)));
            }
            if (!there.isEmpty()) {
                notes.add(MarkStep.note(MarkStep.Carrier.EXPLICIT_LABEL, "audio: explicit prompt (Morse rhythm of AI)"
                        + " already at " + names(there) + ": not inserted again"));
            }
        }
        if (edit.watermarkPayload() != null) {
            new AudioWatermarker(context.requireIdentity().watermarkKey(), edit.watermarkPayload())
                    .embed(pcm.channels(), pcm.sampleRate());
            notes.add(MarkStep.note(MarkStep.Carrier.WATERMARK, String.format(Locale.ROOT,
                    "audio: watermark %s embedded in %d channel(s), %.1f s at %d Hz, %s", AudioWatermarkCodec.SCHEME,
                    pcm.channels().length, pcm.seconds(), pcm.sampleRate(), samples)));
        }
        return new Marked(pcm, notes, timeline);
    }

    /** Where {@link MorsePrompt#insert} put the prompts, in the original's seconds (its cuts), and their length. */
    private static CodedAudio.Timeline timeline(Pcm before, List<MorsePrompt.Position> where) {
        double seconds = before.frames() / (double) before.sampleRate();
        List<Double> at = where.stream().map(p -> switch (p) {
            case START -> 0.0;
            case MIDDLE -> before.frames() / 2 / (double) before.sampleRate();
            case END -> seconds;
        }).distinct().sorted().toList();
        return new CodedAudio.Timeline(at, MorsePrompt.tone(before.sampleRate()).length / (double) before.sampleRate());
    }

    private static String names(List<MorsePrompt.Position> positions) {
        return positions.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" and "));
    }

    /** {@code start} (the default), {@code middle}, {@code end}, {@code both} (start and end), or a comma list. */
    static List<MorsePrompt.Position> positions(String placement) {
        List<MorsePrompt.Position> out = new ArrayList<>();
        for (String p : (placement == null ? "start" : placement).toLowerCase(Locale.ROOT).split(",")) {
            switch (p.strip()) {
                case "middle" -> out.add(MorsePrompt.Position.MIDDLE);
                case "end" -> out.add(MorsePrompt.Position.END);
                case "both" -> out.addAll(List.of(MorsePrompt.Position.START, MorsePrompt.Position.END));
                default -> out.add(MorsePrompt.Position.START); // "start", and a picture's corner names
            }
        }
        return out.stream().distinct().toList();
    }
}
