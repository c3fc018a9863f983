package dev.aigcmark.core.internal.c2pa.jumbf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Builds JUMBF boxes as bytes (32-bit lengths: a manifest store is far below 4 GB). */
public final class JumbfWriter {
    private static final byte[] UUID_SUFFIX = HexFormat.of().parseHex("00110010800000AA00389B71");

    private JumbfWriter() {
    }

    /** The description type UUID for a four-character code: {@code c2pa}, {@code c2ma}, {@code cbor}... */
    public static byte[] typeUuid(String code) {
        byte[] b = new byte[16];
        byte[] c = code.getBytes(StandardCharsets.ISO_8859_1);
        if (c.length != 4) {
            throw new IllegalArgumentException("type code must have 4 characters: " + code);
        }
        System.arraycopy(c, 0, b, 0, 4);
        System.arraycopy(UUID_SUFFIX, 0, b, 4, 12);
        return b;
    }

    /** A plain box. */
    public static byte[] box(String type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        writeHeader(out, type, payload.length + 8L);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * A superbox: description (requestable, labelled, with a {@code c2sh} salt box when {@code salt} is not null)
     * followed by {@code contents}.
     */
    public static byte[] superbox(String typeCode, String label, byte[] salt, List<byte[]> contents) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(typeUuid(typeCode));
        d.write(0x03 | (salt != null ? 0x10 : 0));
        d.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        d.write(0);
        if (salt != null) {
            d.writeBytes(box("c2sh", salt));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(box("jumd", d.toByteArray()));
        contents.forEach(body::writeBytes);
        return box(JumbfBox.SUPERBOX, body.toByteArray());
    }

    private static void writeHeader(ByteArrayOutputStream out, String type, long size) {
        if (size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("box too large: " + size);
        }
        out.write((int) (size >>> 24));
        out.write((int) (size >>> 16));
        out.write((int) (size >>> 8));
        out.write((int) size);
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    }
}
