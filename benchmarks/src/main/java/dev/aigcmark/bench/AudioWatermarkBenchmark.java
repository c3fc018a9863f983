package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.watermark.AudioDetector;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the audio watermark ({@code aigcmark.audio.v1}) on {@value #SECONDS} s of one channel: embed (resample to
 * 16 kHz, STFT gains, resample back, add) and detect. Real time is the reference the issue sets: embed must take at
 * most 1 % of the audio's duration per channel, i.e. {@value #SECONDS}0 ms per operation here. {@link #baselineCopy}
 * (copying the channel) is the floor measured in the same run. The host is noise shaped like music (a falling
 * spectrum), so no path is flattered by silence.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AudioWatermarkBenchmark {
    static final int SECONDS = 10;

    @Param({"44100", "48000"})
    public int rate;

    private float[] pristine;
    private float[] channel;
    private float[] marked;
    private AudioWatermarker watermarker;
    private WatermarkKey key;

    @Setup(Level.Trial)
    public void setup() {
        key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        pristine = host(rate);
        channel = pristine.clone();
        watermarker = new AudioWatermarker(key, WatermarkPayload.of(key, 99).toBytes());
        marked = pristine.clone();
        watermarker.embed(marked, rate);
    }

    /** {@value #SECONDS} s of one-pole low-passed noise at {@code rate}: more energy low, like music. */
    static float[] host(int rate) {
        SplittableRandom r = new SplittableRandom(20261205);
        float[] x = new float[SECONDS * rate];
        double low = 0;
        for (int i = 0; i < x.length; i++) {
            low = 0.9 * low + 0.1 * (r.nextDouble() * 2 - 1);
            x[i] = (float) (0.5 * low + 0.02 * (r.nextDouble() * 2 - 1));
        }
        return x;
    }

    /** The floor: read and write the channel once. */
    @Benchmark
    public float[] baselineCopy() {
        System.arraycopy(pristine, 0, channel, 0, channel.length);
        return channel;
    }

    /** Embed in one channel of {@value #SECONDS} s (restored from the pristine copy first, which baselineCopy costs). */
    @Benchmark
    public float[] embed() {
        System.arraycopy(pristine, 0, channel, 0, channel.length);
        watermarker.embed(channel, rate);
        return channel;
    }

    /** Detect in {@value #SECONDS} s of marked audio. */
    @Benchmark
    public Optional<?> detect() {
        return new AudioDetector().detect(marked, rate, List.of(key));
    }
}
