package dev.aigcmark.video.internal.audio.pcm;

/**
 * Decoded audio: one float array per channel, samples in [-1, 1].
 *
 * @param channels the samples of each channel (all the same length)
 * @param sampleRate samples per second
 */
public record Pcm(float[][] channels, int sampleRate) {
    public Pcm {
        if (channels.length == 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("PCM needs at least one channel and a positive rate");
        }
    }

    public int frames() {
        return channels[0].length;
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** The mean of the channels (what a downmix hears; the mark is in every channel alike). */
    public float[] mono() {
        if (channels.length == 1) {
            return channels[0];
        }
        float[] m = new float[frames()];
        for (float[] ch : channels) {
            for (int i = 0; i < m.length; i++) {
                m[i] += ch[i];
            }
        }
        float s = 1f / channels.length;
        for (int i = 0; i < m.length; i++) {
            m[i] *= s;
        }
        return m;
    }
}
