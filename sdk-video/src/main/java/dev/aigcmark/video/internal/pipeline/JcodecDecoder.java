package dev.aigcmark.video.internal.pipeline;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.video.internal.demux.AvcConfig;
import dev.aigcmark.video.internal.demux.H264ParameterSets;
import dev.aigcmark.video.internal.demux.SampleIndex;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.common.model.Rect;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;

/**
 * jcodec's H.264 decoder fed NAL units. Parameter sets (from {@code avcC} and in-band) pass
 * {@link H264ParameterSets} first. Frames leave in presentation order: one is released once every sample still
 * to come presents later (suffix minimum of the composition times), or when more than {@link #MAX_PENDING} wait
 * (a hostile table must not make us hold the whole clip).
 */
final class JcodecDecoder implements VideoCodecBackend.Decoder {
    static {
        JcodecLogging.install(); // before jcodec's first message, or it prints to stdout
    }

    /** Frames held for reordering at most; x264 needs ≤ 16 (B-pyramids about 4). */
    static final int MAX_PENDING = 16;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;

    private final AvcConfig config;
    private final FramePool pool;
    private final long maxPixels;
    /** minCtsFrom[i]: the smallest composition time of samples i.. (decode order); the last entry is +inf. */
    private final long[] minCtsFrom;
    private final PriorityQueue<VideoFrame> pending = new PriorityQueue<>((a, b) -> Long.compare(a.pts(), b.pts()));
    private H264Decoder h264;
    private byte[][] buffer;
    private long releaseBelow = Long.MIN_VALUE;
    private boolean drained;

    JcodecDecoder(AvcConfig config, SampleIndex samples, long maxPixels, FramePool pool) throws IOException {
        this.config = config;
        this.pool = pool;
        this.maxPixels = maxPixels;
        int n = samples.count();
        this.minCtsFrom = new long[n + 1];
        minCtsFrom[n] = Long.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            minCtsFrom[i] = Math.min(minCtsFrom[i + 1], samples.cts(i));
        }
        this.h264 = newDecoder();
    }

    private H264Decoder newDecoder() throws BmffFormatException {
        H264Decoder d = new H264Decoder();
        List<ByteBuffer> sps = new ArrayList<>();
        List<ByteBuffer> pps = new ArrayList<>();
        for (byte[] s : config.sps()) {
            checkSps(s, 0, s.length);
            sps.add(ByteBuffer.wrap(s, 1, s.length - 1).slice()); // jcodec wants the set after its NAL header
        }
        for (byte[] p : config.pps()) {
            H264ParameterSets.pps(p, 0, p.length);
            pps.add(ByteBuffer.wrap(p, 1, p.length - 1).slice());
        }
        d.addSps(sps);
        d.addPps(pps);
        return d;
    }

    private void checkSps(byte[] nal, int off, int len) throws BmffFormatException {
        H264ParameterSets.Sps sps = H264ParameterSets.sps(nal, off, len, maxPixels);
        if (sps.chromaFormat() != 1 || sps.bitDepth() != 8) {
            throw new BmffFormatException("jcodec decodes 8-bit 4:2:0 H.264 only, not " + sps.bitDepth()
                    + "-bit chroma format " + sps.chromaFormat());
        }
        int luma = sps.width() * sps.height();
        if (buffer == null || buffer[0].length < luma) {
            buffer = new byte[][] {new byte[luma], new byte[luma / 4], new byte[luma / 4]};
        }
    }

    @Override
    public void send(EncodedSample sample) throws IOException {
        List<ByteBuffer> nals = AvcConfig.nalUnits(sample.data(), config.lengthSize());
        for (ByteBuffer nal : nals) {
            int type = nal.get(nal.position()) & 0x1F;
            if (type == NAL_SPS) {
                checkSps(nal.array(), nal.arrayOffset() + nal.position(), nal.remaining());
            } else if (type == NAL_PPS) {
                H264ParameterSets.pps(nal.array(), nal.arrayOffset() + nal.position(), nal.remaining());
            }
        }
        Frame f;
        try {
            f = h264.decodeFrameFromNals(nals, buffer);
        } catch (RuntimeException e) {
            // The class only: HotSpot drops the message of an implicit exception it has thrown often
            // (OmitStackTraceInFastThrow), so with it the same file's report would differ between a fresh JVM and a
            // busy one (a Spark executor, a server). A report must depend on the file alone.
            throw new IOException("jcodec could not decode video sample " + (sample.index() + 1) + ": "
                    + e.getClass().getName(), e);
        }
        if (f != null) {
            pending.add(toFrame(f, sample.pts(), pool));
        }
        releaseBelow = minCtsFrom[Math.min(sample.index() + 1, minCtsFrom.length - 1)];
    }

    @Override
    public void drain() {
        drained = true;
    }

    @Override
    public VideoFrame receive() {
        VideoFrame next = pending.peek();
        if (next != null && (drained || next.pts() < releaseBelow || pending.size() > MAX_PENDING)) {
            return pending.poll();
        }
        return null;
    }

    @Override
    public void reset() throws IOException {
        pending.clear();
        drained = false;
        releaseBelow = Long.MIN_VALUE;
        shutdown(h264);
        h264 = newDecoder();
    }

    private static VideoFrame toFrame(Frame p, long pts, FramePool pool) {
        Rect crop = p.getCrop();
        int width = crop == null ? p.getWidth() : crop.getWidth();
        int height = crop == null ? p.getHeight() : crop.getHeight();
        VideoFrame f = pool.take(width, height);
        f.pts(pts);
        int x0 = crop == null ? 0 : crop.getX();
        int y0 = crop == null ? 0 : crop.getY();
        byte[] out = f.i420();
        copyPlane(p.getPlaneData(0), p.getPlaneWidth(0), x0, y0, out, 0, width, height);
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        copyPlane(p.getPlaneData(1), p.getPlaneWidth(1), x0 / 2, y0 / 2, out, width * height, cw, ch);
        copyPlane(p.getPlaneData(2), p.getPlaneWidth(2), x0 / 2, y0 / 2, out, width * height + cw * ch, cw, ch);
        return f;
    }

    /** jcodec stores samples as signed bytes (value − 128). */
    private static void copyPlane(byte[] src, int srcStride, int x0, int y0, byte[] dst, int dstOff, int w, int h) {
        for (int y = 0; y < h; y++) {
            int s = (y0 + y) * srcStride + x0;
            int d = dstOff + y * w;
            for (int x = 0; x < w; x++) {
                dst[d + x] = (byte) (src[s + x] + 128);
            }
        }
    }

    /**
     * jcodec gives every decoder its own thread pool and no way to stop it: shut it down, or each decoder
     * (one per file verified) would leave idle threads behind.
     */
    private static void shutdown(H264Decoder d) {
        try {
            Field tp = H264Decoder.class.getDeclaredField("tp");
            tp.setAccessible(true);
            if (tp.get(d) instanceof ExecutorService pool) {
                pool.shutdownNow();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A jcodec without that field: its threads are daemons and idle; nothing else to do.
        }
    }

    @Override
    public void close() {
        pending.clear();
        shutdown(h264);
    }
}
