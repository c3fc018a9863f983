package dev.aigcmark.image.format.internal;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.image.format.internal.RiffStructure.Chunk;

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
        for (Chunk c : st.chunks()) {
            if (c.fourcc().equals("VP8X") || BITSTREAMS.contains(c.fourcc())) {
                int[] size = WebpLayout.canvasSize(file, c);
                Rasters.check((long) size[0] * size[1], limits);
            }
        }
        ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (RuntimeException e) {
            // the decoder's own defence against corrupt bitstreams is an unchecked exception
            throw new UnreadableInputException("cannot decode the WebP bitstream: " + e);
        } finally {
            reader.dispose();
        }
    }
}
