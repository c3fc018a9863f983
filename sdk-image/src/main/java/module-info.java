/**
 * Still images (JPEG, PNG, WebP, GIF, TIFF, HEIF, AVIF, JPEG XL): format handlers and the image watermark codecs,
 * found through the SPI. A pure provider: it exports no package to everyone, only the internals sdk-video (audio
 * XMP, frame watermarks, label overlay) and sdk-text (the bundled label font) build on.
 */
module dev.aigcmark.image {
    requires dev.aigcmark.core;
    requires java.xml;
    requires org.apache.commons.imaging;
    // WebP decoding through ImageIO; the plug-in also registers itself with ImageIO as a service.
    requires com.twelvemonkeys.imageio.webp;

    exports dev.aigcmark.image.internal.container to dev.aigcmark.video;
    exports dev.aigcmark.image.internal.label to dev.aigcmark.video, dev.aigcmark.text;
    exports dev.aigcmark.image.internal.watermark to dev.aigcmark.video;

    // Keep in step with META-INF/services (read by class-path users); ApiReportTest checks that they agree.
    provides dev.aigcmark.core.spi.FormatHandler with
            dev.aigcmark.image.internal.format.JpegHandler,
            dev.aigcmark.image.internal.format.PngHandler,
            dev.aigcmark.image.internal.format.WebpHandler,
            dev.aigcmark.image.internal.format.GifHandler,
            dev.aigcmark.image.internal.format.TiffHandler,
            dev.aigcmark.image.internal.format.HeifHandler,
            dev.aigcmark.image.internal.format.AvifHandler,
            dev.aigcmark.image.internal.format.JxlHandler;
    provides dev.aigcmark.core.spi.MarkCodec with
            dev.aigcmark.image.internal.watermark.AigcWatermarkCodec,
            dev.aigcmark.image.internal.sd.SdWatermarkCodec;
}
