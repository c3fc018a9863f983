package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.spi.NotingContentMarker;

/**
 * A still-image handler that marks content by repainting its pixels ({@link ImageFormatHandler#repaint}): its
 * result always says whether the watermark went in, so {@link #markContentNoting} is the one to implement (it returns
 * the step saying the watermark was left out, if it was, else nothing).
 */
interface RepaintingMarker extends NotingContentMarker {
}
