package dev.aigcmark.core.spi;

import java.awt.image.BufferedImage;

/** Decoded pixels of an image (or a still frame), for watermark detectors. */
public interface RasterView {
    BufferedImage image();
}
