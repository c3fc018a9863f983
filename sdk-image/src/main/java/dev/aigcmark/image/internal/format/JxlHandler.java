package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.BoxBudget;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxReader;
import dev.aigcmark.core.internal.bmff.FourCC;
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
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.TiffStructure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * JPEG XL (ISO/IEC 18181-2). The container form holds metadata boxes beside the codestream: the label is read
 * from the XMP box ({@code xml }) and, tolerated, from the {@code Exif} box. Brotli-compressed metadata
 * ({@code brob}) is not decompressed (no Brotli decoder is on the class path): the report says a compressed
 * XMP or Exif box was not read, and writing refuses such a file rather than leave a second label it cannot see.
 * Writing replaces the first XMP box in place (or adds one before the codestream) and wraps a bare codestream
 * ({@code FF 0A}) into the container; codestream boxes are copied byte for byte. JPEG XL has no absolute offsets,
 * so nothing else moves.
 */
public final class JxlHandler extends ImageFormatHandler implements LabelWriter {
    private static final byte[] SIGNATURE = {0, 0, 0, 12, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
    private static final int FTYP = FourCC.of("ftyp");
    private static final int JXLL = FourCC.of("jxll");
    private static final int XML = FourCC.of("xml ");
    private static final int EXIF = FourCC.of("Exif");
    private static final int BROB = FourCC.of("brob");
    private static final int JXLC = FourCC.of("jxlc");

    public JxlHandler() {
        super("jxl", "image/jxl", "jxl");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return isContainer(head, length) || isCodestream(head, length);
    }

    private static boolean isContainer(byte[] b, int length) {
        return length >= SIGNATURE.length && Arrays.equals(b, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    private static boolean isCodestream(byte[] b, int length) {
        return length >= 2 && (b[0] & 0xFF) == 0xFF && b[1] == 0x0A;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in the xml box (a bare codestream is wrapped into the container)"),
                LabelCarrierSpec.tolerated("Exif box: EXIF UserComment or ImageDescription (a Brotli brob box is reported as not read)"));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        Container.Builder c = Container.builder(this, input);
        if (isContainer(b, b.length)) {
            for (BoxHeader h : boxes(b, context)) {
                read(b, h, c, context);
            }
        }
        c.view(RasterView.class, () -> {
            throw new ViewUnavailableException("no JPEG XL decoder on the class path");
        });
        return c.build();
    }

    private static void read(byte[] b, BoxHeader h, Container.Builder c, SdkContext context) {
        if (h.payloadSize() > context.limits().maxMetadataBytes() && (h.type() == XML || h.type() == EXIF)) {
            c.problem(Status.failure(StatusCodes.ASSET_LIMIT, h.typeName() + " box at " + h.offset() + " is over the metadata limit"));
        } else if (h.type() == XML) {
            c.carrier(new Carrier(CarrierType.XMP, "xml box at " + h.offset(), h.offset(), h.size(), payload(b, h)));
        } else if (h.type() == EXIF) {
            byte[] exif = payload(b, h);
            int tiff = HeifHandler.tiffStart(exif);
            try {
                if (tiff >= 0) {
                    ExifLabel.carriers(exif, tiff, exif.length, "Exif box at " + h.offset(), h.offset(), h.size()).forEach(c::carrier);
                }
            } catch (TiffStructure.MalformedException e) {
                c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "Exif box at " + h.offset() + ": " + e.getMessage()));
            }
        } else if (h.type() == BROB && h.payloadSize() >= 4) {
            int inner = ByteBuffer.wrap(b, (int) h.payloadOffset(), 4).getInt();
            if (inner == XML || inner == EXIF) {
                c.problem(Status.info(StatusCodes.METADATA_NOT_READ, "Brotli-compressed " + FourCC.toString(inner).strip()
                        + " box at " + h.offset() + " was not read (no Brotli decoder): a label inside it is not seen"));
            }
        }
    }

    private static byte[] payload(byte[] b, BoxHeader h) {
        return Arrays.copyOfRange(b, (int) h.payloadOffset(), (int) h.end());
    }

    private static List<BoxHeader> boxes(byte[] b, SdkContext context) throws IOException {
        try {
            return BoxReader.children(MediaInput.of(b, "jxl"), 0, b.length, 0, new BoxBudget(context.limits()));
        } catch (BmffFormatException e) {
            throw new UnreadableInputException("JPEG XL container: " + e.getMessage(), e);
        }
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        if (isCodestream(b, b.length)) {
            byte[] packet = LabelXmp.packet(null, edit, context);
            output.write(SIGNATURE);
            output.write(box(FTYP, new byte[] {'j', 'x', 'l', ' ', 0, 0, 0, 0, 'j', 'x', 'l', ' '}));
            output.write(box(XML, packet));
            output.write(box(JXLC, b));
            return;
        }
        List<BoxHeader> boxes = boxes(b, context);
        BoxHeader firstXml = null;
        for (BoxHeader h : boxes) {
            if (h.type() == BROB && h.payloadSize() >= 4) {
                int inner = ByteBuffer.wrap(b, (int) h.payloadOffset(), 4).getInt();
                if (inner == XML || inner == EXIF) {
                    throw new UnreadableInputException("the file has Brotli-compressed " + FourCC.toString(inner).strip()
                            + " metadata, which cannot be read here: refusing to add a label beside one it cannot see");
                }
            }
            if (h.type() == XML && firstXml == null) {
                firstXml = h;
            }
        }
        byte[] xmlBox = box(XML, LabelXmp.packet(firstXml == null ? null : payload(b, firstXml), edit, context));
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + xmlBox.length);
        boolean placed = false;
        for (BoxHeader h : boxes) {
            boolean beforeCodestream = h.type() != FTYP && h.type() != JXLL && h.offset() >= SIGNATURE.length;
            if (!placed && firstXml == null && beforeCodestream) {
                out.writeBytes(xmlBox);
                placed = true;
            }
            if (h == firstXml) {
                out.writeBytes(xmlBox);
                placed = true;
            } else if (h.type() == XML) {
                continue; // exactly one XMP box: later copies are dropped after the first one was updated
            } else if (h.type() == EXIF) {
                out.writeBytes(exifWithLabel(b, h, edit));
            } else {
                out.writeBytes(withExplicitSize(b, h));
            }
        }
        if (!placed) {
            out.writeBytes(xmlBox);
        }
        output.write(out.toByteArray());
    }

    /**
     * The box as it is, except that a size field of 0 ("runs to the end of the file") becomes the box's real size:
     * the XMP box may be written after it, and would otherwise be read as part of it (a damaged file whose ftyp
     * said 0 was marked with a label nobody could find again).
     */
    private static byte[] withExplicitSize(byte[] b, BoxHeader h) {
        byte[] box = Arrays.copyOfRange(b, (int) h.offset(), (int) h.end());
        if (h.headerLength() >= 8 && ByteBuffer.wrap(box, 0, 4).getInt() == 0) {
            ByteBuffer.wrap(box, 0, 4).putInt((int) h.size()); // whole file is in memory: under 2 GB
        }
        return box;
    }

    private static byte[] exifWithLabel(byte[] b, BoxHeader h, LabelEdit edit) {
        byte[] exif = payload(b, h);
        int tiff = HeifHandler.tiffStart(exif);
        try {
            byte[] block = tiff < 0 ? null : ExifLabel.withLabel(exif, tiff, exif.length, LabelJson.toWrappedJson(edit.label()));
            if (block != null) {
                byte[] updated = Arrays.copyOf(exif, tiff + block.length);
                System.arraycopy(block, 0, updated, tiff, block.length);
                return box(EXIF, updated);
            }
        } catch (TiffStructure.MalformedException e) {
            // an unreadable EXIF block holds no label we could update; it is copied as it is
        }
        return Arrays.copyOfRange(b, (int) h.offset(), (int) h.end());
    }

    private static byte[] box(int type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).putInt(type).put(payload).array();
    }
}
