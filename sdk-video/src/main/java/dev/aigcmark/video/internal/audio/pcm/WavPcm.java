package dev.aigcmark.video.internal.audio.pcm;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.internal.riff.RiffChunks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The samples of a PCM WAV ({@code fmt } format 1 integer 8/16/24/32 bits, 3 float 32 bits, or WAVE_FORMAT_EXTENSIBLE
 * of those), read within the limits, and written back in the same sample format in place of the {@code data}
 * chunk's payload (every other chunk is the caller's).
 */
public final class WavPcm {
    /** The sample format of a WAV: its {@code fmt } fields and where {@code data} is. */
    public record Format(int channels, int sampleRate, int bits, boolean floating, long dataOffset, long dataSize) {
        public int frameBytes() {
            return channels * bits / 8;
        }
    }

    private WavPcm() {
    }

    public static Format format(MediaInput in, ReadLimits limits) throws IOException {
        List<RiffChunks.Chunk> chunks = RiffChunks.walk(in, limits);
        RiffChunks.Chunk fmt = null;
        RiffChunks.Chunk data = null;
        for (RiffChunks.Chunk c : chunks) {
            if (c.path().equals("/RIFF:WAVE/fmt ") && fmt == null) {
                fmt = c;
            } else if (c.path().equals("/RIFF:WAVE/data") && data == null) {
                data = c;
            }
        }
        if (fmt == null || data == null || fmt.size() < 16 || fmt.size() > 1024) {
            throw new UnreadableInputException("WAV without a usable fmt and data chunk");
        }
        ByteBuffer f = ByteBuffer.wrap(in.readFully(fmt.dataOffset(), (int) fmt.size())).order(ByteOrder.LITTLE_ENDIAN);
        int tag = f.getShort(0) & 0xFFFF;
        int channels = f.getShort(2) & 0xFFFF;
        int rate = f.getInt(4);
        int bits = f.getShort(14) & 0xFFFF;
        if (tag == 0xFFFE && fmt.size() >= 26) {
            tag = f.getShort(24) & 0xFFFF; // the sub-format GUID's first two bytes
        }
        boolean floating = tag == 3;
        if (!(tag == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(floating && bits == 32)) {
            throw new UnreadableInputException("WAV sample format " + tag + " with " + bits + " bits is not PCM we decode");
        }
        if (channels < 1 || channels > 64 || rate < 1000 || rate > 768_000) {
            throw new UnreadableInputException("WAV with " + channels + " channels at " + rate + " Hz");
        }
        return new Format(channels, rate, bits, floating, data.dataOffset(), Math.min(data.size(), in.size() - data.dataOffset()));
    }

    /** The samples, refusing more than {@code maxFrames} per channel (a bound on memory). */
    public static Pcm read(MediaInput in, Format f, long maxFrames) throws IOException {
        long frames = f.dataSize() / f.frameBytes();
        if (frames > maxFrames) {
            throw new UnreadableInputException("WAV has " + frames + " sample frames, over the limit of " + maxFrames);
        }
        return readFirst(in, f, frames);
    }

    /** The first {@code maxFrames} sample frames (all of them when there are fewer), e.g. what a detector analyses. */
    public static Pcm readFirst(MediaInput in, Format f, long maxFrames) throws IOException {
        long frames = Math.min(maxFrames, f.dataSize() / f.frameBytes());
        if (frames < 1) {
            throw new UnreadableInputException("WAV without samples");
        }
        float[][] ch = new float[f.channels()][(int) frames];
        int bytes = f.bits() / 8;
        byte[] buf = new byte[f.frameBytes() * 4096];
        for (long done = 0; done < frames; ) {
            int n = (int) Math.min(4096, frames - done);
            byte[] b = in.readFully(f.dataOffset() + done * f.frameBytes(), n * f.frameBytes());
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < f.channels(); c++) {
                    ch[c][(int) done + i] = sample(b, (i * f.channels() + c) * bytes, f);
                }
            }
            done += n;
        }
        return new Pcm(ch, f.sampleRate());
    }

    /** The samples encoded in {@code f}'s format (rounded, clipped), for the {@code data} payload. */
    public static byte[] encode(Pcm pcm, Format f) {
        int bytes = f.bits() / 8;
        int channels = pcm.channels().length;
        byte[] out = new byte[pcm.frames() * channels * bytes];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < pcm.frames(); i++) {
            for (int c = 0; c < channels; c++) {
                double v = Math.max(-1, Math.min(1, pcm.channels()[c][i]));
                int at = (i * channels + c) * bytes;
                if (f.floating()) {
                    b.putFloat(at, (float) v);
                } else if (bytes == 1) {
                    out[at] = (byte) (Math.round(Math.min(127, v * 128)) + 128);
                } else {
                    long max = (1L << (f.bits() - 1)) - 1;
                    long q = Math.max(-max - 1, Math.min(max, Math.round(v * (max + 1))));
                    for (int k = 0; k < bytes; k++) {
                        out[at + k] = (byte) (q >>> (8 * k));
                    }
                }
            }
        }
        return out;
    }

    private static float sample(byte[] b, int at, Format f) {
        if (f.floating()) {
            return Float.intBitsToFloat((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24);
        }
        return switch (f.bits()) {
            case 8 -> ((b[at] & 0xFF) - 128) / 128f;
            case 16 -> (short) ((b[at] & 0xFF) | b[at + 1] << 8) / 32768f;
            case 24 -> ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16) / 8388608f;
            default -> ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24) / 2147483648f;
        };
    }
}
