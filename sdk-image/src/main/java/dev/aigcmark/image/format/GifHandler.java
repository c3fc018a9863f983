package dev.aigcmark.image.format;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.image.format.internal.GifStructure;
import dev.aigcmark.image.format.internal.GifStructure.Block;
import dev.aigcmark.image.format.internal.LabelXmp;
import dev.aigcmark.image.format.internal.Splicer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** GIF: XMP in the {@code XMP DataXMP} application extension (raw packet plus the magic trailer). */
public final class GifHandler extends ImageFormatHandler implements LabelWriter {

    public GifHandler() {
        super("gif", "image/gif", "gif");
    }

    @Override
    public boolean sniff(byte[] head, int length, String fileName) {
        return GifStructure.sniff(head, length);
    }

    @Override
    public Container scan(MediaInput input, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        List<Status> problems = new ArrayList<>();
        GifStructure st = GifStructure.parse(b, context.limits(), problems);
        Container.Builder c = Container.builder(this, input);
        for (Block block : st.blocks()) {
            if (!block.isApplication(GifStructure.XMP_APP_ID)) {
                continue;
            }
            String where = "XMP application extension at " + block.offset();
            byte[] xmp = GifStructure.xmpOf(b, block);
            if (xmp == null) {
                problems.add(Status.failure(StatusCodes.ASSET_MALFORMED, where + " lacks the XMP magic trailer"));
            } else if (xmp.length > context.limits().maxMetadataBytes()) {
                problems.add(Status.failure(StatusCodes.ASSET_LIMIT, where + " is over the metadata limit"));
            } else {
                c.carrier(new Carrier(CarrierType.XMP, where, block.offset(), block.end() - block.offset(), xmp));
            }
        }
        return finish(c, problems, b, context);
    }

    @Override
    public void writeLabel(MediaInput input, OutputStream output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        List<Status> problems = new ArrayList<>();
        GifStructure st = GifStructure.parse(b, context.limits(), problems);
        requireIntact(st.complete(), problems, "GIF");
        Block old = null;
        for (Block block : st.blocks()) {
            if (block.isApplication(GifStructure.XMP_APP_ID) && GifStructure.xmpOf(b, block) != null) {
                old = block;
                break;
            }
        }
        byte[] packet = LabelXmp.packet(old == null ? null : GifStructure.xmpOf(b, old), edit, context);
        byte[] xmpBlock = GifStructure.xmpBlock(packet);
        Splicer sp = new Splicer(b, output);
        // Extensions need GIF89a; the version is the only header byte that may change.
        sp.insert(new byte[]{'G', 'I', 'F', '8', '9', 'a'});
        sp.copy(6, st.headerEnd());
        boolean written = false;
        for (Block block : st.blocks()) {
            boolean firstFrameBlock = block.kind() == 0x2C || block.label() == 0xF9 || block.kind() == 0x3B;
            if (!written && (block == old || (old == null && firstFrameBlock))) {
                sp.insert(xmpBlock);
                written = true;
            }
            if (!block.isApplication(GifStructure.XMP_APP_ID)) {
                sp.copy(block.offset(), block.end());
            }
        }
        sp.copy(st.blocks().get(st.blocks().size() - 1).end(), b.length);
    }
}
