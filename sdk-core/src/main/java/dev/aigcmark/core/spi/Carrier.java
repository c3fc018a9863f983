package dev.aigcmark.core.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A raw unit a container handler located: an XMP packet, a JUMBF manifest store, a label JSON text, a
 * PNG chunk... Handlers return carriers without interpreting them; {@link MarkCodec}s interpret.
 *
 * @param type     what the bytes are, one of {@link CarrierType}'s names (an open set)
 * @param location where, for people: {@code APP1 XMP at 20}, {@code iTXt XML:com.adobe.xmp}, {@code moov/udta/meta}
 * @param offset   byte offset of the whole carrier (header included) in the file, or -1 when not meaningful
 * @param length   byte length of the whole carrier in the file (for C2PA exclusions), or -1
 * @param data     the payload (for XMP the packet text as UTF-8, for JUMBF the store's boxes)
 * @param placement whether this is where the standard puts a label for the format (labels found in a
 *                  {@link Placement#NONSTANDARD} carrier are reported as tolerated, not conforming)
 */
public record Carrier(String type, String location, long offset, long length, byte[] data, Placement placement) {
    public Carrier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(placement, "placement");
    }

    /** A carrier in the place the standard names for its format. */
    public Carrier(String type, String location, long offset, long length, byte[] data) {
        this(type, location, offset, length, data, Placement.STANDARD);
    }

    /** A label carrier in a place real producers use but the standard does not name. */
    public static Carrier nonStandard(String type, String location, long offset, long length, byte[] data) {
        return new Carrier(type, location, offset, length, data, Placement.NONSTANDARD);
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
