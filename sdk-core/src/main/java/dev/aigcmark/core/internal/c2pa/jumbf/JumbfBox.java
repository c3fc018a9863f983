package dev.aigcmark.core.internal.c2pa.jumbf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One box of a parsed JUMBF tree, as positions into the store's bytes (nothing is copied or re-encoded, so
 * hashes are taken over exactly what was written). A superbox ({@code jumb}) has a description and children;
 * other boxes have a payload.
 *
 * @param store        the whole store's bytes
 * @param type         four-character box type
 * @param start        offset of the box header in {@code store}
 * @param headerLength 8, or 16 with a 64-bit length
 * @param end          offset just past the box
 * @param description  the {@code jumd} of a superbox, else null
 * @param children     a superbox's boxes after its description (empty for plain boxes)
 */
public record JumbfBox(byte[] store, String type, int start, int headerLength, int end, Description description,
                       List<JumbfBox> children) {

    public static final String SUPERBOX = "jumb";

    public boolean isSuperbox() {
        return description != null;
    }

    /** The superbox label, or "" for a plain box. */
    public String label() {
        return description == null ? "" : description.label();
    }

    /** The box's contents without its own header: what a C2PA hashed URI covers. */
    public byte[] contents() {
        return Arrays.copyOfRange(store, start + headerLength, end);
    }

    /** The whole box, header included. */
    public byte[] bytes() {
        return Arrays.copyOfRange(store, start, end);
    }

    /** Payload of a plain box (same as {@link #contents()}). */
    public byte[] payload() {
        return contents();
    }

    public int payloadOffset() {
        return start + headerLength;
    }

    public int payloadLength() {
        return end - start - headerLength;
    }

    /** The first child superbox with this label. */
    public Optional<JumbfBox> child(String label) {
        return children.stream().filter(c -> c.isSuperbox() && c.label().equals(label)).findFirst();
    }

    /** The first child plain box of this type ({@code cbor}, {@code json}...). */
    public Optional<JumbfBox> content(String boxType) {
        return children.stream().filter(c -> !c.isSuperbox() && c.type().equals(boxType)).findFirst();
    }

    /** The four-character code at the start of the description's type UUID ({@code c2pa}, {@code c2ma}, {@code cbor}...). */
    public String typeCode() {
        return description == null ? type : description.typeCode();
    }

    /**
     * A superbox description ({@code jumd}).
     *
     * @param uuid    the 16-byte content type UUID
     * @param toggles the toggle byte
     * @param label   label (toggle 0x02), or ""
     * @param salt    the C2PA salt ({@code c2sh} private box), or null
     */
    public record Description(byte[] uuid, int toggles, String label, byte[] salt) {
        public String typeCode() {
            return new String(uuid, 0, 4, StandardCharsets.ISO_8859_1);
        }
    }
}
