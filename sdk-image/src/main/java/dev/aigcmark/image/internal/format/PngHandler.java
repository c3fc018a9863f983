package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.PngReencoder;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.PngStructure;
import dev.aigcmark.image.internal.container.PngStructure.Chunk;
import dev.aigcmark.image.internal.container.PngText;
import dev.aigcmark.image.internal.container.Splicer;
import dev.aigcmark.image.internal.container.TiffStructure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * PNG: XMP in iTXt {@code XML:com.adobe.xmp} before the first IDAT, the label also read from tEXt/zTXt/iTXt
 * {@code AIGC} and eXIf, C2PA in {@code caBX}. Every CRC is checked; writes copy other chunks byte for byte.
 */
public final class PngHandler extends ImageFormatHandler
        implements LabelWriter, C2paEmbedding, RepaintingMarker, ContentDigester {
    static final String AIGC_KEYWORD = "AIGC";
    static final String C2PA_CHUNK = "caBX";

    public PngHandler() {
        super("png", "image/png", "png");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in iTXt XML:com.adobe.xmp"),
                LabelCarrierSpec.tolerated("tEXt/zTXt keyword AIGC (wrapped JSON)"),
                LabelCarrierSpec.tolerated("eXIf UserComment or ImageDescription"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return PngStructure.sniff(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        List<Status> problems = new ArrayList<>();
        PngStructure st = PngStructure.parse(b, context.limits(), problems);
        Container.Builder c = Container.builder(this, input);
        boolean seenIdat = false;
        int max = context.limits().maxMetadataBytes();
        for (Chunk ch : st.chunks()) {
            String where = ch.type() + " at " + ch.offset();
            long len = ch.end() - ch.offset();
            switch (ch.type()) {
                case "IDAT" -> seenIdat = true;
                case "tEXt", "zTXt", "iTXt" -> {
                    try {
                        PngText.Text t = PngText.decode(ch.type(), b, ch.dataOffset(), ch.dataLength(), max);
                        if (t.keyword().equals(PngText.XMP_KEYWORD)) {
                            c.carrier(new Carrier(CarrierType.XMP, ch.type() + " " + PngText.XMP_KEYWORD + " at " + ch.offset(),
                                    ch.offset(), len, t.text()));
                            if (seenIdat) {
                                problems.add(Status.tolerated(StatusCodes.ASSET_MALFORMED, "XMP " + where + " comes after IDAT; some readers miss it"));
                            }
                        } else if (t.keyword().equals(AIGC_KEYWORD)) {
                            c.carrier(Carrier.nonStandard(CarrierType.AIGC_JSON, ch.type() + " AIGC at " + ch.offset(), ch.offset(), len, t.text()));
                        }
                    } catch (BudgetExceededException e) {
                        throw e; // a decompression bomb: the file ends with the limit's code
                    } catch (IOException e) {
                        problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, where + ": " + e.getMessage()));
                    }
                }
                case C2PA_CHUNK -> {
                    if (ch.dataLength() > max) {
                        problems.add(Status.failure(StatusCodes.ASSET_LIMIT, "C2PA store " + where + " is over the metadata limit"));
                    } else {
                        c.carrier(new Carrier(CarrierType.JUMBF, "caBX at " + ch.offset(), ch.offset(), len,
                                Arrays.copyOfRange(b, ch.dataOffset(), ch.dataOffset() + ch.dataLength())));
                    }
                }
                case "eXIf" -> {
                    try {
                        ExifLabel.carriers(b, ch.dataOffset(), ch.dataOffset() + ch.dataLength(), "eXIf at " + ch.offset(),
                                ch.offset(), len).forEach(c::carrier);
                    } catch (TiffStructure.MalformedException e) {
                        problems.add(Status.tolerated(StatusCodes.ASSET_MALFORMED, "eXIf at " + ch.offset() + ": " + e.getMessage()));
                    }
                }
                default -> {
                }
            }
        }
        return finish(c, problems, b, st, context);
    }

    /** Critical chunks and the picture's ancillary ones (see PngStructure#contentDigest). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        return structure(scanned, PngStructure.class).contentDigest(file(scanned));
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        PngStructure st = parseForWriting(b, context);
        int max = context.limits().maxMetadataBytes();
        Map<Chunk, byte[]> edits = new IdentityHashMap<>();
        byte[] existingXmp = null;
        Chunk firstXmp = null;
        Chunk firstAigc = null;
        boolean beforeIdat = true;
        boolean xmpBeforeIdat = false;
        for (Chunk ch : st.chunks()) {
            beforeIdat &= !ch.type().equals("IDAT");
            PngText.Text t = ch.type().matches("tEXt|zTXt|iTXt") ? PngText.decode(ch.type(), b, ch.dataOffset(), ch.dataLength(), max) : null;
            if (t != null && t.keyword().equals(PngText.XMP_KEYWORD)) {
                if (firstXmp == null) {
                    firstXmp = ch;
                    existingXmp = t.text();
                    xmpBeforeIdat = beforeIdat;
                }
                edits.put(ch, new byte[0]);
            } else if (t != null && t.keyword().equals(AIGC_KEYWORD)) {
                // A vendor's generic label is the same label: update it in place so the file keeps one label.
                edits.put(ch, firstAigc == null ? PngStructure.chunk("tEXt",
                        PngText.text(AIGC_KEYWORD, LabelJson.toWrappedJson(edit.label()))) : new byte[0]);
                firstAigc = firstAigc == null ? ch : firstAigc;
            } else if (ch.type().equals("eXIf")) {
                try {
                    byte[] tiff = ExifLabel.withLabel(b, ch.dataOffset(), ch.dataOffset() + ch.dataLength(),
                            LabelJson.toWrappedJson(edit.label()));
                    if (tiff != null) {
                        edits.put(ch, PngStructure.chunk("eXIf", tiff));
                    }
                } catch (TiffStructure.MalformedException e) {
                    // an unreadable EXIF block holds no label we could update; it is copied as it is
                }
            }
        }
        byte[] xmpChunk = PngStructure.chunk("iTXt", PngText.itxt(PngText.XMP_KEYWORD, LabelXmp.packet(existingXmp, edit, context)));
        if (firstXmp != null && xmpBeforeIdat) {
            edits.put(firstXmp, xmpChunk);
            rewrite(b, st, edits, null, xmpChunk, output);
        } else {
            rewrite(b, st, edits, xmpChunk, xmpChunk, output);
        }
    }

    /**
     * Draws the visible label and/or embeds our watermark, re-encoding the pixels (Png keeps quality,
     * colour type and metadata; see PngReencoder). An edit that changes no pixels copies the file unchanged.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                            SdkContext context) throws IOException {
        return repaint(input, output, edit, context, b -> parseForWriting(b, context), (file, st) -> 1, PngReencoder::write);
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        byte[] b = load(input, ctx);
        PngStructure st = parseForWriting(b, ctx);
        Map<Chunk, byte[]> edits = new IdentityHashMap<>();
        st.chunks().stream().filter(ch -> ch.type().equals(C2PA_CHUNK)).forEach(ch -> edits.put(ch, new byte[0]));
        byte[] chunk = PngStructure.chunk(C2PA_CHUNK, store);
        long at = rewrite(b, st, edits, chunk, chunk, output);
        return new StorePlacement(at, chunk.length);
    }

    private static PngStructure parseForWriting(byte[] b, SdkContext ctx) throws IOException {
        List<Status> problems = new ArrayList<>();
        PngStructure st = PngStructure.parse(b, ctx.limits(), problems);
        requireIntact(st.complete(), problems, "PNG");
        return st;
    }

    /**
     * Copies chunks, replacing those in {@code edits} (an empty array drops one) and writing {@code afterIhdr}
     * right after IHDR when non-null. Returns the output offset where {@code tracked} was written.
     */
    static long rewrite(byte[] b, PngStructure st, Map<Chunk, byte[]> edits, byte[] afterIhdr, byte[] tracked,
                        OutputStream out) throws IOException {
        Splicer sp = new Splicer(b, out);
        sp.copy(0, PngStructure.SIGNATURE.length);
        long at = -1;
        for (Chunk ch : st.chunks()) {
            byte[] replacement = edits.get(ch);
            if (replacement == null) {
                sp.copy(ch.offset(), ch.end());
            } else if (replacement.length > 0) {
                long p = sp.insert(replacement);
                at = replacement == tracked ? p : at;
            }
            if (afterIhdr != null && ch.type().equals("IHDR")) {
                long p = sp.insert(afterIhdr);
                at = afterIhdr == tracked ? p : at;
            }
        }
        sp.copy(st.chunks().get(st.chunks().size() - 1).end(), b.length);
        return at;
    }
}
