package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;
import dev.aigcmark.core.internal.bmff.BoxTypes;

import java.io.IOException;
import java.nio.ByteBuffer;

/** XMP in ISO-BMFF: the top-level {@code uuid} box BE7ACFCB-97A9-42E8-9C71-999491E3AFAC holding the packet. */
final class XmpBoxes {
    private XmpBoxes() {
    }

    static byte[] uuidBox(byte[] packet) {
        return ByteBuffer.allocate(24 + packet.length).putInt(24 + packet.length).putInt(BoxTypes.UUID)
                .put(BoxTypes.XMP_UUID).put(packet).array();
    }

    /** The packet with the label (and digital source type) set, every other property kept. */
    static byte[] updated(byte[] packet, String json, LabelEdit edit, SdkContext context) throws IOException {
        try {
            return XmpPacket.update(packet, json, edit.digitalSourceType(), context.limits());
        } catch (XmpException e) {
            throw new IOException("cannot update the file's existing XMP, refusing to replace it: " + e.getMessage(), e);
        }
    }
}
