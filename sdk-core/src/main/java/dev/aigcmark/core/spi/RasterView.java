package dev.aigcmark.core.spi;

import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** Decoded pixels of an image (or a still frame), for watermark detectors. */
public interface RasterView {
    BufferedImage image();

    /**
     * The status a pixel detector reports when the image's pixels could not be looked at (no decoder for
     * HEIC/AVIF/JPEG XL on the class path, damaged data), so "no watermark" is never claimed unexamined.
     * Empty when the pixels were decoded or the format has none.
     */
    static Optional<Status> notExamined(Container container, String detector) {
        return container.viewUnavailable(RasterView.class).map(reason -> Status.info(StatusCodes.PIXELS_NOT_EXAMINED,
                detector + ": the pixels were not examined (" + reason + ")"));
    }
}
