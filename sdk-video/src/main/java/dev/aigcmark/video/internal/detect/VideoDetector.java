package dev.aigcmark.video.internal.detect;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;
import dev.aigcmark.image.internal.watermark.Detection;
import dev.aigcmark.image.internal.watermark.LumaDetector;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.internal.pipeline.VideoFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds our mark in a clip, reading only what it needs. First keyframes spread over the whole clip: each decodes
 * on its own (cheap even in a 10-minute file), they are the best-quality frames an encoder writes, and their
 * different content averages out while the static mark adds up. Then, if that is not conclusive, consecutive
 * frames from the start averaged in windows of {@link #WINDOW} (the mark is static in frame coordinates while
 * content moves, so averaging lifts a codec-weakened mark): each window is re-synchronised and read on its own,
 * so a shift, crop or rescale of the whole clip costs nothing. Soft bits of every credible read are added before
 * one Viterbi decode; reading stops as soon as the payload is certain ({@link Evidence#certain()}). The average of
 * all frames read is tried last. Stateless and thread-safe.
 */
public final class VideoDetector {
    /** Frames averaged per window: long enough to lift a codec-weakened mark, short against drifting content. */
    public static final int WINDOW = 16;
    /** Keyframes decoded at most in the first pass, spread evenly over the clip. */
    public static final int MAX_KEYFRAMES = 12;
    /**
     * Consecutive frames read at most in the second pass (about 4 s at 25 fps, six windows): a CRF 28 re-encode
     * decodes from five windows.
     */
    public static final int DEFAULT_MAX_FRAMES = 96;
    /**
     * Sync PNR above which a read's soft bits are accumulated. Unmarked content scores about 3–5, so a few
     * noise reads may pass; their bits are uncorrelated and only add noise, never a payload (CRC + tag).
     */
    public static final double ACCUMULATE_PNR = 4.5;

    private final int maxFrames;

    public VideoDetector(int maxFrames) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maxFrames must be at least 1");
        }
        this.maxFrames = maxFrames;
    }

    public VideoDetector() {
        this(DEFAULT_MAX_FRAMES);
    }

    public VideoDetection detect(FrameSource source, Collection<WatermarkKey> keys) throws IOException {
        Evidence evidence = new Evidence(keys);
        int w = source.width();
        int h = source.height();
        byte[] plane = new byte[w * h];
        int keyframes = 0;
        int[] sync = source.track().samples().syncSamples();
        if (sync.length > 1) {
            for (int s : spread(sync, MAX_KEYFRAMES)) {
                VideoFrame f = source.syncFrame(s);
                if (f == null || f.width() != w || f.height() != h) {
                    continue;
                }
                keyframes++;
                System.arraycopy(f.i420(), 0, plane, 0, plane.length);
                evidence.read(plane, w, h, 1);
                if (evidence.certain()) {
                    return evidence.result(keyframes, 0, 0, w, h, null);
                }
            }
            source.seek(0);
        }
        int[] window = new int[w * h];
        int[] whole = new int[w * h];
        int inWindow = 0;
        int frames = 0;
        int windows = 0;
        VideoFrame f;
        FileBudget budget = FileBudget.current();
        while (frames < maxFrames && (f = source.next()) != null) {
            budget.checkpointUnchecked(); // per frame: a long or slow-to-decode video ends at the file's deadline
            if (f.width() != w || f.height() != h) {
                break; // a size change mid-stream: what was read so far decides
            }
            byte[] y = f.i420();
            for (int i = 0; i < window.length; i++) {
                window[i] += y[i] & 0xFF;
            }
            frames++;
            if (++inWindow == WINDOW) {
                windows++;
                average(window, inWindow, plane);
                evidence.read(plane, w, h, inWindow);
                add(whole, window);
                inWindow = 0;
                if (evidence.certain()) {
                    return evidence.result(keyframes, frames, windows, w, h, null);
                }
            }
        }
        if (inWindow > 0) {
            windows++;
            average(window, inWindow, plane);
            evidence.read(plane, w, h, inWindow);
            add(whole, window);
        }
        if (frames > WINDOW) {
            average(whole, frames, plane);
            return evidence.result(keyframes, frames, windows, w, h, plane);
        }
        return evidence.result(keyframes, frames, windows, w, h, null);
    }

    /** Up to {@code n} entries of {@code sync}, evenly spaced, first and last included. */
    static int[] spread(int[] sync, int n) {
        if (sync.length <= n) {
            return sync;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sync[(int) Math.round((double) i * (sync.length - 1) / (n - 1))];
        }
        return out;
    }

    private static void add(int[] whole, int[] window) {
        for (int i = 0; i < window.length; i++) {
            whole[i] += window[i];
        }
        Arrays.fill(window, 0);
    }

    private static void average(int[] sum, int n, byte[] plane) {
        int half = n / 2;
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) ((sum[i] + half) / n);
        }
    }

    /** Soft bits and decodes gathered per key across reads (keyframes, windows). */
    private static final class Evidence {
        private final List<KeyState> states = new ArrayList<>();
        private double bestPnr;

        Evidence(Collection<WatermarkKey> keys) {
            keys.forEach(k -> states.add(new KeyState(k)));
        }

        /** Detects with every key in one plane that stands for {@code frames} frames. */
        void read(byte[] plane, int w, int h, int frames) {
            for (KeyState s : states) {
                Detection d = LumaDetector.detect(plane, w, h, w, s.key);
                bestPnr = Math.max(bestPnr, d.pnr());
                if (d.found()) {
                    s.readsAlone++;
                    if (s.alone.isEmpty()) {
                        s.alone = d.payload();
                    } else if (!s.alone.equals(d.payload())) {
                        s.conflicting = true;
                    }
                }
                float[] soft = d.softBits();
                if ((d.found() || d.pnr() >= ACCUMULATE_PNR) && soft.length == PayloadCode.CODED_BITS) {
                    s.readsUsed++;
                    s.framesUsed += frames;
                    for (int i = 0; i < soft.length; i++) {
                        s.soft[i] += soft[i];
                    }
                    s.accumulated = Optional.empty();
                    s.decoded = false;
                }
            }
        }

        /**
         * Certain: for some key, two reads decoded the same payload on their own, or the accumulated soft bits of
         * at least three reads decode with at least 80% of the coded bits agreeing. Either way the CRC already
         * makes a random decode unlikely; the second condition makes it negligible.
         */
        boolean certain() {
            for (KeyState s : states) {
                if (s.readsAlone >= 2 && !s.conflicting) {
                    return true;
                }
                if (s.readsUsed >= 3) {
                    Optional<WatermarkPayload> p = s.accumulated();
                    if (p.isPresent() && PayloadCode.agreement(s.soft, p.get().toBytes()) >= 0.8) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The payload found (accumulated, else alone, else in {@code whole}, the average of all frames read). */
        VideoDetection result(int keyframes, int frames, int windows, int w, int h, byte[] whole) {
            for (KeyState s : states) {
                Optional<WatermarkPayload> p = s.accumulated();
                if (p.isEmpty()) {
                    p = s.alone;
                }
                if (p.isPresent()) {
                    return found(p.get(), s, PayloadCode.agreement(s.soft, p.get().toBytes()), keyframes, frames,
                            windows, s.framesUsed);
                }
            }
            if (whole != null) {
                for (KeyState s : states) {
                    Detection d = LumaDetector.detect(whole, w, h, w, s.key);
                    bestPnr = Math.max(bestPnr, d.pnr());
                    if (d.found()) {
                        return found(d.payload().get(), s, PayloadCode.agreement(d.softBits(),
                                d.payload().get().toBytes()), keyframes, frames, windows, keyframes + frames);
                    }
                }
            }
            double none = Math.min(0.49, bestPnr / (2 * LumaDetector.PNR_THRESHOLD));
            return new VideoDetection(Optional.empty(), Optional.empty(), none, keyframes + frames, keyframes,
                    windows, 0, 0, bestPnr);
        }

        private VideoDetection found(WatermarkPayload p, KeyState s, double agree, int keyframes, int frames,
                                     int windows, int framesUsed) {
            double confidence = 0.9 + 0.1 * Math.max(0, Math.min(1, (agree - 0.6) / 0.4));
            return new VideoDetection(Optional.of(p), Optional.of(s.key), confidence, keyframes + frames, keyframes,
                    windows, framesUsed, s.readsAlone, bestPnr);
        }
    }

    /** One key's evidence. */
    private static final class KeyState {
        final WatermarkKey key;
        final float[] soft = new float[PayloadCode.CODED_BITS];
        int readsUsed;
        int readsAlone;
        int framesUsed;
        boolean conflicting;
        Optional<WatermarkPayload> alone = Optional.empty();
        Optional<WatermarkPayload> accumulated = Optional.empty();
        boolean decoded;

        KeyState(WatermarkKey key) {
            this.key = key;
        }

        /** The accumulated soft bits decoded (cached until more bits are added). */
        Optional<WatermarkPayload> accumulated() {
            if (!decoded) {
                accumulated = readsUsed > 0 ? LumaDetector.decode(soft, key) : Optional.empty();
                decoded = true;
            }
            return accumulated;
        }
    }

}
