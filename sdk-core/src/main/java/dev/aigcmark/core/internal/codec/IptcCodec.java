package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.label.DigitalSourceType;
import dev.aigcmark.core.mark.IptcSourceType;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;

import java.util.List;
import java.util.Optional;

/**
 * {@code Iptc4xmpExt:DigitalSourceType} in XMP: what Meta and Google read to label uploads. Unsigned, so it is
 * reported VALID at most, as a statement rather than a proof. (Unparseable XMP is reported by the label codec.)
 */
public final class IptcCodec implements MarkCodec {

    @Override
    public String id() {
        return "iptc";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        for (Carrier c : container.carriers(CarrierType.XMP)) {
            Optional<String> uri;
            try {
                uri = XmpPacket.parse(c.data(), context.limits()).digitalSourceType();
            } catch (XmpException e) {
                continue;
            }
            uri.ifPresent(u -> report.mark(new MarkFinding(new IptcSourceType(u, c.location()), TrustState.VALID, null,
                    List.of(Status.info(StatusCodes.IPTC_SOURCE_TYPE, DigitalSourceType.isGenerativeAi(u)
                            ? "declares generative AI (unsigned)" : "declares a non-AI source type (unsigned)")))));
        }
    }
}
