package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.Orientation;
import dev.aigcmark.image.internal.container.TiffReencoder;
import dev.aigcmark.image.internal.container.TiffRewriter;
import dev.aigcmark.image.internal.container.TiffContent;
import dev.aigcmark.image.internal.container.TiffStructure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * TIFF (classic, both byte orders): XMP in IFD0 tag 700, the label also read from EXIF UserComment.
 * Written by our own byte-preserving rewriter (commons-imaging's corrupts big-endian files). Content marking
 * re-encodes one-page files with the JDK TIFF writer, keeping IFD0 (see TiffReencoder).
 */
public final class TiffHandler extends ImageFormatHandler implements LabelWriter, RepaintingMarker, ContentDigester {

    /** Pages of the main IFD chain the content digest follows; multi-page scans have a few hundred at most. */
    static final int MAX_PAGES = 10_000;

    public TiffHandler() {
        super("tiff", "image/tiff", "tif", "tiff");
    }

    static boolean isTiff(byte[] head, int length) {
        return length >= 4 && (Bytes.startsWith(head, 0, length, new byte[]{'I', 'I', 42, 0})
                || Bytes.startsWith(head, 0, length, new byte[]{'M', 'M', 0, 42}));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return isTiff(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        Container.Builder c = Container.builder(this, input);
        if (!isTiff(b, b.length)) {
            throw new UnreadableInputException("not a TIFF: no II*/MM* header");
        }
        TiffStructure t = null;
        try {
            t = TiffStructure.open(b, 0, b.length);
            TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
            ifd0Carrier(t, ifd0, TiffStructure.TAG_XMP, CarrierType.XMP, c, context);
            ifd0Carrier(t, ifd0, TiffStructure.TAG_C2PA, CarrierType.JUMBF, c, context);
            try {
                ExifLabel.carriers(b, 0, b.length, "TIFF", -1, -1).forEach(c::carrier);
            } catch (TiffStructure.MalformedException ex) {
                c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "TIFF EXIF IFD: " + ex.getMessage()));
            }
        } catch (TiffStructure.MalformedException e) {
            c.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "TIFF structure: " + e.getMessage()));
        }
        return finish(c, List.of(), b, t, context);
    }

    /**
     * The value of an IFD0 tag as a carrier spanning exactly the value's bytes (for C2PA: the data hash's
     * exclusion, as the reference writes it).
     */
    private static void ifd0Carrier(TiffStructure t, TiffStructure.Ifd ifd0, int tag, String type, Container.Builder c,
                                    SdkContext context) {
        var entry = ifd0.entry(tag);
        if (entry.isEmpty()) {
            return;
        }
        TiffStructure.Entry e = entry.get();
        try {
            c.carrier(new Carrier(type, "IFD0 tag " + tag + " at " + e.valueOffset(), e.valueOffset(), e.byteLength(),
                    t.value(e, context.limits().maxMetadataBytes())));
        } catch (TiffStructure.MalformedException ex) {
            c.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "TIFF tag " + tag + ": " + ex.getMessage()));
        }
    }

    /** Per page: the pixel-defining tags and the strip or tile bytes (see TiffContent). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        try {
            return TiffContent.digest(structure(scanned, TiffStructure.class), MAX_PAGES);
        } catch (TiffStructure.MalformedException e) {
            throw new UnreadableInputException("TIFF content: " + e.getMessage());
        }
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in IFD0 tag 700"),
                LabelCarrierSpec.tolerated("EXIF UserComment or IFD0 ImageDescription"));
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] loaded = load(input, context);
        try {
            // A producer's label in ImageDescription or UserComment is updated in place (the file keeps one label).
            byte[] exifUpdated = ExifLabel.withLabel(loaded, 0, loaded.length, LabelJson.toWrappedJson(edit.label()));
            byte[] b = exifUpdated != null ? exifUpdated : loaded;
            TiffStructure t = TiffStructure.open(b, 0, b.length);
            TiffStructure.Ifd ifd0 = t.ifd(t.firstIfdOffset());
            var old = ifd0.entry(TiffStructure.TAG_XMP);
            byte[] existing = old.isPresent() ? t.value(old.get(), context.limits().maxMetadataBytes()) : null;
            byte[] packet = LabelXmp.packet(existing, edit, context);
            TiffRewriter.setIfd0Tag(b, t, TiffStructure.TAG_XMP, TiffStructure.TYPE_BYTE, packet, output);
        } catch (TiffStructure.MalformedException e) {
            throw new UnreadableInputException("refusing to rewrite a damaged TIFF: " + e.getMessage());
        }
    }

    /**
     * Draws the visible label and/or embeds our watermark (as displayed, per the Orientation tag). A multi-page
     * TIFF is refused: marking page one alone would leave the other pages unlabelled.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                            SdkContext context) throws IOException {
        return repaint(input, output, edit, context, TiffHandler::onePage, (file, t) -> Orientation.ofTiff(t), TiffReencoder::write);
    }

    private static TiffStructure onePage(byte[] b) throws IOException {
        if (!isTiff(b, b.length)) {
            throw new UnreadableInputException("not a TIFF: no II*/MM* header");
        }
        try {
            TiffStructure t = TiffStructure.open(b, 0, b.length);
            if (t.ifd(t.firstIfdOffset()).next() != 0) {
                throw new ContentNotSupportedException("content marking of multi-page TIFF is not supported"
                        + " (only the first page would carry the visible label and watermark)");
            }
            return t;
        } catch (TiffStructure.MalformedException e) {
            throw new UnreadableInputException("refusing to rewrite a damaged TIFF: " + e.getMessage());
        }
    }
}
