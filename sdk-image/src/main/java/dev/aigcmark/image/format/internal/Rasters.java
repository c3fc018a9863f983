package dev.aigcmark.image.format.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.core.spi.ViewUnavailableException;
import org.apache.commons.imaging.Imaging;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Decodes pixels lazily, refusing images over {@link ReadLimits#maxPixels()} before allocating them
 * (a 60000 x 60000 header must not become a 14 GB raster).
 */
public final class Rasters {
    private Rasters() {
    }

    /**
     * A view factory for {@link dev.aigcmark.core.spi.Container.Builder#view}; throws
     * {@link ViewUnavailableException} with the reason when decoding fails.
     */
    public static Supplier<RasterView> lazy(byte[] file, ReadLimits limits) {
        return () -> {
            try {
                BufferedImage img = decode(file, limits);
                if (img == null) {
                    throw new ViewUnavailableException("no decoder for this image");
                }
                return () -> img;
            } catch (IOException | RuntimeException e) {
                throw e instanceof ViewUnavailableException v ? v
                        : new ViewUnavailableException("cannot decode the pixels: " + e.getMessage(), e);
            }
        };
    }

    /** Decodes the first image: WebP with {@link WebpDecoder}, others with ImageIO where it has a reader, else commons-imaging. */
    public static BufferedImage decode(byte[] file, ReadLimits limits) throws IOException {
        if (RiffStructure.sniff(file, file.length, "WEBP")) {
            return WebpDecoder.decode(file, limits);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader r = readers.next();
                try {
                    r.setInput(in, true, true);
                    check((long) r.getWidth(0) * r.getHeight(0), limits);
                    return r.read(0);
                } finally {
                    r.dispose();
                }
            }
        }
        try {
            Dimension d = Imaging.getImageSize(file);
            check((long) d.width * d.height, limits);
            return Imaging.getBufferedImage(file);
        } catch (org.apache.commons.imaging.ImagingException e) {
            throw new IOException("cannot decode the image: " + e.getMessage(), e);
        }
    }

    static void check(long pixels, ReadLimits limits) throws IOException {
        if (pixels <= 0 || pixels > limits.maxPixels()) {
            throw new dev.aigcmark.core.io.UnreadableInputException("image has " + pixels
                    + " pixels, outside the decoding limit of " + limits.maxPixels());
        }
    }
}
