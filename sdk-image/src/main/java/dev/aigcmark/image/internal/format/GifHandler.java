package dev.aigcmark.image.internal.format;

import dev.aigcmark.core.MarkStep;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.spi.ContentDigester;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentNotSupportedException;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.image.internal.container.GifReencoder;
import dev.aigcmark.image.internal.container.GifStructure;
import dev.aigcmark.image.internal.container.GifStructure.Block;
import dev.aigcmark.image.internal.container.LabelXmp;
import dev.aigcmark.image.internal.container.Splicer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * GIF: XMP in the {@code XMP DataXMP} application extension (raw packet plus the magic trailer); a C2PA
 * manifest store in the {@code C2PA_GIF} application extension (JUMBF in sub-blocks, bound by a data hash). Content
 * marking re-codes the one image of a still GIF with its own palette (see GifReencoder); animated GIFs are refused.
 */
public final class GifHandler extends ImageFormatHandler implements LabelWriter, C2paEmbedding, RepaintingMarker, ContentDigester {

    public GifHandler() {
        super("gif", "image/gif", "gif");
    }

    @Override
    public List<LabelCarrierSpec> labelCarriers() {
        return List.of(LabelCarrierSpec.standard("XMP TC260:AIGC in the XMP DataXMP application extension"));
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
            if (block.isC2pa()) {
                c2paStore(b, block, context, c, problems);
                continue;
            }
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
        return finish(c, problems, b, st, context);
    }

    private static void c2paStore(byte[] b, Block block, SdkContext context, Container.Builder c, List<Status> problems) {
        String where = "C2PA_GIF application extension at " + block.offset();
        if (block.end() - block.offset() > context.limits().maxMetadataBytes()) {
            problems.add(Status.failure(StatusCodes.ASSET_LIMIT, where + " is over the metadata limit"));
        } else {
            c.carrier(new Carrier(CarrierType.JUMBF, where, block.offset(), block.end() - block.offset(),
                    GifStructure.applicationData(b, block)));
        }
    }

    /**
     * Places the store in a {@code C2PA_GIF} application extension right after the screen descriptor and global
     * colour table, where the reference puts it, replacing any earlier one; the data hash excludes that block.
     */
    @Override
    public StorePlacement writeStore(MediaInput input, MediaOutput output, byte[] store, SdkContext ctx) throws IOException {
        byte[] b = load(input, ctx);
        GifStructure st = parseForWriting(b, ctx);
        byte[] block = GifStructure.c2paBlock(store);
        Splicer sp = new Splicer(b, output);
        sp.insert(new byte[]{'G', 'I', 'F', '8', '9', 'a'}); // extensions need GIF89a
        sp.copy(6, st.headerEnd());
        long at = sp.insert(block);
        for (Block existing : st.blocks()) {
            if (!existing.isC2pa()) {
                sp.copy(existing.offset(), existing.end());
            }
        }
        sp.copy(st.blocks().get(st.blocks().size() - 1).end(), b.length);
        return new StorePlacement(at, block.length);
    }

    /** Screen, colour tables, images and graphic controls (see GifStructure#contentDigest). */
    @Override
    public ContentDigest contentDigest(Container scanned) throws IOException {
        return structure(scanned, GifStructure.class).contentDigest(file(scanned));
    }

    @Override
    public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context) throws IOException {
        byte[] b = load(input, context);
        GifStructure st = parseForWriting(b, context);
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

    /**
     * Draws the visible label and/or embeds our watermark in a still GIF. The palette stays: painted colours
     * are mapped to the nearest palette entry, so the watermark's small luma changes mostly vanish (the
     * visible label stays). Animated GIFs are refused rather than marked on the first frame only.
     */
    @Override
    public List<MarkStep> markContentNoting(MediaInput input, OutputStream output, ContentEdit edit,
                                            SdkContext context) throws IOException {
        return repaint(input, output, edit, context, b -> {
            GifStructure st = parseForWriting(b, context);
            int frames = GifReencoder.frames(st);
            if (frames != 1) {
                throw new ContentNotSupportedException("content marking of " + (frames == 0 ? "a GIF without an image"
                        : "animated GIF (" + frames + " frames)") + " is not supported; the implicit label can still be written");
            }
            return st;
        }, (file, st) -> 1, GifReencoder::write);
    }

    private static GifStructure parseForWriting(byte[] b, SdkContext context) throws IOException {
        List<Status> problems = new ArrayList<>();
        GifStructure st = GifStructure.parse(b, context.limits(), problems);
        requireIntact(st.complete(), problems, "GIF");
        return st;
    }
}
