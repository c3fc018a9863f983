package dev.aigcmark.image.internal.format;

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
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.image.internal.container.Bytes;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.RiffStructure;
import dev.aigcmark.image.internal.container.RiffStructure.Chunk;
import dev.aigcmark.image.internal.container.TiffStructure;
import dev.aigcmark.image.internal.container.WebpLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** WebP: XMP in the {@code XMP } chunk (VP8X layout), the label also read from EXIF, C2PA in a {@code C2PA} chunk. */
public final class WebpHandler extends ImageFormatHandler implements LabelWriter, C2paEmbedding, ContentDigester {
    static final String XMP = "XMP ";
    static final String C2PA = "C2PA";
    static final String EXIF = "EXIF";

    public WebpHandler() {
        super("webp", "image/webp", "webp");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in the RIFF XMP chunk"),
                LabelCarrierSpec.tolerated("EXIF chunk UserComment or ImageDescription"));
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return RiffStructure.sniff(head, length, "WEBP");
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        List<Status> problems = new ArrayList<>();
        RiffStructure st = RiffStructure.parse(b, "WEBP", context.limits(), problems);
        Container.Builder c = Container.builder(this, input);
        int max = context.limits().maxMetadataBytes();
        for (Chunk ch : st.chunks()) {
            String where = ch.fourcc().strip() + " chunk at " + ch.offset();
            long len = ch.end() - ch.offset();
            if ((ch.fourcc().equals(XMP) || ch.fourcc().equals(C2PA)) && ch.dataLength() > max) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, where + " has " + ch.dataLength() + " bytes, over the metadata limit"));
            } else if (ch.fourcc().equals(XMP)) {
                c.carrier(new Carrier(CarrierType.XMP, where, ch.offset(), len, data(b, ch)));
            } else if (ch.fourcc().equals(C2PA)) {
                c.carrier(new Carrier(CarrierType.JUMBF, where, ch.offset(), len, data(b, ch)));
            } else if (ch.fourcc().equals(EXIF)) {
                readExif(b, ch, c, problems);
            }
        }
        return finish(c, problems, b, st, context);
    }

    /** Canvas size and the image chunks (see WebpLayout#contentDigest). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        return WebpLayout.contentDigest(file(scanned), structure(scanned, RiffStructure.class));
    }

    private static void readExif(byte[] b, Chunk ch, Container.Builder c, List<Status> problems) {
        int start = ch.dataOffset();
        if (Bytes.startsWith(b, start, ch.dataOffset() + ch.dataLength(), JpegHandler.EXIF_SIG)) {
            start += 6; // some writers keep JPEG's "Exif\0\0" prefix
        }
        try {
            ExifLabel.carriers(b, start, ch.dataOffset() + ch.dataLength(), "EXIF chunk at " + ch.offset(), ch.offset(),
                    ch.end() - ch.offset()).forEach(c::carrier);
        } catch (TiffStructure.MalformedException e) {
            problems.add(Status.tolerated(StatusCodes.ASSET_MALFORMED, "EXIF chunk at " + ch.offset() + ": " + e.getMessage()));
        }
    }

    private static byte[] data(byte[] b, Chunk ch) {
        return Arrays.copyOfRange(b, ch.dataOffset(), ch.dataOffset() + ch.dataLength());
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = withExifLabel(load(input, context), edit, context);
        RiffStructure st = parseForWriting(b, context);
        Chunk old = st.chunks().stream().filter(ch -> ch.fourcc().equals(XMP)).findFirst().orElse(null);
        byte[] packet = LabelXmp.packet(old == null ? null : data(b, old), edit, context);
        WebpLayout.rewrite(b, st, ch -> ch.fourcc().equals(XMP), old, RiffStructure.chunk(XMP, packet),
                WebpLayout.Position.XMP_SLOT, WebpLayout.FLAG_XMP, output);
    }

    /**
     * The file with a vendor's label in EXIF UserComment updated to {@code edit}'s label (so the file never
     * holds two labels that disagree), or the file itself when there is none.
     */
    private static byte[] withExifLabel(byte[] b, LabelEdit edit, SdkContext context) throws IOException {
        RiffStructure st = parseForWriting(b, context);
        for (Chunk ch : st.chunks()) {
            if (!ch.fourcc().equals(EXIF)) {
                continue;
            }
            int start = ch.dataOffset() + (Bytes.startsWith(b, ch.dataOffset(), ch.dataOffset() + ch.dataLength(),
                    JpegHandler.EXIF_SIG) ? 6 : 0);
            try {
                byte[] tiff = ExifLabel.withLabel(b, start, ch.dataOffset() + ch.dataLength(),
                        LabelJson.toWrappedJson(edit.label()));
                if (tiff != null) {
                    byte[] data = Bytes.concat(Arrays.copyOfRange(b, ch.dataOffset(), start), tiff);
                    byte[] body = Bytes.concat(Arrays.copyOfRange(b, 12, ch.offset()),
                            RiffStructure.chunk(EXIF, data),
                            Arrays.copyOfRange(b, ch.end(), st.chunks().get(st.chunks().size() - 1).end()));
                    byte[] header = Arrays.copyOf(b, 12);
                    Bytes.put32le(header, 4, 4L + body.length);
                    return Bytes.concat(header, body);
                }
            } catch (TiffStructure.MalformedException e) {
                return b; // an unreadable EXIF block holds no label we could update; it is copied as it is
            }
        }
        return b;
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        byte[] b = load(input, ctx);
        RiffStructure st = parseForWriting(b, ctx);
        byte[] chunk = RiffStructure.chunk(C2PA, store);
        long at = WebpLayout.rewrite(b, st, ch -> ch.fourcc().equals(C2PA), null, chunk, WebpLayout.Position.END, 0, output);
        return new StorePlacement(at, chunk.length);
    }

    private static RiffStructure parseForWriting(byte[] b, SdkContext ctx) throws IOException {
        List<Status> problems = new ArrayList<>();
        RiffStructure st = RiffStructure.parse(b, "WEBP", ctx.limits(), problems);
        requireIntact(st.complete(), problems, "WebP");
        return st;
    }
}
