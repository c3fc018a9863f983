package dev.aigcmark.video.internal.audio.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.video.internal.audio.container.Pieces;
import dev.aigcmark.video.internal.audio.pcm.Pcm;
import dev.aigcmark.video.internal.audio.pcm.WavPcm;
import dev.aigcmark.video.internal.audio.watermark.AudioSamplesView;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of a PCM WAV: the detector's {@link AudioSamplesView}, and the content edit that embeds our watermark.
 * The edit rewrites only the {@code data} payload, in the file's own sample format; every chunk before and after it
 * is copied byte for byte (the label and C2PA are written afterwards by the {@link WavHandler}).
 */
final class WavContent {
    /** Float copies held while embedding, per channel: the channel, its 16 kHz host, the mark and the mark upsampled. */
    private static final int FLOATS_PER_FRAME_AND_CHANNEL = 3;

    private WavContent() {
    }

    static AudioSamplesView view(MediaInput input, SdkContext context) {
        return maxSeconds -> {
            WavPcm.Format f = WavPcm.format(input, context.limits());
            return WavPcm.readFirst(input, f, (long) Math.ceil(maxSeconds * f.sampleRate()));
        };
    }

    static List<String> mark(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
            throws IOException {
        if (edit.watermarkPayload() == null) {
            throw new ContentNotSupportedException("the explicit audio prompt is not inserted yet; only the watermark is");
        }
        WavPcm.Format f = WavPcm.format(input, context.limits());
        long maxFrames = context.limits().maxInMemoryBytes() / (4L * FLOATS_PER_FRAME_AND_CHANNEL * (f.channels() + 1));
        long frames = f.dataSize() / f.frameBytes();
        if (frames > maxFrames) {
            throw new ContentNotSupportedException(String.format(java.util.Locale.ROOT,
                    "%.0f s of %d-channel audio is over the in-memory limit for watermarking (%.0f s)",
                    frames / (double) f.sampleRate(), f.channels(), maxFrames / (double) f.sampleRate()));
        }
        Pcm pcm = WavPcm.read(input, f, maxFrames);
        new AudioWatermarker(context.requireIdentity().watermarkKey(), edit.watermarkPayload())
                .embed(pcm.channels(), pcm.sampleRate());
        byte[] data = WavPcm.encode(pcm, f);
        long after = f.dataOffset() + data.length;
        new Pieces().range(0, f.dataOffset()).bytes(data).range(after, input.size() - after).writeTo(input, output);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(java.util.Locale.ROOT, "audio: watermark %s embedded in %d channel(s), %.1f s at %d Hz, %d-bit%s",
                dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec.SCHEME, f.channels(), pcm.seconds(),
                f.sampleRate(), f.bits(), f.floating() ? " float" : " PCM"));
        if (edit.explicitLabel() != null) {
            notes.add("audio: the explicit prompt (Morse rhythm of AI) is not inserted yet");
        }
        return notes;
    }
}
