package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.StorePlacement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A minimal PNG {@code caBX} embedding for core tests, so the writer is exercised against the reference
 * before (and independently of) sdk-image's handlers: drops existing {@code caBX} chunks and inserts the
 * store right after {@code IHDR}.
 */
final class PngFixtureHandler implements FormatHandler, C2paEmbedding {

    @Override
    public String id() {
        return "png-fixture";
    }

    @Override
    public String mediaType() {
        return "image/png";
    }

    @Override
    public List<String> extensions() {
        return List.of("png");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return length >= 8 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] f = input.readAll(context.limits().maxInMemoryBytes());
        Container.Builder b = Container.builder(this, input);
        int pos = 8;
        while (pos + 12 <= f.length) {
            int len = ByteBuffer.wrap(f, pos, 4).getInt();
            String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("caBX")) {
                b.carrier(new Carrier(CarrierType.JUMBF, "caBX at " + pos, pos, len + 12L, Arrays.copyOfRange(f, pos + 8, pos + 8 + len)));
            }
            pos += 12 + len;
        }
        return b.build();
    }

    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        byte[] f = input.readAll(ctx.limits().maxInMemoryBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + store.length + 12);
        out.write(f, 0, 8);
        int pos = 8;
        long placed = -1;
        while (pos + 12 <= f.length) {
            int len = ByteBuffer.wrap(f, pos, 4).getInt();
            String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.equals("caBX")) {
                out.write(f, pos, len + 12);
            }
            if (type.equals("IHDR")) {
                placed = out.size();
                out.writeBytes(chunk("caBX", store));
            }
            pos += 12 + len;
        }
        output.write(out.toByteArray());
        return new StorePlacement(placed, store.length + 12L);
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length + 12);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
