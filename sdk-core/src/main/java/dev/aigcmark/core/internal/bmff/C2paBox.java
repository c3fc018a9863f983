package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The C2PA manifest store box of ISO-BMFF: {@code uuid} D8FEC3D6-1B0E-483C-9297-5828877EC481, FullBox
 * version 0, purpose {@code manifest\0}, a u64 offset to a merkle box (0: none), then the JUMBF store. The same
 * top-level box in MP4 and in HEIF/AVIF still images.
 */
public final class C2paBox {
    public static final String PURPOSE_MANIFEST = "manifest";
    private static final int MAX_PURPOSE = 64;

    public record Parsed(String purpose, long merkleOffset, byte[] store) {
    }

    private C2paBox() {
    }

    /** Parses the payload after the user type; null when its header is unreadable. */
    public static Parsed parse(byte[] p) {
        if (p.length < 5) {
            return null;
        }
        int nul = -1;
        for (int i = 4; i < Math.min(p.length, 4 + MAX_PURPOSE); i++) {
            if (p[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            return null;
        }
        String purpose = new String(p, 4, nul - 4, StandardCharsets.US_ASCII);
        int pos = nul + 1;
        if (!purpose.equals(PURPOSE_MANIFEST)) {
            return new Parsed(purpose, 0, new byte[0]);
        }
        if (p.length - pos < 8) {
            return null;
        }
        long offset = ByteBuffer.wrap(p, pos, 8).getLong();
        return new Parsed(purpose, offset, Arrays.copyOfRange(p, pos + 8, p.length));
    }

    /**
     * Adds the manifest store of the top-level C2PA box {@code h} (payload {@code payload}, after the user type)
     * to {@code out} as a JUMBF carrier spanning the whole box (the BMFF hash's exclusion); a box with another
     * purpose (a merkle box) carries none, a box whose header is unreadable is a malformed-asset failure.
     */
    public static void addCarrier(BoxHeader h, byte[] payload, Container.Builder out) {
        Parsed parsed = parse(payload);
        if (parsed == null) {
            out.problem(Status.failure(StatusCodes.ASSET_MALFORMED, "C2PA uuid box at " + h.offset()
                    + " has no readable purpose/offset header"));
        } else if (parsed.purpose().equals(PURPOSE_MANIFEST)) {
            out.carrier(new Carrier(CarrierType.JUMBF, "uuid C2PA at " + h.offset(), h.offset(), h.size(), parsed.store()));
        }
    }

    /** The whole box (header included) holding {@code store}. */
    public static byte[] build(byte[] store) {
        byte[] purpose = (PURPOSE_MANIFEST + "\0").getBytes(StandardCharsets.US_ASCII);
        long size = 8L + 16 + 4 + purpose.length + 8 + store.length;
        boolean large = size > 0xFFFFFFFFL;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size + 8, Integer.MAX_VALUE - 8));
        ByteBuffer head = ByteBuffer.allocate(16);
        if (large) {
            head.putInt(1).putInt(BoxTypes.UUID).putLong(size + 8);
        } else {
            head.putInt((int) size).putInt(BoxTypes.UUID);
        }
        out.write(head.array(), 0, head.position());
        out.write(BoxTypes.C2PA_UUID, 0, 16);
        out.write(new byte[4], 0, 4);
        out.write(purpose, 0, purpose.length);
        out.write(new byte[8], 0, 8);
        out.write(store, 0, store.length);
        return out.toByteArray();
    }
}
