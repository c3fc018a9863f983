package dev.aigcmark.video.bmff;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes a copy of an ISO-BMFF file with {@code moov} edited, top-level boxes removed and one box inserted
 * after {@code ftyp}, streaming everything else. Box order is kept, so a fast-start file (moov before mdat)
 * stays fast-start and a file with moov at the end keeps it there. Every absolute offset that moves is
 * rewritten: chunk offsets in moov (stco promoted to co64 when needed), explicit base data offsets in moof,
 * moof offsets in mfra. Memory holds moov and one moof at a time, never sample data.
 */
public final class BmffRewriter {
    /** An edit of the parsed moov tree (labels live in udta/meta); it must not move sample data. */
    @FunctionalInterface
    public interface MoovEdit {
        void apply(Box moov) throws IOException;
    }

    private static final int MAX_ITERATIONS = 4;

    private final TopLevel top;
    private MoovEdit moovEdit = moov -> { };
    private byte[] insertAfterFtyp;
    private Predicate<BoxHeader> remove = h -> false;

    public BmffRewriter(TopLevel top) {
        this.top = top;
    }

    public BmffRewriter editMoov(MoovEdit edit) {
        this.moovEdit = edit;
        return this;
    }

    /** A whole box (header included) to place right after ftyp (C2PA's required position). */
    public BmffRewriter insertAfterFtyp(byte[] box) {
        this.insertAfterFtyp = box;
        return this;
    }

    public BmffRewriter removeTopLevel(Predicate<BoxHeader> which) {
        this.remove = which;
        return this;
    }

    /** What was written: the final moov offset shift and how many stco tables became co64. */
    public record Result(long bytesWritten, long moovDelta, int promotedToCo64) {
    }

    /**
     * Writes the new file to {@code out}.
     *
     * @param inputChannel the input as a file channel for zero-copy transfer, or null
     */
    public Result writeTo(WritableByteChannel out, FileChannel inputChannel) throws IOException {
        BoxHeader moovHeader = top.single(BoxTypes.MOOV);
        if (moovHeader == null) {
            throw new BmffFormatException("no moov box: not a playable MP4/MOV file");
        }
        BoxHeader ftyp = top.boxes().stream().filter(h -> h.type() == BoxTypes.FTYP).findFirst().orElse(null);
        List<BoxHeader> removed = top.boxes().stream().filter(remove).toList();
        if (removed.contains(moovHeader) || removed.contains(ftyp)) {
            throw new IllegalArgumentException("moov and ftyp cannot be removed");
        }

        long moovLimit = top.limits().maxInMemoryBytes();
        Box moov = null;
        byte[] moovBytes = null;
        long moovDelta = 0;
        int promoted = 0;
        OffsetMap map = null;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            map = baseMap(ftyp, removed).edit(moovHeader.end(), moovDelta);
            moov = top.load(moovHeader, moovLimit); // fresh each round: remapping works from original offsets
            moovEdit.apply(moov);
            promoted = ChunkOffsets.remap(moov, map);
            moovBytes = moov.toBytes();
            long delta = moovBytes.length - moovHeader.size();
            if (delta == moovDelta) {
                break;
            }
            if (i == MAX_ITERATIONS - 1) {
                throw new BmffFormatException("moov size did not settle while updating chunk offsets");
            }
            moovDelta = delta;
        }

        RangeCopier copier = new RangeCopier(top.input(), inputChannel, out);
        if (ftyp == null && insertAfterFtyp != null) {
            copier.write(insertAfterFtyp);
        }
        for (BoxHeader h : top.boxes()) {
            if (removed.contains(h)) {
                continue;
            }
            if (h == moovHeader) {
                copier.write(moovBytes);
            } else if (!map.isIdentity() && (h.type() == BoxTypes.MOOF || h.type() == BoxTypes.MFRA)) {
                Box box = top.load(h, top.limits().maxMetadataBytes());
                if (h.type() == BoxTypes.MOOF) {
                    FragmentOffsets.remapMoof(box, map);
                } else {
                    FragmentOffsets.remapMfra(box, map);
                }
                copier.write(box.toBytes());
            } else {
                copier.copy(h.offset(), h.size());
            }
            if (h == ftyp && insertAfterFtyp != null) {
                copier.write(insertAfterFtyp);
            }
        }
        return new Result(copier.written(), moovDelta, promoted);
    }

    private OffsetMap baseMap(BoxHeader ftyp, List<BoxHeader> removed) {
        OffsetMap map = new OffsetMap();
        if (insertAfterFtyp != null) {
            map.edit(ftyp == null ? 0 : ftyp.end(), insertAfterFtyp.length);
        }
        for (BoxHeader r : new ArrayList<>(removed)) {
            map.edit(r.end(), -r.size());
        }
        return map;
    }
}
