package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.C2paBox;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.RasterView;
import dev.aigcmark.core.spi.ViewUnavailableException;
import dev.aigcmark.image.internal.container.ExifLabel;
import dev.aigcmark.image.internal.container.HeifFile;
import dev.aigcmark.image.internal.container.HeifItems;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.TiffStructure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HEIF/HEIC (every iPhone photo) and, through {@link AvifHandler}, AVIF: the label is read from the XMP item
 * ({@code mime} item of type {@code application/rdf+xml}) and, as a tolerated place, from the Exif item's
 * UserComment or ImageDescription; a C2PA manifest store from the top-level C2PA {@code uuid} box (bound with
 * {@code c2pa.hash.bmff}, as in MP4). Writing updates the XMP item (or adds one, described by a {@code cdsc}
 * reference to the primary image) without decoding anything: coded image items are copied byte for byte and
 * every {@code iloc} offset that moves is rewritten. No pure-Java HEVC/AV1 decoder exists, so the pixel
 * detectors report the pixels as not examined rather than finding "no watermark".
 */
public class HeifHandler extends ImageFormatHandler implements LabelWriter {
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
            "hevs", "mif1", "mif2", "msf1");
    static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    public HeifHandler() {
        super("heif", "image/heic", "heic", "heif", "hif");
    }

    HeifHandler(String id, String mediaType, String... extensions) {
        super(id, mediaType, extensions);
    }

    @Override
    public int sniffLength() {
        return 64;
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        List<String> brands = brands(head, length);
        return !brands.isEmpty() && HEIF_BRANDS.contains(brands.get(0)) && !isAvif(brands);
    }

    /** The major brand then the compatible brands of a leading {@code ftyp} box, or none. */
    static List<String> brands(byte[] head, int length) {
        if (length < 16 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
            return List.of();
        }
        int size = (int) Math.min(Integer.toUnsignedLong(ByteBuffer.wrap(head).getInt(0)), length);
        ArrayList<String> brands = new ArrayList<>();
        brands.add(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        for (int at = 16; at + 4 <= size; at += 4) {
            brands.add(new String(head, at, 4, StandardCharsets.ISO_8859_1));
        }
        return brands;
    }

    /** AVIF: an avif/avis major brand, or a generic mif1/msf1 one with avif compatible and no HEVC brand. */
    static boolean isAvif(List<String> brands) {
        if (AVIF_BRANDS.contains(brands.get(0))) {
            return true;
        }
        return brands.stream().anyMatch(AVIF_BRANDS::contains) && brands.stream().noneMatch(b -> b.startsWith("he"));
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in the XMP item (mime application/rdf+xml)"),
                LabelCarrierSpec.tolerated("Exif item: EXIF UserComment or ImageDescription"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        Container.Builder c = Container.builder(this, input);
        HeifFile file = parse(b, context);
        for (BoxHeader h : file.topLevel()) {
            if (h.isUuid(BoxTypes.C2PA_UUID)) {
                c2paStore(b, h, context, c);
            }
        }
        for (HeifItems.Info item : file.infos()) {
            if (item.isXmp()) {
                byte[] xmp = itemData(file, item, c);
                if (xmp != null) {
                    c.carrier(new Carrier(CarrierType.XMP, "XMP item " + item.id(), file.itemOffset(item.id()), xmp.length, xmp));
                }
            } else if (item.type() == HeifItems.EXIF) {
                byte[] exif = itemData(file, item, c);
                int tiff = exif == null ? -1 : tiffStart(exif);
                if (tiff >= 0) {
                    try {
                        ExifLabel.carriers(exif, tiff, exif.length, "Exif item " + item.id(), file.itemOffset(item.id()),
                                exif.length).forEach(c::carrier);
                    } catch (TiffStructure.MalformedException e) {
                        c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "Exif item " + item.id() + ": " + e.getMessage()));
                    }
                }
            }
        }
        c.view(RasterView.class, () -> {
            throw new ViewUnavailableException("no " + id().toUpperCase(Locale.ROOT)
                    + " decoder on the class path (HEVC/AV1 are not decoded in pure Java)");
        });
        return c.build();
    }

    /** A top-level C2PA {@code uuid} box, where the reference puts the manifest store of a HEIF or AVIF image. */
    private static void c2paStore(byte[] b, BoxHeader h, SdkContext context, Container.Builder c) {
        if (h.payloadSize() > context.limits().maxMetadataBytes()) {
            c.problem(Status.failure(StatusCodes.ASSET_LIMIT, "C2PA uuid box at " + h.offset() + " has " + h.payloadSize()
                    + " bytes, over the metadata limit of " + context.limits().maxMetadataBytes()));
            return;
        }
        C2paBox.addCarrier(h, Arrays.copyOfRange(b, (int) h.payloadOffset(), (int) h.end()), c);
    }

    private static HeifFile parse(byte[] b, SdkContext context) throws IOException {
        try {
            return HeifFile.parse(b, context.limits());
        } catch (BmffFormatException e) {
            throw new UnreadableInputException("HEIF structure: " + e.getMessage(), e);
        }
    }

    private static byte[] itemData(HeifFile file, HeifItems.Info item, Container.Builder c) {
        try {
            return file.itemData(item.id());
        } catch (BmffFormatException e) {
            c.problem(Status.failure(e.limitExceeded() ? StatusCodes.ASSET_LIMIT : StatusCodes.ASSET_MALFORMED,
                    "item " + item.id() + ": " + e.getMessage()));
            return null;
        }
    }

    /** An Exif item starts with a 32-bit offset to the TIFF header (after which "Exif\0\0" may stand); -1 if bad. */
    static int tiffStart(byte[] exif) {
        if (exif.length < 4) {
            return -1;
        }
        long skip = Integer.toUnsignedLong(ByteBuffer.wrap(exif).getInt(0));
        return skip > exif.length - 4 - 8 ? -1 : 4 + (int) skip;
    }

    /**
     * Updates (or adds) the XMP item and any label already in the Exif item, losslessly. Re-marking with a packet
     * that fits the old item rewrites it in place and moves nothing.
     */
    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        HeifFile file = parse(b, context);
        Map<Long, byte[]> replacements = new LinkedHashMap<>();
        Map<Long, Byte> padding = new HashMap<>();
        HeifItems.Info xmpItem = file.infos().stream().filter(HeifItems.Info::isXmp).findFirst().orElse(null);
        byte[] packet = LabelXmp.packet(xmpItem == null ? null : file.itemData(xmpItem.id()), edit, context);
        if (xmpItem != null) {
            replacements.put(xmpItem.id(), packet);
        }
        for (HeifItems.Info item : file.infos()) {
            if (item.type() == HeifItems.EXIF) {
                byte[] exif = file.itemData(item.id());
                int tiff = tiffStart(exif);
                byte[] updated = tiff < 0 ? null : exifWithLabel(exif, tiff, edit);
                if (updated != null) {
                    replacements.put(item.id(), updated);
                    padding.put(item.id(), (byte) 0);
                }
            }
        }
        output.write(file.write(replacements, padding, xmpItem == null ? packet : null));
    }

    private static byte[] exifWithLabel(byte[] exif, int tiff, LabelEdit edit) {
        try {
            byte[] block = ExifLabel.withLabel(exif, tiff, exif.length, LabelJson.toWrappedJson(edit.label()));
            if (block == null) {
                return null;
            }
            byte[] out = Arrays.copyOf(exif, tiff + block.length);
            System.arraycopy(block, 0, out, tiff, block.length);
            return out;
        } catch (TiffStructure.MalformedException e) {
            return null; // an unreadable EXIF block holds no label we could update; it is kept as it is
        }
    }
}
