package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxReader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.C2paBox;
import dev.aigcmark.core.internal.bmff.TopLevel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the carriers of an MP4/MOV/M4A file by walking top-level headers and loading only {@code moov} and
 * the metadata {@code uuid} boxes: labels in moov (see {@link MoovLabels}), XMP ({@code uuid} BE7ACFCB... and
 * QuickTime {@code udta/XMP_}), and the C2PA manifest store ({@code uuid} D8FEC3D6...). Sample data is never
 * read. A damaged tail is reported, not fatal, when the metadata before it is whole.
 */
final class Mp4Scanner {
    private final MediaInput input;
    private final ReadLimits limits;
    private final Container.Builder out;

    Mp4Scanner(MediaInput input, ReadLimits limits, Container.Builder out) {
        this.input = input;
        this.limits = limits;
        this.out = out;
    }

    /** Walks the file and returns what the content digest needs of it (see {@link Mp4Content}). */
    Mp4Content.Scanned scan() throws IOException {
        List<BoxHeader> top = topLevel();
        BoxHeader moov = null;
        Box moovBox = null;
        for (BoxHeader h : top) {
            if (h.type() == BoxTypes.MOOV) {
                if (moov != null) {
                    out.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "a second moov box at " + h.offset()
                            + " is ignored"));
                    continue;
                }
                moov = h;
                moovBox = readMoov(h);
            } else if (h.isUuid(BoxTypes.XMP_UUID)) {
                byte[] xmp = payload(h, 0);
                if (xmp != null) {
                    out.carrier(Carrier.nonStandard(CarrierType.XMP, "uuid XMP at " + h.offset(), h.offset(), h.size(), xmp));
                }
            } else if (h.isUuid(BoxTypes.C2PA_UUID)) {
                readC2pa(h);
            } else if (h.type() == BoxTypes.META) {
                readMetaBox(h);
            }
        }
        if (moov == null) {
            out.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "no moov box: the file has no playable movie"));
        }
        return new Mp4Content.Scanned(top, moovBox, limits);
    }

    /** Top-level headers; stops at the first damaged box and reports it, unless nothing could be read at all. */
    private List<BoxHeader> topLevel() throws IOException {
        List<BoxHeader> boxes = new ArrayList<>();
        long size = input.size();
        long pos = 0;
        while (pos < size) {
            try {
                BoxHeader h = BoxReader.header(input, pos, size);
                boxes.add(h);
                pos = h.end();
                if (boxes.size() > limits.maxBoxCount()) {
                    throw new BmffFormatException("more than " + limits.maxBoxCount() + " top-level boxes: over the box count limit", true);
                }
            } catch (BmffFormatException e) {
                if (boxes.isEmpty() || e.limitExceeded()) {
                    throw e;
                }
                out.problem(Status.failure(StatusCodes.ASSET_TRUNCATED, e.getMessage()));
                break;
            }
        }
        return boxes;
    }

    /** Reads the labels and XMP in moov; returns the parsed box, or null when it is unreadable. */
    private Box readMoov(BoxHeader h) throws IOException {
        Box moov;
        try {
            moov = TopLevel.loadBox(input, limits, h, limits.maxInMemoryBytes());
        } catch (BmffFormatException e) {
            out.problem(Status.failure(e.limitExceeded() ? StatusCodes.ASSET_LIMIT : StatusCodes.ASSET_MALFORMED,
                    "moov: " + e.getMessage()));
            return null;
        }
        try {
            for (MoovLabels.Found f : MoovLabels.read(moov)) {
                out.carrier(new Carrier(CarrierType.AIGC_JSON, f.location(), -1, -1,
                        f.text().getBytes(StandardCharsets.UTF_8), f.standard() ? Placement.STANDARD : Placement.NONSTANDARD));
            }
        } catch (BmffFormatException e) {
            out.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "metadata in moov: " + e.getMessage()));
        }
        // Damage the labels survived is still damage: said, without changing the verdict of what was read.
        for (String damage : MoovLabels.damaged(moov)) {
            out.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, damage));
        }
        for (Box udta : moov.children(BoxTypes.UDTA)) {
            for (Box xmp : udta.children(BoxTypes.XMP_)) {
                if (!xmp.isContainer()) {
                    out.carrier(Carrier.nonStandard(CarrierType.XMP, "moov/udta/XMP_", -1, -1, xmp.payload()));
                }
            }
        }
        return moov;
    }

    /** A top-level meta with mdta keys (seen in a few writers): read like moov/meta. */
    private void readMetaBox(BoxHeader h) throws IOException {
        if (h.size() > limits.maxMetadataBytes()) {
            out.problem(Status.failure(StatusCodes.ASSET_LIMIT, "top-level meta of " + h.size() + " bytes skipped"));
            return;
        }
        try {
            Box meta = TopLevel.loadBox(input, limits, h, limits.maxMetadataBytes());
            Box wrapper = Box.container(BoxTypes.MOOV, new byte[0], List.of(meta));
            for (MoovLabels.Found f : MoovLabels.read(wrapper)) {
                out.carrier(Carrier.nonStandard(CarrierType.AIGC_JSON, f.location().replace("moov/meta", "meta"), -1, -1,
                        f.text().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (BmffFormatException e) {
            out.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "top-level meta: " + e.getMessage()));
        }
    }

    /** The C2PA box: FullBox v0, purpose (NUL-terminated), u64 offset, then the JUMBF store. */
    private void readC2pa(BoxHeader h) throws IOException {
        byte[] p = payload(h, 0);
        if (p != null) {
            C2paBox.addCarrier(h, p, out);
        }
    }

    /** The payload after the header (and {@code skip} more bytes), or null when over the metadata limit. */
    private byte[] payload(BoxHeader h, int skip) throws IOException {
        long n = h.payloadSize() - skip;
        if (n > limits.maxMetadataBytes()) {
            out.problem(Status.failure(StatusCodes.ASSET_LIMIT, h.typeName() + " box at " + h.offset() + " has "
                    + n + " bytes, over the metadata limit of " + limits.maxMetadataBytes()));
            return null;
        }
        if (n < 0) {
            throw new UnreadableInputException(h + " is shorter than its header");
        }
        return input.readFully(h.payloadOffset() + skip, (int) n);
    }
}
