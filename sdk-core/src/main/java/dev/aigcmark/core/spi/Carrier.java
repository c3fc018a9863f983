package dev.aigcmark.core.spi;

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
 */
public record Carrier(String type, String location, long offset, long length, byte[] data) {
    public Carrier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(data, "data");
    }

    public String text() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
}
