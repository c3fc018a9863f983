package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;

import java.io.IOException;

/** The XMP packet a writer puts in the file: the existing one updated, or a fresh one. */
public final class LabelXmp {
    private LabelXmp() {
    }

    /**
     * @throws IOException when the existing packet is unusable: we refuse rather than drop someone's metadata
     */
    public static byte[] packet(byte[] existingOrNull, LabelEdit edit, SdkContext ctx) throws IOException {
        try {
            return XmpPacket.update(existingOrNull, LabelJson.toBareJson(edit.label()), edit.digitalSourceType(),
                    ctx.limits());
        } catch (XmpException e) {
            throw new IOException("cannot update the file's existing XMP, refusing to replace it: " + e.getMessage(), e);
        }
    }
}
