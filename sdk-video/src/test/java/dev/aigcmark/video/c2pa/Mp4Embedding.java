package dev.aigcmark.video.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.video.format.Mp4Handler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Drives {@link Mp4Handler#embedC2pa} through the {@link C2paEmbedding} SPI the C2PA writer uses, until the
 * handler implements it itself: the store box goes right after {@code ftyp}, so its placement is the ftyp
 * size and the box size (header, user type, FullBox, {@code manifest\0}, u64 offset, store).
 */
final class Mp4Embedding extends Mp4Handler implements C2paEmbedding {

    @Override
    public StorePlacement writeStore(MediaInput input, OutputStream output, byte[] store, SdkContext ctx) throws IOException {
        long ftyp = Integer.toUnsignedLong(ByteBuffer.wrap(input.readFully(0, 4)).getInt());
        embedC2pa(input, output, store, ctx);
        return new StorePlacement(ftyp, 8L + 16 + 4 + "manifest\0".length() + 8 + store.length);
    }

    @Override
    public boolean dataHashBinding() {
        return false;
    }
}
