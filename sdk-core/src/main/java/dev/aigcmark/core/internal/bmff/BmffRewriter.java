package dev.aigcmark.core.internal.bmff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<BoxHeader, byte[]> replacements = new HashMap<>();
    private byte[] append;
    private long reserved = -1;

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

    /** Writes {@code box} (header included) in place of the top-level box {@code h}; later offsets follow. */
    public BmffRewriter replaceTopLevel(BoxHeader h, byte[] box) {
        replacements.put(h, box);
        return this;
    }

    /**
     * A whole box to add after the last top-level box: moves no sample. Refused when the last box runs to the
     * end of the file by a size of 0 (the new box would be swallowed): check {@link #lastBoxIsOpenEnded}.
     */
    public BmffRewriter append(byte[] box) throws IOException {
        if (lastBoxIsOpenEnded()) {
            throw new BmffFormatException("the last box extends to the end of the file: nothing can follow it");
        }
        this.append = box;
        return this;
    }

    /** Whether the last top-level box declares size 0 ("to the end of the file"). */
    public boolean lastBoxIsOpenEnded() throws IOException {
        List<BoxHeader> boxes = top.boxes();
        if (boxes.isEmpty()) {
            return false;
        }
        byte[] size = top.input().readFully(boxes.get(boxes.size() - 1).offset(), 4);
        return size[0] == 0 && size[1] == 0 && size[2] == 0 && size[3] == 0;
    }

    /**
     * Gives {@code moov}, with the free/skip box right after it if there is one, exactly {@code size} bytes: the
     * edited moov, then a {@code free} box filling the rest. Every later box moves by an amount known before moov is
     * edited, so a writer can copy them ({@link #writeReservingMoov}) before the label that edits moov is signed,
     * then fill the room ({@link #moovRegion}).
     */
    public BmffRewriter reserveMoov(long size) {
        if (size < 8 || size > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("bad room for moov: " + size);
        }
        this.reserved = size;
        return this;
    }

    /** The bytes moov and the padding right after it take in the input (what {@link #reserveMoov} replaces). */
    public long moovRoom() throws IOException {
        BoxHeader moov = moovHeader();
        BoxHeader pad = paddingAfter(moov, removedBoxes());
        return moov.size() + (pad == null ? 0 : pad.size());
    }

    /** The edited moov when its room is {@link #reserveMoov reserved}: chunk offsets point past the room. */
    public byte[] editedMoov() throws IOException {
        BoxHeader moovHeader = moovHeader();
        Box moov = top.load(moovHeader, top.limits().maxInMemoryBytes());
        moovEdit.apply(moov);
        ChunkOffsets.remap(moov, reservedMap());
        return moov.toBytes();
    }

    /**
     * The bytes to write at the start of the room {@code written}'s {@link #writeReservingMoov} reserved: this
     * rewriter's {@link #editedMoov edited moov} and the header of the free box that fills the rest (whose zeros were
     * written already: a room reusing a large padding never passes through the heap); null when the moov does not fit
     * (it needs more, or leaves 1 to 7 bytes, too few for a box). {@code written} may be this rewriter or another one
     * of the same file (the label is signed only after the boxes after moov are written), but the chunk offsets here
     * come from this rewriter's layout: the two must agree on it.
     *
     * @throws IllegalStateException when they do not (a box removed, replaced or resized by one of them only, another
     *                               room): every chunk offset after moov would point astray
     */
    public byte[] moovRegion(BmffRewriter written) throws IOException {
        if (written.top != top || !written.reservedLayout().equals(reservedLayout())) {
            throw new IllegalStateException("the boxes after moov were written in another layout than this rewrite's"
                    + " (a box removed, replaced or resized by one of them only): chunk offsets would point astray");
        }
        byte[] moov = editedMoov();
        long rest = reserved - moov.length;
        if (rest < 0 || rest > 0 && rest < 8) {
            return null;
        }
        byte[] region = Arrays.copyOf(moov, moov.length + (rest > 0 ? 8 : 0));
        if (rest > 0) {
            ByteBuffer.wrap(region, moov.length, 8).putInt((int) rest).putInt(BoxTypes.FREE); // ≤ 2^32 - 1: unsigned
        }
        return region;
    }

    /** The box {@link #append} adds at the end, or null. */
    public byte[] appended() {
        return append == null ? null : append.clone();
    }

    /**
     * Writes the new file with a {@code free} box of the {@link #reserveMoov reserved} size where moov and its
     * padding go, and without the {@link #append appended} box: the caller fills the room with
     * {@link #moovRegion(BmffRewriter)} (this rewriter passed as the one that wrote) and appends. Every other box is
     * written as {@link #writeTo} writes it.
     *
     * @return where the room starts, counted from the first byte this call wrote
     */
    public long writeReservingMoov(WritableByteChannel out) throws IOException {
        if (reserved < 0 || insertAfterFtyp != null) {
            throw new IllegalStateException("no room reserved for moov, or a box inserted before it");
        }
        BoxHeader moovHeader = moovHeader();
        List<BoxHeader> removed = removedBoxes();
        BoxHeader pad = paddingAfter(moovHeader, removed);
        OffsetMap map = reservedMap();
        RangeCopier copier = new RangeCopier(top.input(), out);
        long room = -1;
        for (BoxHeader h : top.boxes()) {
            if (h == moovHeader) {
                room = copier.written();
                writeFree(copier, reserved);
            } else if (h != pad) {
                writeBox(h, copier, removed, map);
            }
        }
        copier.flush();
        return room;
    }

    /**
     * Each top-level box's size in the reserving layout, in file order (moov: the room; the padding it absorbs left
     * out; a removed box 0; a replaced one its replacement's): what places every box after moov.
     */
    private List<Long> reservedLayout() throws IOException {
        if (reserved < 0 || insertAfterFtyp != null) {
            throw new IllegalStateException("no room reserved for moov, or a box inserted before it");
        }
        BoxHeader moovHeader = moovHeader();
        List<BoxHeader> removed = removedBoxes();
        BoxHeader pad = paddingAfter(moovHeader, removed);
        List<Long> sizes = new ArrayList<>();
        for (BoxHeader h : top.boxes()) {
            if (h == moovHeader) {
                sizes.add(reserved);
            } else if (h != pad) {
                byte[] replacement = replacements.get(h);
                sizes.add(removed.contains(h) ? 0L : replacement != null ? replacement.length : h.size());
            }
        }
        return sizes;
    }

    private BoxHeader moovHeader() throws IOException {
        BoxHeader moovHeader = top.single(BoxTypes.MOOV);
        if (moovHeader == null) {
            throw new BmffFormatException("no moov box: not a playable MP4/MOV file");
        }
        return moovHeader;
    }

    private List<BoxHeader> removedBoxes() {
        return top.boxes().stream().filter(remove).toList();
    }

    /** Offsets when moov and its padding take the reserved room. */
    private OffsetMap reservedMap() throws IOException {
        BoxHeader moovHeader = moovHeader();
        BoxHeader ftyp = top.boxes().stream().filter(h -> h.type() == BoxTypes.FTYP).findFirst().orElse(null);
        return baseMap(ftyp, removedBoxes()).edit(moovHeader.end(), reserved - moovRoom());
    }

    public BmffRewriter removeTopLevel(Predicate<BoxHeader> which) {
        this.remove = which;
        return this;
    }

    /** What was written: the final moov offset shift and how many stco tables became co64. */
    public record Result(long bytesWritten, long moovDelta, int promotedToCo64) {
    }

    /**
     * Writes the new file to {@code out}: the boxes it edits from memory, every other box copied (a
     * {@link dev.aigcmark.core.io.MediaOutput} or a {@code FileChannel} to a file input: in the kernel).
     */
    public Result writeTo(WritableByteChannel out) throws IOException {
        return writeTo(out, 0);
    }

    /**
     * As {@link #writeTo(WritableByteChannel)}, when the caller has already written the first {@code written}
     * top-level boxes to {@code out} as they are (a writer that digested the sample data while copying it, before
     * the label that edits moov was signed). Each of them must be one this rewrite copies unchanged: not removed,
     * replaced, moved or edited, with nothing inserted before or among them.
     *
     * @throws IllegalStateException when one of them is not (the caller's layout check disagrees with this rewrite)
     */
    public Result writeTo(WritableByteChannel out, int written) throws IOException {
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
        // A free/skip box right after moov can absorb its change of size: then no sample moves at all.
        BoxHeader pad = paddingAfter(moovHeader, removed);
        long padSize = 0;
        if (pad != null) {
            map = baseMap(ftyp, removed);
            moov = top.load(moovHeader, moovLimit);
            moovEdit.apply(moov);
            promoted = ChunkOffsets.remap(moov, map);
            moovBytes = moov.toBytes();
            long newPad = pad.size() - (moovBytes.length - moovHeader.size());
            if (newPad == 0 || newPad >= 8 && newPad <= 0xFFFFFFFFL) {
                padSize = newPad;
            } else {
                pad = null;
            }
        }
        for (int i = 0; pad == null && i < MAX_ITERATIONS; i++) {
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

        RangeCopier copier = new RangeCopier(top.input(), out);
        if (ftyp == null && insertAfterFtyp != null) {
            if (written > 0) {
                throw new IllegalStateException("a box is inserted before the boxes already written");
            }
            copier.write(insertAfterFtyp);
        }
        long prefixBytes = 0;
        for (int i = 0; i < written; i++) {
            BoxHeader h = top.boxes().get(i);
            if (removed.contains(h) || h == moovHeader || h == pad || replacements.containsKey(h)
                    || (h == ftyp && insertAfterFtyp != null)
                    || (!map.isIdentity() && (h.type() == BoxTypes.MOOF || h.type() == BoxTypes.MFRA))) {
                throw new IllegalStateException("top-level box " + i + " (" + FourCC.toString(h.type())
                        + ") is rewritten, but was written as it is");
            }
            prefixBytes += h.size();
        }
        for (BoxHeader h : top.boxes().subList(written, top.boxes().size())) {
            if (h == moovHeader) {
                copier.write(moovBytes);
            } else if (h == pad) {
                writeFree(copier, padSize);
            } else {
                writeBox(h, copier, removed, map);
            }
            if (h == ftyp && insertAfterFtyp != null) {
                copier.write(insertAfterFtyp);
            }
        }
        if (append != null) {
            copier.write(append);
        }
        copier.flush();
        return new Result(prefixBytes + copier.written(), moovDelta, promoted);
    }

    /** A box other than moov and its padding: left out, replaced, remapped (moof, mfra) or copied as it is. */
    private void writeBox(BoxHeader h, RangeCopier copier, List<BoxHeader> removed, OffsetMap map) throws IOException {
        if (removed.contains(h)) {
            return;
        }
        if (replacements.containsKey(h)) {
            copier.write(replacements.get(h));
        } else if (!map.isIdentity() && (h.type() == BoxTypes.MOOF || h.type() == BoxTypes.MFRA)) {
            byte[] original = top.bytes(h, top.limits().maxMetadataBytes());
            Box box = top.parse(h, original);
            if (h.type() == BoxTypes.MOOF) {
                FragmentOffsets.remapMoof(box, map);
            } else {
                FragmentOffsets.remapMfra(box, map);
            }
            byte[] bytes = box.toBytes();
            if (Arrays.equals(bytes, original)) {
                copier.defer(h.offset(), h.size()); // no absolute offset in it (default-base-is-moof): one run
            } else {
                copier.write(bytes);
            }
        } else {
            copier.defer(h.offset(), h.size());
        }
    }

    /** The free/skip box directly after moov, if it is kept as it is otherwise. */
    private BoxHeader paddingAfter(BoxHeader moov, List<BoxHeader> removed) {
        List<BoxHeader> boxes = top.boxes();
        int i = boxes.indexOf(moov);
        if (i < 0 || i + 1 >= boxes.size()) {
            return null;
        }
        BoxHeader next = boxes.get(i + 1);
        boolean padding = next.type() == BoxTypes.FREE || next.type() == BoxTypes.SKIP;
        return padding && !removed.contains(next) && !replacements.containsKey(next)
                ? next : null;
    }

    /**
     * A free box of {@code size} bytes (0: none), its zeros streamed: the padding after a hostile file's moov may be
     * gigabytes, and must not be held in memory (nor its 32-bit size cast to a negative array length).
     */
    private static void writeFree(RangeCopier copier, long size) throws IOException {
        if (size == 0) {
            return;
        }
        copier.write(ByteBuffer.allocate(8).putInt((int) size).putInt(BoxTypes.FREE).array()); // ≤ 2^32 - 1: unsigned
        copier.zeros(size - 8);
    }

    private OffsetMap baseMap(BoxHeader ftyp, List<BoxHeader> removed) {
        OffsetMap map = new OffsetMap();
        if (insertAfterFtyp != null) {
            map.edit(ftyp == null ? 0 : ftyp.end(), insertAfterFtyp.length);
        }
        for (BoxHeader r : new ArrayList<>(removed)) {
            map.edit(r.end(), -r.size());
        }
        replacements.forEach((h, box) -> map.edit(h.end(), box.length - h.size()));
        return map;
    }
}
