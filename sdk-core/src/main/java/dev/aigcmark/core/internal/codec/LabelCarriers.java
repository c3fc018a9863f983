package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.label.LabelProblem;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpNamespaces;
import dev.aigcmark.core.internal.xmp.XmpPacket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds GB 45438 label texts in carriers: the TC260 property of an XMP packet, or a label JSON carrier. */
public final class LabelCarriers {

    private LabelCarriers() {
    }

    /**
     * A label text found in a carrier.
     *
     * @param formProblems how the way it was written departs from Annex E (per-field XMP properties, a
     *                     misspelled namespace): it is still read, and these are reported
     */
    public record Found(Carrier carrier, String json, List<LabelProblem> formProblems) {
        public Found {
            formProblems = List.copyOf(formProblems);
        }
    }

    /**
     * Every label text in the carriers, in carrier order. XMP that cannot be parsed is reported through
     * {@code xmpProblems} (one message per packet) rather than thrown.
     */
    public static List<Found> find(List<Carrier> carriers, ReadLimits limits, List<String> xmpProblems) {
        List<Found> found = new ArrayList<>();
        for (Carrier c : carriers) {
            if (c.type().equals(CarrierType.AIGC_JSON)) {
                found.add(new Found(c, c.text(), List.of()));
            } else if (c.type().equals(CarrierType.XMP)) {
                try {
                    for (XmpPacket.AigcOccurrence o : XmpPacket.parse(c.data(), limits).aigcLabels()) {
                        found.add(new Found(c, o.text(), formProblems(o)));
                    }
                } catch (XmpException e) {
                    if (xmpProblems != null) {
                        xmpProblems.add(c.location() + ": " + e.getMessage());
                    }
                }
            }
        }
        return found;
    }

    private static List<LabelProblem> formProblems(XmpPacket.AigcOccurrence o) {
        List<LabelProblem> problems = new ArrayList<>();
        if (o.form() == XmpPacket.Form.STRUCT || o.form() == XmpPacket.Form.FIELDS) {
            problems.add(new LabelProblem(StatusCodes.LABEL_XMP_FORM, "AIGC", "label written as separate XMP fields ("
                    + o.form().name().toLowerCase(Locale.ROOT) + "); Annex E wants one TC260:AIGC property holding the JSON"));
        }
        if (!o.standardNamespace()) {
            problems.add(new LabelProblem(StatusCodes.LABEL_XMP_NAMESPACE, "AIGC", "label under namespace '" + o.namespace()
                    + "'; Annex E's is " + XmpNamespaces.TC260));
        }
        return problems;
    }
}
