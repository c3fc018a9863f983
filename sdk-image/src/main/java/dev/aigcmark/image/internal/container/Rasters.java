package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.io.BudgetedInputStream;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.core.spi.ViewUnavailableException;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
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
                BufferedImage img = decode(file, limits, true, null);
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
        return decode(file, limits, false, null);
    }

    /**
     * {@link #decode(byte[], ReadLimits)} for pixels to be painted and re-encoded ({@code ImageFormatHandler.repaint}):
     * a colour JPEG comes as {@link #packedRgb(ImageReader) R, G, B bytes}, the order the decoder writes and the
     * encoder reads, rather than ImageIO's B, G, R, so neither side reorders every pixel's bytes. The painter draws
     * the visible label and the watermark in that order ({@link ContentPainter}) and the JPEG encoder takes it, so the
     * file written is byte for byte the one the B, G, R pixels give ({@code PaintingLayoutTest}).
     */
    public static BufferedImage decodeForPainting(byte[] file, ReadLimits limits) throws IOException {
        return decode(file, limits, true, null);
    }

    /**
     * {@link #decodeForPainting(byte[], ReadLimits)}, telling {@code sized} the picture's size once the header is read
     * and before its pixels are decoded (ImageIO's readers only; not told otherwise), so work that needs only the
     * size can start meanwhile.
     */
    public static BufferedImage decodeForPainting(byte[] file, ReadLimits limits, Sized sized) throws IOException {
        return decode(file, limits, true, sized);
    }

    /** Told a picture's size before its pixels are decoded. */
    public interface Sized {
        void sized(int width, int height);
    }

    /**
     * {@link #decode(byte[], ReadLimits)}; with {@code packed} a colour JPEG comes as {@link #packedRgb(ImageReader)
     * R, G, B bytes} rather than ImageIO's B, G, R (for the detectors, which read either order in place, and for
     * {@link #decodeForPainting}).
     */
    private static BufferedImage decode(byte[] file, ReadLimits limits, boolean packed, Sized sized) throws IOException {
        if (RiffStructure.sniff(file, file.length, "WEBP")) {
            return WebpDecoder.decode(file, limits);
        }
        // The decoder reads through the file's budget: each of its reads is a checkpoint (deadline, bytes read).
        FileBudget budget = FileBudget.current();
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new BudgetedInputStream(new ByteArrayInputStream(file), budget))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader r = readers.next();
                try {
                    r.setInput(in, true, true);
                    check(r.getWidth(0), r.getHeight(0), limits);
                    ImageReadParam param = r.getDefaultReadParam();
                    if (packed && "jpeg".equalsIgnoreCase(r.getFormatName())) {
                        packedRgb(r).ifPresent(param::setDestination);
                    }
                    if (sized != null) {
                        sized.sized(r.getWidth(0), r.getHeight(0));
                    }
                    return r.read(0, param);
                } catch (RuntimeException e) {
                    // The JDK's readers throw unchecked exceptions on some damage: its TIFF reader followed a strip
                    // offset of 0xFFFFFFFF into an IndexOutOfBoundsException, which ended `aigc mark` as an internal
                    // error (CI loop run 5, seed 20261210). Damage is "cannot decode", not a crash.
                    throw new UnreadableInputException("cannot decode the image: " + e, e);
                } finally {
                    r.dispose();
                }
            }
        }
        try {
            Dimension d = Imaging.getImageSize(file);
            check(d.width, d.height, limits);
            return Imaging.getBufferedImage(file);
        } catch (ImagingException e) {
            throw new IOException("cannot decode the image: " + e.getMessage(), e);
        }
    }

    /**
     * An empty image of the JPEG's size and colour model, in the R, G, B byte order the decoder itself produces,
     * when ImageIO would decode into B, G, R ({@code TYPE_3BYTE_BGR}, every colour JPEG without a CMYK or
     * non-sRGB profile): the reader then copies each decoded row with one array copy, instead of reordering every
     * pixel's bytes (a third of ImageIO's 10 ms for a 1080p JPEG). The pixels are the same values; the detectors
     * read either order in place ({@link dev.aigcmark.image.internal.PackedRgb}). Empty for other JPEGs.
     */
    private static Optional<BufferedImage> packedRgb(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            return Optional.empty();
        }
        ImageTypeSpecifier first = types.next();
        if (first.getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
            return Optional.empty();
        }
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 3 * w, 3,
                new int[]{0, 1, 2}, null);
        return Optional.of(new BufferedImage(first.getColorModel(), raster, false, null));
    }

    /**
     * Refuses {@code width x height} over {@link ReadLimits#maxPixels()} before any pixel buffer exists; over the
     * limit the file's budget is exceeded, so its report says {@code asset.tooLarge}. An empty or negative size is
     * damage, not size: the pixels cannot be decoded, but the file's budget (and its labels) stay as they are.
     */
    static void check(long width, long height, ReadLimits limits) throws IOException {
        FileBudget budget = FileBudget.current();
        if (width <= 0 || height <= 0) {
            throw new UnreadableInputException("the image declares " + width + "x" + height
                    + " pixels: its pixels cannot be decoded");
        }
        if (width > limits.maxPixels() / height) {
            throw budget.exceed(FileBudget.Limit.PIXELS, "has an image of " + width + "x" + height
                    + " pixels, outside the decoding limit of " + limits.maxPixels());
        }
        budget.checkpoint();
    }
}
