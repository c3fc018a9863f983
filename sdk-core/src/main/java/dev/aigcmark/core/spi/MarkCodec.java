package dev.aigcmark.core.spi;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.report.VerificationReport;

/**
 * One marking scheme's reader: GB 45438 label, IPTC source type, C2PA, our watermark, the Stable Diffusion
 * watermark, text marks. Found through {@link java.util.ServiceLoader}. A codec reads carriers or views of a
 * scanned {@link Container}, verifies what it finds and adds findings; it throws only for bugs.
 */
public interface MarkCodec {

    /** Stable id, e.g. {@code gb45438}, {@code c2pa}, {@code aigcmark-watermark}, {@code sd-watermark}. */
    String id();

    /** Codecs run in ascending order; cross-checks that read earlier findings use a higher order. */
    default int order() {
        return 100;
    }

    void verify(Container container, SdkContext context, VerificationReport.Builder report);
}
