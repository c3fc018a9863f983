package dev.aigcmark.video.detect;

import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.watermark.PayloadCode;
import dev.aigcmark.core.watermark.WatermarkPayload;
import dev.aigcmark.image.watermark.Detection;
import dev.aigcmark.image.watermark.LumaDetector;
import dev.aigcmark.video.pipeline.FrameSource;
import dev.aigcmark.video.pipeline.VideoFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds our mark in a clip. The mark is static in frame coordinates while content moves, so averaging the
 * luma of consecutive frames keeps the mark and blurs the content: each window of {@link #WINDOW} frames is
 * averaged, then re-synchronised and read on its own (the sync search finds the tile position again in every
 * window, so a shift, crop or rescale of the whole clip costs nothing), and the soft bits of every window
 * with a credible sync are added before one Viterbi decode. The average of all frames read is tried last.
 * Measured on a 640x360 clip re-encoded with x264 CRF 28: single frames sync at PNR ≈ 4.7 (noise level) and
 * do not decode; 16-frame windows accumulated decode, and the whole-clip average syncs at PNR ≈ 7.9.
 * Stateless and thread-safe.
 */
public final class VideoDetector {
    /** Frames averaged per window: long enough to lift a codec-weakened mark, short against drifting content. */
    public static final int WINDOW = 16;
    /**
     * Frames read by default (about 4 s at 25 fps, six windows): a CRF 28 re-encode decodes from five, and with
     * jcodec at ≈ 80 ms per 1080p frame a verification stays under ten seconds per file.
     */
    public static final int DEFAULT_MAX_FRAMES = 96;
    /**
     * Sync PNR above which a window's soft bits are accumulated. Unmarked content scores about 3–5, so a few
     * noise windows may pass; their bits are uncorrelated and only add noise, never a payload (CRC + tag).
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

    /** Per-key state across windows. */
    private static final class KeyState {
        final WatermarkKey key;
        final float[] soft = new float[PayloadCode.CODED_BITS];
        int windowsUsed;
        int windowsAlone;
        int framesUsed;
        Optional<WatermarkPayload> alone = Optional.empty();

        KeyState(WatermarkKey key) {
            this.key = key;
        }
    }

    public VideoDetection detect(FrameSource decoder, Collection<WatermarkKey> keys) throws IOException {
        List<KeyState> states = new ArrayList<>();
        keys.forEach(k -> states.add(new KeyState(k)));
        int w = decoder.width();
        int h = decoder.height();
        int[] window = new int[w * h];
        int[] whole = new int[w * h];
        byte[] plane = new byte[w * h];
        int inWindow = 0;
        int frames = 0;
        int windows = 0;
        double bestPnr = 0;
        VideoFrame f;
        FileBudget budget = FileBudget.current();
        while (frames < maxFrames && (f = decoder.next()) != null) {
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
                bestPnr = Math.max(bestPnr, readWindow(window, inWindow, plane, w, h, states));
                for (int i = 0; i < window.length; i++) {
                    whole[i] += window[i];
                }
                Arrays.fill(window, 0);
                inWindow = 0;
            }
        }
        if (inWindow > 0) {
            windows++;
            bestPnr = Math.max(bestPnr, readWindow(window, inWindow, plane, w, h, states));
            for (int i = 0; i < window.length; i++) {
                whole[i] += window[i];
            }
        }
        for (KeyState s : states) {
            Optional<WatermarkPayload> p = s.windowsUsed > 0 ? LumaDetector.decode(s.soft, s.key) : Optional.empty();
            if (p.isEmpty()) {
                p = s.alone;
            }
            if (p.isPresent()) {
                double agree = PayloadCode.agreement(s.soft, p.get().toBytes());
                return found(p.get(), s, agree, frames, windows, s.framesUsed, bestPnr);
            }
        }
        // Last resort for strongly degraded clips: the average of every frame read, as one plane.
        if (frames > WINDOW) {
            average(whole, frames, plane);
            for (KeyState s : states) {
                Detection d = LumaDetector.detect(plane, w, h, w, s.key);
                bestPnr = Math.max(bestPnr, d.pnr());
                if (d.found()) {
                    return found(d.payload().get(), s, PayloadCode.agreement(d.softBits(), d.payload().get().toBytes()),
                            frames, windows, frames, bestPnr);
                }
            }
        }
        double none = Math.min(0.49, bestPnr / (2 * LumaDetector.PNR_THRESHOLD));
        return new VideoDetection(Optional.empty(), Optional.empty(), none, frames, windows, 0, 0, bestPnr);
    }

    private static VideoDetection found(WatermarkPayload p, KeyState s, double agree, int frames, int windows,
                                        int framesUsed, double bestPnr) {
        double confidence = 0.9 + 0.1 * Math.max(0, Math.min(1, (agree - 0.6) / 0.4));
        return new VideoDetection(Optional.of(p), Optional.of(s.key), confidence, frames, windows, framesUsed,
                s.windowsAlone, bestPnr);
    }

    /** Averages a window, detects with every key, accumulates credible soft bits; returns the best PNR. */
    private static double readWindow(int[] sum, int n, byte[] plane, int w, int h, List<KeyState> states) {
        average(sum, n, plane);
        double best = 0;
        for (KeyState s : states) {
            Detection d = LumaDetector.detect(plane, w, h, w, s.key);
            best = Math.max(best, d.pnr());
            if (d.found()) {
                s.windowsAlone++;
                s.alone = s.alone.isPresent() ? s.alone : d.payload();
            }
            float[] soft = d.softBits();
            if ((d.found() || d.pnr() >= ACCUMULATE_PNR) && soft.length == PayloadCode.CODED_BITS) {
                s.windowsUsed++;
                s.framesUsed += n;
                for (int i = 0; i < soft.length; i++) {
                    s.soft[i] += soft[i];
                }
            }
        }
        return best;
    }

    private static void average(int[] sum, int n, byte[] plane) {
        int half = n / 2;
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (byte) ((sum[i] + half) / n);
        }
    }

    /** The keys to try: the verifier's own and every registry platform's published detection key. */
    public static List<WatermarkKey> keysFrom(dev.aigcmark.core.SdkContext context) {
        List<WatermarkKey> keys = new ArrayList<>();
        context.identity().ifPresent(id -> keys.add(id.watermarkKey()));
        context.trust().platforms().forEach(p -> p.watermarkKey().filter(k -> !keys.contains(k)).ifPresent(keys::add));
        return keys;
    }
}
