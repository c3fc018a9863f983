package dev.aigcmark.bench;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.video.internal.audio.watermark.AudioWatermarker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The audio watermark's embed in thread CPU time (far less disturbed by a loaded machine than wall time), against the
 * issue's bar of 1 % of real time per channel: 10 s of one channel (the JMH
 * benchmark's host) embedded N times per round after a warm-up, 7 rounds; prints each round's mean per operation, the
 * median round and its share of real time, and the same for copying the channel (the JMH baseline).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.AudioEmbedCpuTimer [RATE] [N]</pre>
 */
public final class AudioEmbedCpuTimer {
    private AudioEmbedCpuTimer() {
    }

    public static void main(String[] args) {
        TimerArgs a = TimerArgs.of(args, 0, "AudioEmbedCpuTimer [RATE] [N]");
        int rate = a.number(0, 44100);
        int n = a.number(1, 10);
        WatermarkKey key = new WatermarkKey(0x1234, "benchmark-watermark-key!".getBytes(StandardCharsets.US_ASCII));
        AudioWatermarker watermarker = new AudioWatermarker(key, WatermarkPayload.of(key, 99).toBytes());
        float[] pristine = AudioWatermarkBenchmark.host(rate);
        float[] channel = pristine.clone();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3 * n; i++) { // warm-up: the JIT compiles the FFT, resampler and shaping
            System.arraycopy(pristine, 0, channel, 0, channel.length);
            watermarker.embed(channel, rate);
        }
        int rounds = 7;
        double[] embed = new double[rounds];
        double[] copy = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                System.arraycopy(pristine, 0, channel, 0, channel.length);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                System.arraycopy(pristine, 0, channel, 0, channel.length);
                watermarker.embed(channel, rate);
            }
            long c2 = mx.getCurrentThreadCpuTime();
            copy[round] = (c1 - c0) / 1e6 / n;
            embed[round] = (c2 - c1) / 1e6 / n;
            System.out.printf(Locale.ROOT, "round %d: embed %.1f ms, copy %.3f ms per %d s of one channel at %d Hz%n",
                    round + 1, embed[round], copy[round], AudioWatermarkBenchmark.SECONDS, rate);
        }
        Arrays.sort(embed);
        Arrays.sort(copy);
        double median = embed[rounds / 2];
        System.out.printf(Locale.ROOT, "embed median %.1f ms (min %.1f, max %.1f) = %.2f %% of real time per channel "
                        + "(bar 1 %%); copy median %.3f ms%n", median, embed[0], embed[rounds - 1],
                median / (AudioWatermarkBenchmark.SECONDS * 10.0), copy[rounds / 2]);
    }
}
