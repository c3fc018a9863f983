package dev.aigcmark.core.codec;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.xmp.XmpException;
import dev.aigcmark.core.xmp.XmpPacket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds GB 45438 label texts in carriers: the TC260 property of an XMP packet, or a label JSON carrier. */
public final class LabelCarriers {

    private LabelCarriers() {
    }

    /** A label text found in one carrier. */
    public record Found(Carrier carrier, String json, int copiesInCarrier) {
    }

    /**
     * Every label text in the carriers, in carrier order. XMP that cannot be parsed is reported through
     * {@code xmpProblems} (one message per packet) rather than thrown.
     */
    public static List<Found> find(List<Carrier> carriers, ReadLimits limits, List<String> xmpProblems) {
        List<Found> found = new ArrayList<>();
        for (Carrier c : carriers) {
            if (c.type().equals(CarrierType.AIGC_JSON)) {
                found.add(new Found(c, c.text(), 1));
            } else if (c.type().equals(CarrierType.XMP)) {
                try {
                    XmpPacket xmp = XmpPacket.parse(c.data(), limits);
                    Optional<String> text = xmp.aigcLabelText();
                    text.ifPresent(t -> found.add(new Found(c, t, xmp.aigcLabelCount())));
                } catch (XmpException e) {
                    if (xmpProblems != null) {
                        xmpProblems.add(c.location() + ": " + e.getMessage());
                    }
                }
            }
        }
        return found;
    }
}
