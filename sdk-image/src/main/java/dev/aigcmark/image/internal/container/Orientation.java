package dev.aigcmark.image.internal.container;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * EXIF orientation (tag 0x0112): how stored pixels are turned for display. Decoders ignore it, so a label drawn
 * on stored pixels of a phone photo (orientation 6) would show up sideways in the wrong corner. We draw on the
 * display view and turn it back; each turn is an exact pixel permutation, so nothing else changes.
 */
public final class Orientation {
    public static final int TAG = 0x0112;

    private Orientation() {
    }

    /** The orientation in a JPEG's EXIF APP1, 1 (as stored) when absent or invalid. */
    public static int ofJpeg(byte[] b, JpegStructure st) {
        for (JpegStructure.Segment s : st.segments()) {
            if (s.marker() == JpegStructure.APP1 && Bytes.startsWith(b, s.dataOffset(), s.end(), Bytes.ascii("Exif\0"))) {
                try {
                    return ofTiff(TiffStructure.open(b, s.dataOffset() + 6, s.end()));
                } catch (TiffStructure.MalformedException ignored) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /** The orientation in IFD0 of a TIFF (a TIFF file, or a JPEG's EXIF block), 1 when absent or invalid. */
    public static int ofTiff(TiffStructure t) {
        try {
            var e = t.ifd(t.firstIfdOffset()).entry(TAG);
            long v = e.isPresent() ? t.scalar(e.get()) : 1;
            return v >= 1 && v <= 8 ? (int) v : 1;
        } catch (TiffStructure.MalformedException ignored) {
            return 1;
        }
    }

    /** The image as displayed. */
    public static BufferedImage toDisplay(BufferedImage stored, int orientation) {
        if (orientation == 1) {
            return stored;
        }
        boolean swap = orientation >= 5;
        int w = stored.getWidth();
        int h = stored.getHeight();
        BufferedImage display = blank(stored, swap ? h : w, swap ? w : h);
        permute(stored.getRaster(), display.getRaster(), orientation, w, h, true);
        return display;
    }

    /** Writes a display-oriented image back into {@code stored}'s orientation (a new image of its type). */
    public static BufferedImage fromDisplay(BufferedImage display, BufferedImage stored, int orientation) {
        if (orientation == 1) {
            return display;
        }
        BufferedImage out = blank(stored, stored.getWidth(), stored.getHeight());
        permute(out.getRaster(), display.getRaster(), orientation, stored.getWidth(), stored.getHeight(), false);
        return out;
    }

    private static BufferedImage blank(BufferedImage like, int w, int h) {
        return new BufferedImage(like.getColorModel(), like.getColorModel().createCompatibleWritableRaster(w, h),
                like.isAlphaPremultiplied(), null);
    }

    /** For every display pixel, the stored pixel it shows; copies stored to display or back. */
    private static void permute(WritableRaster stored, WritableRaster display, int o, int w, int h, boolean toDisplay) {
        Object pixel = null;
        for (int dy = 0; dy < display.getHeight(); dy++) {
            for (int dx = 0; dx < display.getWidth(); dx++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> { sx = w - 1 - dx; sy = dy; }
                    case 3 -> { sx = w - 1 - dx; sy = h - 1 - dy; }
                    case 4 -> { sx = dx; sy = h - 1 - dy; }
                    case 5 -> { sx = dy; sy = dx; }
                    case 6 -> { sx = dy; sy = h - 1 - dx; }
                    case 7 -> { sx = w - 1 - dy; sy = h - 1 - dx; }
                    case 8 -> { sx = w - 1 - dy; sy = dx; }
                    default -> { sx = dx; sy = dy; }
                }
                if (toDisplay) {
                    pixel = stored.getDataElements(sx, sy, pixel);
                    display.setDataElements(dx, dy, pixel);
                } else {
                    pixel = display.getDataElements(dx, dy, pixel);
                    stored.setDataElements(sx, sy, pixel);
                }
            }
        }
    }
}
