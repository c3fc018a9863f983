package dev.aigcmark.image.internal.container;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.io.BudgetedInputStream;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.image.internal.container.RiffStructure.Chunk;

import java.nio.charset.StandardCharsets;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * WebP pixels (first frame of an animation) with TwelveMonkeys' pure-Java decoder (VP8 lossy, VP8L lossless,
 * VP8X with alpha). Its reader is used by name rather than found through ImageIO, so the limits below are
 * always checked first: the VP8X canvas and every top-level bitstream header must each fit
 * {@link ReadLimits#maxPixels()} before the decoder allocates anything.
 */
public final class WebpDecoder {
    private static final Set<String> BITSTREAMS = Set.of("VP8 ", "VP8L");

    private WebpDecoder() {
    }

    public static BufferedImage decode(byte[] file, ReadLimits limits) throws IOException {
        List<Status> problems = new ArrayList<>();
        RiffStructure st = RiffStructure.parse(file, "WEBP", limits, problems);
        if (st.chunks().isEmpty()) {
            throw new UnreadableInputException("WebP has no image chunk");
        }
        int[] canvas = null;
        boolean animated = false;
        boolean bitstream = false;
        for (Chunk c : st.chunks()) {
            if (c.fourcc().equals("VP8X") || BITSTREAMS.contains(c.fourcc())) {
                int[] size = checkSize(file, c, limits);
                if (c.fourcc().equals("VP8X")) {
                    canvas = size;
                } else {
                    bitstream = true;
                    if (canvas != null && !animated) {
                        checkStillImageFillsCanvas(canvas, size);
                    }
                }
            } else if (c.fourcc().equals("ANMF")) {
                animated = true;
                checkFrame(file, c, limits);
            }
        }
        if (canvas != null && !bitstream && !animated) {
            // Nothing to decode, and the decoder would size its buffers by the canvas first (a fuzzing find: a
            // VP8X canvas of 32x1,507,409 whose only image chunk was damaged peaked at 573 MB).
            throw new UnreadableInputException("WebP VP8X canvas " + canvas[0] + "x" + canvas[1]
                    + " has no VP8 or VP8L bitstream and no animation frame");
        }
        ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new BudgetedInputStream(new ByteArrayInputStream(file), FileBudget.current()))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            FileBudget.current().checkpoint(); // over budget: say so, not "corrupt"
            // a corrupt bitstream shows as an IIOException or, deeper in the decoder, an unchecked exception
            throw new UnreadableInputException("cannot decode the WebP bitstream: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private static int[] checkSize(byte[] file, Chunk c, ReadLimits limits) throws IOException {
        int[] size = WebpLayout.canvasSize(file, c);
        Rasters.check(size[0], size[1], limits);
        return size;
    }

    /**
     * A still image's bitstream must be exactly as large as the VP8X canvas (libwebp's demuxer refuses anything
     * else). Checked before decoding because the decoder sizes its buffers by the canvas: a 32x24 frame in a
     * canvas of 1,507,329x32 (a fuzzing find) made it allocate well over a gigabyte for nothing.
     */
    private static void checkStillImageFillsCanvas(int[] canvas, int[] image) throws UnreadableInputException {
        if (canvas[0] != image[0] || canvas[1] != image[1]) {
            throw new UnreadableInputException("WebP canvas " + canvas[0] + "x" + canvas[1]
                    + " differs from its still image's " + image[0] + "x" + image[1]);
        }
    }

    /** An animation frame: its 16-byte header (offset, size, duration, flags), then ALPH / VP8 / VP8L sub-chunks. */
    private static void checkFrame(byte[] file, Chunk anmf, ReadLimits limits) throws IOException {
        int end = anmf.dataOffset() + anmf.dataLength();
        if (anmf.dataLength() < 16) {
            throw new UnreadableInputException("WebP ANMF chunk at " + anmf.offset() + " is too short");
        }
        int d = anmf.dataOffset();
        Rasters.check(Bytes.u24le(file, d + 6) + 1L, Bytes.u24le(file, d + 9) + 1L, limits);
        long pos = d + 16L;
        while (pos + 8 <= end) {
            String fourcc = new String(file, (int) pos, 4, StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(file, (int) pos + 4);
            if (pos + 8 + size > end) {
                throw new UnreadableInputException("WebP frame sub-chunk at " + pos + " runs past its ANMF chunk");
            }
            if (BITSTREAMS.contains(fourcc)) {
                checkSize(file, new Chunk(fourcc, (int) pos, (int) pos + 8, (int) size, (int) (pos + 8 + size)), limits);
            }
            pos += 8 + size + (size & 1);
        }
    }
}
