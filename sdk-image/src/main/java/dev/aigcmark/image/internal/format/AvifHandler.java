package dev.aigcmark.image.internal.format;

import java.util.List;

/** AVIF: the HEIF container with AV1 images; labels are read and written exactly as for HEIC. */
public final class AvifHandler extends HeifHandler {
    public AvifHandler() {
        super("avif", "image/avif", "avif", "avifs");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        List<String> brands = brands(head, length);
        return !brands.isEmpty() && isAvif(brands);
    }
}
