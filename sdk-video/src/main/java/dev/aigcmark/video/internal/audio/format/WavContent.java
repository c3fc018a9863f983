package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.pcm.WavPcm;
import dev.aigcmark.video.internal.audio.prompt.Loudness;
import dev.aigcmark.video.internal.audio.prompt.MorsePrompt;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The samples of a PCM WAV: the detector's {@link AudioSamplesView}, and the content edit: the explicit prompt
 * ({@link MorsePrompt}, which lengthens the audio) and our watermark. The edit rewrites only the {@code data} chunk
 * (its size and payload, in the file's own sample format); every chunk before and after it is copied byte for byte
 * (the label and C2PA are written afterwards by the {@link WavHandler}, which also fixes the RIFF size).
 */
final class WavContent {
    private WavContent() {
    }

    static AudioSamplesView view(MediaInput input, SdkContext context) {
        return maxSeconds -> {
            WavPcm.Format f = WavPcm.format(input, context.limits());
            return WavPcm.readFirst(input, f, (long) Math.ceil(maxSeconds * f.sampleRate()));
        };
    }

    static List<MarkStep> mark(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        WavPcm.Format f;
        try {
            f = WavPcm.format(input, context.limits());
        } catch (UnreadableInputException e) { // e.g. ADPCM or A-law: the file is still labelled, as before
            throw new ContentNotSupportedException("the samples are not PCM we decode (" + e.getMessage() + ")");
        }
        long maxFrames = AudioMarks.maxFrames(context.limits().maxInMemoryBytes(), f.channels());
        long frames = f.dataSize() / f.frameBytes();
        if (frames > maxFrames) {
            throw new ContentNotSupportedException(String.format(Locale.ROOT,
                    "%.0f s of %d-channel audio is over the in-memory limit for watermarking (%.0f s)",
                    frames / (double) f.sampleRate(), f.channels(), maxFrames / (double) f.sampleRate()));
        }
        AudioMarks.Marked marked = AudioMarks.apply(WavPcm.read(input, f, maxFrames), edit, context,
                f.bits() + "-bit" + (f.floating() ? " float" : " PCM"));
        Pcm pcm = marked.pcm();
        List<MarkStep> notes = marked.notes();
        byte[] data = WavPcm.encode(pcm, f);
        // the data chunk as it was (declared size and pad byte) is replaced whole; the RIFF size follows the change
        long oldChunk = f.dataSize() + (f.dataSize() & 1);
        long newChunk = data.length + (data.length & 1L);
        long after = Math.min(input.size(), f.dataOffset() + oldChunk);
        byte[] h = input.readFully(4, 4);
        long riff = (h[0] & 0xFFL) | (h[1] & 0xFFL) << 8 | (h[2] & 0xFFL) << 16 | (h[3] & 0xFFL) << 24;
        long newRiff = riff + newChunk - oldChunk;
        if (newRiff > 0xFFFF_FFFFL) {
            throw new ContentNotSupportedException("the WAV would exceed 4 GB with the prompt (RF64 is not written)");
        }
        Pieces out = new Pieces().range(0, 4).bytes(le32(newRiff)).range(8, f.dataOffset() - 12)
                .bytes(le32(data.length)).bytes(data);
        if ((data.length & 1) == 1) {
            out.bytes(new byte[1]);
        }
        out.range(after, input.size() - after).writeTo(input, output);
        return notes;
    }

    private static byte[] le32(long v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
