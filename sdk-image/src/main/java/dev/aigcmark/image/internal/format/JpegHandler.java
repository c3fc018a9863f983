package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
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
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.JpegReencoder;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.JpegC2paSegments;
import dev.aigcmark.image.internal.container.JpegStructure;
import dev.aigcmark.image.internal.container.JpegStructure.Segment;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.Orientation;
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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * JPEG: XMP in APP1, the label also read from EXIF UserComment, C2PA stores in APP11. Writes touch only
 * header segments; the image data after SOS is copied byte for byte.
 */
public final class JpegHandler extends ImageFormatHandler
        implements LabelWriter, C2paEmbedding, RepaintingMarker, ContentDigester {
    static final byte[] XMP_SIG = Bytes.ascii("http://ns.adobe.com/xap/1.0/\0");
    static final byte[] EXIF_SIG = Bytes.ascii("Exif\0");
    static final byte[] AIGC_SIG = Bytes.ascii("AIGC");
    /** Largest packet one APP1 can hold: 65535 minus the length field and the namespace signature. */
    static final int MAX_XMP = 65_535 - 2 - 29;

    public JpegHandler() {
        super("jpeg", "image/jpeg", "jpg", "jpeg", "jpe", "jfif");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in APP1"),
                LabelCarrierSpec.tolerated("EXIF UserComment (wrapped JSON)"),
                LabelCarrierSpec.tolerated("EXIF ImageDescription (wrapped JSON or a vendor schema)"),
                LabelCarrierSpec.tolerated("APPn segment with a bare AIGC{...} blob"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return JpegStructure.sniff(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        List<Status> problems = new ArrayList<>();
        JpegStructure st = JpegStructure.parse(b, context.limits(), problems);
        Container.Builder c = Container.builder(this, input);
        for (Segment s : st.segments()) {
            if (isXmp(b, s)) {
                c.carrier(new Carrier(CarrierType.XMP, "APP1 XMP at " + s.offset(), s.offset(), s.end() - s.offset(),
                        Arrays.copyOfRange(b, s.dataOffset() + XMP_SIG.length, s.end())));
            } else if (isExif(b, s)) {
                readExif(b, s, c);
            } else {
                int json = aigcBlobJson(b, s);
                if (json >= 0) {
                    c.carrier(Carrier.nonStandard(CarrierType.AIGC_JSON, String.format("APP%d AIGC blob at %d",
                            s.marker() - JpegStructure.APP0, s.offset()), s.offset(), s.end() - s.offset(),
                            Arrays.copyOfRange(b, json, trimNuls(b, json, s.end()))));
                }
            }
        }
        for (JpegC2paSegments.Store store : JpegC2paSegments.find(b, st.segments(), context.limits().maxMetadataBytes())) {
            c.carrier(new Carrier(CarrierType.JUMBF, "APP11 JUMBF at " + store.offset() + " (" + store.segments().size()
                    + " segments)", store.offset(), store.end() - store.offset(), store.jumbf()));
        }
        return finish(c, problems, b, st, context);
    }

    /** Header segments other than APPn/COM, and the image data through EOI (see JpegStructure#contentDigest). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        return structure(scanned, JpegStructure.class).contentDigest(file(scanned));
    }

    private static void readExif(byte[] b, Segment s, Container.Builder c) {
        try {
            ExifLabel.carriers(b, s.dataOffset() + 6, s.end(), "APP1 at " + s.offset(), s.offset(), s.end() - s.offset())
                    .forEach(c::carrier);
        } catch (TiffStructure.MalformedException e) {
            c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "EXIF in APP1 at " + s.offset() + " is malformed: " + e.getMessage()));
        }
    }

    /**
     * Where the JSON starts in an APPn segment holding a bare {@code AIGC{...}} blob (the word, maybe a NUL, ':'
     * or '=', then the label object), as some China-served generators write it next to JFIF; -1 otherwise.
     */
    static int aigcBlobJson(byte[] b, Segment s) {
        if (s.marker() < JpegStructure.APP0 || s.marker() > JpegStructure.APP0 + 15
                || !Bytes.startsWith(b, s.dataOffset(), s.end(), AIGC_SIG)) {
            return -1;
        }
        for (int i = s.dataOffset() + AIGC_SIG.length; i < s.end() && i < s.dataOffset() + AIGC_SIG.length + 4; i++) {
            if (b[i] == '{') {
                return i;
            }
            if (b[i] != 0 && b[i] != ':' && b[i] != '=' && b[i] != ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static int trimNuls(byte[] b, int from, int end) {
        while (end > from && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return end;
    }

    /** The blob segment rewritten with {@code json}, keeping its marker and the separator after the word. */
    private static byte[] aigcBlobWith(byte[] b, Segment s, String json) throws IOException {
        int start = aigcBlobJson(b, s);
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        int head = start - s.dataOffset();
        if (head + text.length > 65_533) {
            throw new IOException("the updated AIGC blob does not fit its APP segment");
        }
        byte[] seg = new byte[4 + head + text.length];
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) s.marker();
        Bytes.put16be(seg, 2, seg.length - 2);
        System.arraycopy(b, s.dataOffset(), seg, 4, head);
        System.arraycopy(text, 0, seg, 4 + head, text.length);
        return seg;
    }

    static boolean isXmp(byte[] b, Segment s) {
        return s.marker() == JpegStructure.APP1 && Bytes.startsWith(b, s.dataOffset(), s.end(), XMP_SIG);
    }

    static boolean isExif(byte[] b, Segment s) {
        return s.marker() == JpegStructure.APP1 && Bytes.startsWith(b, s.dataOffset(), s.end(), EXIF_SIG);
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        writeLabel(b, parseForWriting(b, context), output, edit, context);
    }

    /**
     * From the file and structure the scan read (kept in the container): the content digested and the labelled
     * copy written from memory, so the file is read and parsed once. A damaged structure takes the default path,
     * which refuses it as {@link #writeLabel(MediaInput, MediaOutput, LabelEdit, SdkContext)} does.
     */
    @Override
    public void writeLabel(Container scanned, MediaInput input, MediaOutput output, Signing signing, SdkContext context)
            throws IOException {
        Scanned s = scanned.view(Scanned.class).orElse(null);
        if (s == null || !(s.structure() instanceof JpegStructure st) || !st.complete()) {
            LabelWriter.super.writeLabel(scanned, input, output, signing, context);
            return;
        }
        writeLabel(s.file(), st, output, signing.label(st.contentDigest(s.file())), context);
    }

    private static void writeLabel(byte[] b, JpegStructure st, MediaOutput output, LabelEdit edit, SdkContext context)
            throws IOException {
        Segment old = st.segments().stream().filter(s -> isXmp(b, s)).findFirst().orElse(null);
        byte[] existing = old == null ? null : Arrays.copyOfRange(b, old.dataOffset() + XMP_SIG.length, old.end());
        byte[] packet = LabelXmp.packet(existing, edit, context);
        if (packet.length > MAX_XMP) {
            throw new IOException("the updated XMP has " + packet.length + " bytes, more than one JPEG APP1 segment holds ("
                    + MAX_XMP + "); ExtendedXMP is not written");
        }
        byte[] seg = new byte[4 + XMP_SIG.length + packet.length];
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) JpegStructure.APP1;
        Bytes.put16be(seg, 2, seg.length - 2);
        System.arraycopy(XMP_SIG, 0, seg, 4, XMP_SIG.length);
        System.arraycopy(packet, 0, seg, 4 + XMP_SIG.length, packet.length);
        Map<Segment, byte[]> substitutes = new IdentityHashMap<>();
        for (Segment s : st.segments()) {
            if (isExif(b, s)) {
                exifWithLabel(b, s, edit).ifPresent(e -> substitutes.put(s, e));
            } else if (s != old && aigcBlobJson(b, s) >= 0) {
                substitutes.put(s, aigcBlobWith(b, s, LabelJson.toBareJson(edit.label())));
            }
        }
        rewrite(b, st, s -> s == old, old, seg, substitutes, output);
    }

    /**
     * A vendor's label in EXIF UserComment is the same label: it is updated in place (wrapped form), so the
     * file never carries two labels that disagree.
     */
    private static Optional<byte[]> exifWithLabel(byte[] b, Segment s, LabelEdit edit) throws IOException {
        try {
            byte[] tiff = ExifLabel.withLabel(b, s.dataOffset() + 6, s.end(), LabelJson.toWrappedJson(edit.label()));
            if (tiff == null) {
                return Optional.empty();
            }
            if (tiff.length + 6 > 65_533) {
                throw new IOException("the updated EXIF label does not fit its APP1 segment");
            }
            byte[] seg = new byte[4 + 6 + tiff.length];
            seg[0] = (byte) 0xFF;
            seg[1] = (byte) JpegStructure.APP1;
            Bytes.put16be(seg, 2, seg.length - 2);
            System.arraycopy(b, s.dataOffset(), seg, 4, 6);
            System.arraycopy(tiff, 0, seg, 10, tiff.length);
            return Optional.of(seg);
        } catch (TiffStructure.MalformedException e) {
            return Optional.empty();
        }
    }

    /**
     * Draws the visible label and/or embeds our watermark, re-encoding the pixels (Jpeg keeps quality,
     * colour type and metadata; see JpegReencoder). An edit that changes no pixels copies the file unchanged.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                            SdkContext context) throws IOException {
        return repaint(input, output, edit, context, b -> parseForWriting(b, context), Orientation::ofJpeg, JpegReencoder::write);
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        byte[] b = load(input, ctx);
        JpegStructure st = parseForWriting(b, ctx);
        List<Segment> doomed = new ArrayList<>();
        JpegC2paSegments.find(b, st.segments(), Integer.MAX_VALUE).forEach(s -> doomed.addAll(s.segments()));
        byte[] segments = JpegC2paSegments.encode(store);
        long at = rewrite(b, st, doomed::contains, null, segments, output);
        return new StorePlacement(at, segments.length);
    }

    private static JpegStructure parseForWriting(byte[] b, SdkContext ctx) throws IOException {
        List<Status> problems = new ArrayList<>();
        JpegStructure st = JpegStructure.parse(b, ctx.limits(), problems);
        requireIntact(st.complete(), problems, "JPEG");
        return st;
    }

    /**
     * Copies the file, dropping segments {@code drop} accepts and writing {@code insertion} in place of
     * {@code replace} or, without one, before the first header segment that is not APP0/APP1 (so after
     * JFIF, EXIF and XMP, as c2pa-rs and most writers place new metadata). Returns where the insertion landed.
     */
    static long rewrite(byte[] b, JpegStructure st, Predicate<Segment> drop, Segment replace, byte[] insertion,
                        OutputStream out) throws IOException {
        return rewrite(b, st, drop, replace, insertion, Map.of(), out);
    }

    /** As above, also writing {@code substitutes}' bytes in place of their segments. */
    static long rewrite(byte[] b, JpegStructure st, Predicate<Segment> drop, Segment replace, byte[] insertion,
                        Map<Segment, byte[]> substitutes, OutputStream out) throws IOException {
        Splicer sp = new Splicer(b, out);
        sp.copy(0, 2);
        long at = -1;
        for (Segment s : st.segments()) {
            boolean leading = s.marker() == JpegStructure.APP0 || s.marker() == JpegStructure.APP1;
            if (at < 0 && (s == replace || (replace == null && !leading && !drop.test(s)))) {
                at = sp.insert(insertion);
            }
            if (substitutes.containsKey(s)) {
                sp.insert(substitutes.get(s));
            } else if (!drop.test(s)) {
                sp.copy(s.offset(), s.end());
            }
        }
        sp.copy(st.imageDataStart(), b.length);
        return at;
    }
}
