package dev.aigcmark.core.internal.codec;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.label.LabelProblem;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.core.spi.Placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GB 45438 implicit label, wherever a handler found it (XMP, EXIF, PNG text, MP4 ilst, front matter...):
 * Annex E conformance, the producer's and propagator's SecurityData signatures, who signed them, and whether
 * their content bindings match this file (a label moved onto other content fails).
 * Identical copies in several carriers are one mark (noted); differing labels are a conflict (failure),
 * since the standard allows exactly one label per file.
 */
public final class Gb45438Codec implements MarkCodec {

    /** Problems that make a label non-conforming to the mandatory standard; the rest are informational. */

    @Override
    public String id() {
        return "gb45438";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void verify(Container container, SdkContext context, VerificationReport.Builder report) {
        List<String> xmpProblems = new ArrayList<>();
        List<LabelCarriers.Found> found = LabelCarriers.find(container.carriers(), context.limits(), xmpProblems);
        xmpProblems.forEach(p -> report.diagnostic(Status.failure(StatusCodes.ASSET_MALFORMED, "XMP: " + p)));
        Map<String, List<LabelCarriers.Found>> distinct = new LinkedHashMap<>();
        // a label is usually in two carriers with the same text (PDF: info /AIGC and XMP): parsed once
        Map<String, LabelJson.Parsed> parsed = new HashMap<>();
        for (LabelCarriers.Found f : found) {
            String key = parsed.computeIfAbsent(f.json(), LabelJson::parse).label().map(LabelJson::toBareJson)
                    .orElse(f.json());
            distinct.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        if (distinct.size() > 1) {
            report.crossCheck(Status.failure(StatusCodes.LABEL_CONFLICT, distinct.size()
                    + " different GB 45438 labels in one file; the standard allows exactly one"));
        }
        for (List<LabelCarriers.Found> copies : distinct.values()) {
            report.mark(verifyOne(copies, parsed, container, context));
        }
    }

    private MarkFinding verifyOne(List<LabelCarriers.Found> copies, Map<String, LabelJson.Parsed> parsedByJson,
                                  Container container, SdkContext context) {
        // A copy in the standard place speaks for the label: the producer conformed, extra copies are noted.
        LabelCarriers.Found first = copies.stream().filter(c -> c.carrier().placement() == Placement.STANDARD)
                .findFirst().orElse(copies.get(0));
        LabelJson.Parsed parsed = parsedByJson.get(first.json());
        List<Status> statuses = new ArrayList<>();
        if (first.carrier().placement() == Placement.NONSTANDARD) {
            statuses.add(Status.info(StatusCodes.LABEL_PLACEMENT_NONSTANDARD, "label found in " + first.carrier().location()
                    + ", a place real producers use but GB 45438 and the TC260 guides do not name for this format"
                    + " (read for mutual recognition; the standard place is written when the file is marked)"));
        }
        if (copies.size() > 1) {
            statuses.add(Status.info(StatusCodes.LABEL_MULTIPLE, copies.size() + " copies of the same label ("
                    + String.join(", ", copies.stream().map(c -> c.carrier().location()).toList()) + ")"));
        }
        List<LabelProblem> problems = new ArrayList<>(parsed.problems());
        copies.forEach(c -> c.formProblems().stream().filter(p -> !problems.contains(p)).forEach(problems::add));
        for (LabelProblem p : problems) {
            statuses.add(Status.of(p.code(), p.message()));
        }
        AigcLabel label = parsed.label().orElse(new AigcLabel("", "", "", "", "", "", ""));
        if (problems.isEmpty()) {
            statuses.add(Status.success(StatusCodes.LABEL_CONFORMS, "label conforms to GB 45438 Annex E"));
        }
        LabelSignatures.Result sigs = LabelSignatures.check(label, context);
        statuses.addAll(sigs.statuses());
        statuses.addAll(ContentBindings.check(sigs, container));
        ImplicitLabel mark = new ImplicitLabel(label, first.carrier().location(), parsed.wrapped(), problems,
                first.carrier().placement(), parsed.schema(), parsed.vendorFields());
        return new MarkFinding(mark, MarkFinding.stateFrom(statuses, sigs.trusted()), sigs.signer(), statuses);
    }
}
