package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.Placement;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * FLV: the label is the string property {@code AIGC} of the {@code onMetaData} script tag (AMF0), where
 * {@code ffmpeg -metadata AIGC=...} writes it. Read only: only the leading script tags are looked at (audio and
 * video tags are never read), each AMF0 value is walked with its length checked. Not written: rewriting
 * onMetaData moves every tag, and the keyframe index some writers keep there holds absolute file positions.
 */
public final class FlvHandler implements FormatHandler {
    private static final int SCRIPT = 18;
    private static final int MAX_LEADING_TAGS = 16;

    @Override
    public String id() {
        return "flv";
    }

    @Override
    public String mediaType() {
        return "video/x-flv";
    }

    @Override
    public List<String> extensions() {
        return List.of("flv");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return length >= 9 && head[0] == 'F' && head[1] == 'L' && head[2] == 'V' && head[3] == 1;
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.readOnly("onMetaData (AMF0) string property AIGC", Placement.STANDARD));
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        Container.Builder c = Container.builder(this, input);
        long size = input.size();
        long pos = Integer.toUnsignedLong(ByteBuffer.wrap(input.readFully(5, 4)).getInt()) + 4; // header, PreviousTagSize0
        for (int i = 0; i < MAX_LEADING_TAGS && pos + 11 <= size; i++) {
            byte[] h = input.readFully(pos, 11);
            int type = h[0] & 0x1F;
            int dataSize = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            if (pos + 11 + dataSize > size) {
                c.problem(Status.failure(StatusCodes.ASSET_TRUNCATED, "FLV tag at " + pos + " runs past the end of the file"));
                break;
            }
            if (type == SCRIPT) {
                if (dataSize > context.limits().maxMetadataBytes()) {
                    c.problem(Status.failure(StatusCodes.ASSET_LIMIT, "FLV script tag at " + pos + " is over the metadata limit"));
                } else {
                    readScript(input.readFully(pos + 11, dataSize), pos, c,
                            new StructureBudget(context.limits(), "AMF0 values in FLV metadata"));
                }
            }
            pos += 11 + dataSize + 4;
        }
        return c.build();
    }

    /**
     * Finds the AIGC property of an {@code onMetaData} script tag. Damage is a diagnostic (the tag is skipped), but
     * values nested past the depth limit go over the file's budget ({@code asset.limit.depth}, sticky). The number
     * of values is not limited here: the tag's size is (the metadata limit), and a long recording's keyframe index
     * legitimately holds tens of thousands.
     */
    private static void readScript(byte[] data, long offset, Container.Builder c, StructureBudget budget)
            throws BudgetExceededException {
        ByteBuffer b = ByteBuffer.wrap(data);
        try {
            if (b.get() != 2 || !"onMetaData".equals(utf8(b, b.getShort() & 0xFFFF))) {
                return;
            }
            int marker = b.get() & 0xFF;
            if (marker == 8) {
                b.getInt(); // ECMA array count (approximate by spec; the end marker decides)
            } else if (marker != 3) {
                return;
            }
            while (b.remaining() >= 3) {
                String key = utf8(b, b.getShort() & 0xFFFF);
                int type = b.get() & 0xFF;
                if (key.isEmpty() && type == 9) {
                    return;
                }
                if (key.equals("AIGC") && (type == 2 || type == 12)) {
                    String value = utf8(b, type == 2 ? b.getShort() & 0xFFFF : b.getInt());
                    c.carrier(new Carrier(CarrierType.AIGC_JSON, "FLV onMetaData AIGC (script tag at " + offset + ")",
                            offset, data.length + 11, value.getBytes(StandardCharsets.UTF_8)));
                } else {
                    skip(b, type, 0, budget);
                }
            }
        } catch (BudgetExceededException e) {
            throw e;
        } catch (BufferUnderflowException | IllegalArgumentException | UnreadableInputException e) {
            c.problem(Status.tolerated(StatusCodes.ASSET_MALFORMED, "FLV onMetaData at " + offset + " is malformed"));
        }
    }

    /** Skips one AMF0 value of {@code type}, every length checked by the buffer, nesting bounded. */
    private static void skip(ByteBuffer b, int type, int depth, StructureBudget budget) throws UnreadableInputException {
        budget.enter(depth);
        switch (type) {
            case 0 -> b.position(b.position() + 8);
            case 1 -> b.get();
            case 2 -> b.position(b.position() + (b.getShort() & 0xFFFF));
            case 3, 8 -> {
                if (type == 8) {
                    b.getInt();
                }
                while (true) {
                    int keyLength = b.getShort() & 0xFFFF;
                    b.position(b.position() + keyLength);
                    int t = b.get() & 0xFF;
                    if (keyLength == 0 && t == 9) {
                        return;
                    }
                    skip(b, t, depth + 1, budget);
                }
            }
            case 5, 6 -> { }
            case 7 -> b.getShort();
            case 10 -> {
                long n = Integer.toUnsignedLong(b.getInt());
                if (n > b.remaining()) {
                    throw new UnreadableInputException("AMF0 array of " + n + " values in " + b.remaining() + " bytes");
                }
                for (long i = 0; i < n; i++) {
                    skip(b, b.get() & 0xFF, depth + 1, budget);
                }
            }
            case 11 -> b.position(b.position() + 10);
            case 12, 15 -> b.position(b.position() + checkedLength(b.getInt(), b));
            default -> throw new UnreadableInputException("AMF0 type " + type + " is not read");
        }
    }

    private static int checkedLength(int n, ByteBuffer b) throws UnreadableInputException {
        if (n < 0 || n > b.remaining()) {
            throw new UnreadableInputException("AMF0 length " + n + " runs past the script data");
        }
        return n;
    }

    private static String utf8(ByteBuffer b, int n) {
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("AMF0 string of " + n + " bytes runs past the script data");
        }
        String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }
}
