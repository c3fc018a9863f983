package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxBudget;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxReader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.ChunkOffsets;
import dev.aigcmark.core.internal.bmff.OffsetMap;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.image.internal.container.HeifItems.Extent;
import dev.aigcmark.image.internal.container.HeifItems.Info;
import dev.aigcmark.image.internal.container.HeifItems.Location;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A HEIF/AVIF file held in memory: the top-level boxes (walked with the shared bounded {@code core.bmff} reader),
 * the file-level {@code meta} tree and its items. Reads item data within the metadata limit, and writes a copy
 * in which some items have new data: in place when it fits the old extent, otherwise in a new {@code mdat}
 * appended at the end; the grown {@code meta} shifts what follows it, and every {@code iloc} offset (and, in an
 * image sequence, every chunk offset) that moves is rewritten. Coded image data is copied byte for byte.
 */
public final class HeifFile {
    private final byte[] b;
    private final List<BoxHeader> top;
    private final BoxHeader metaHeader;
    private final Box meta;
    private final List<Info> infos;
    private final HeifItems.Iloc iloc;
    private final ReadLimits limits;

    private HeifFile(byte[] b, List<BoxHeader> top, BoxHeader metaHeader, Box meta, List<Info> infos,
                     HeifItems.Iloc iloc, ReadLimits limits) {
        this.b = b;
        this.top = top;
        this.metaHeader = metaHeader;
        this.meta = meta;
        this.infos = infos;
        this.iloc = iloc;
        this.limits = limits;
    }

    /** Parses the top level and the file-level meta; a file without one is not a HEIF image. */
    public static HeifFile parse(byte[] b, ReadLimits limits) throws IOException {
        MediaInput in = MediaInput.of(b, "heif");
        List<BoxHeader> top = BoxReader.children(in, 0, b.length, 0, new BoxBudget(limits));
        BoxHeader metaHeader = null;
        for (BoxHeader h : top) {
            if (h.type() == BoxTypes.META) {
                if (metaHeader != null) {
                    throw new BmffFormatException("two file-level meta boxes, at " + metaHeader.offset() + " and " + h.offset());
                }
                metaHeader = h;
            }
        }
        if (metaHeader == null) {
            throw new UnreadableInputException("no file-level meta box: not a HEIF image");
        }
        if (metaHeader.size() > limits.maxMetadataBytes()) {
            throw new BmffFormatException("meta box of " + metaHeader.size() + " bytes is over the metadata limit", true);
        }
        BoxHeader local = new BoxHeader(metaHeader.type(), 0, metaHeader.headerLength(), metaHeader.size(), null);
        Box meta = Box.parseOne(Arrays.copyOfRange(b, (int) metaHeader.offset(), (int) metaHeader.end()), local, 0,
                new BoxBudget(limits));
        if (!meta.isContainer()) {
            throw new BmffFormatException("meta box is not a box list");
        }
        Box iinf = meta.child(HeifItems.IINF);
        Box ilocBox = meta.child(HeifItems.ILOC);
        List<Info> infos = iinf == null ? List.of() : HeifItems.infos(iinf, limits.maxBoxCount());
        HeifItems.Iloc iloc = ilocBox == null ? null : HeifItems.iloc(ilocBox, limits.maxBoxCount());
        return new HeifFile(b, top, metaHeader, meta, infos, iloc, limits);
    }

    public List<Info> infos() {
        return infos;
    }

    /** The top-level boxes in file order. */
    public List<BoxHeader> topLevel() {
        return top;
    }

    /** Where an item's data is, for reports. */
    public long itemOffset(long id) {
        Location l = iloc == null ? null : iloc.find(id);
        if (l == null || l.extents().isEmpty()) {
            return -1;
        }
        return l.constructionMethod() == 0 ? l.baseOffset() + l.extents().get(0).offset() : -1;
    }

    /** The bytes of item {@code id}, refusing more than the metadata limit or extents outside the file. */
    public byte[] itemData(long id) throws BmffFormatException {
        Location l = iloc == null ? null : iloc.find(id);
        if (l == null) {
            throw new BmffFormatException("item " + id + " has no iloc entry");
        }
        if (l.dataReferenceIndex() != 0) {
            throw new BmffFormatException("item " + id + " is in another file (data reference " + l.dataReferenceIndex() + ")");
        }
        byte[] source;
        long sourceStart;
        if (l.constructionMethod() == 0) {
            source = b;
            sourceStart = 0;
        } else if (l.constructionMethod() == 1) {
            Box idat = meta.child(HeifItems.IDAT);
            if (idat == null) {
                throw new BmffFormatException("item " + id + " is stored in idat, but meta has none");
            }
            source = idat.payload();
            sourceStart = 0;
        } else {
            throw new BmffFormatException("item " + id + " uses construction method " + l.constructionMethod()
                    + " (item offsets), which is not read");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Extent e : l.extents()) {
            long start = sourceStart + l.baseOffset() + e.offset();
            long length = e.length() == 0 ? source.length - start : e.length();
            if (start < 0 || length < 0 || start + length > source.length) {
                throw new BmffFormatException("item " + id + " extent at " + start + "+" + length + " lies outside its data");
            }
            if (out.size() + length > limits.maxMetadataBytes()) {
                throw new BmffFormatException("item " + id + " has more than " + limits.maxMetadataBytes()
                        + " bytes, over the metadata limit", true);
            }
            out.write(source, (int) start, (int) length);
        }
        return out.toByteArray();
    }

    /** The primary item's id ({@code pitm}), or -1. */
    public long primaryItem() {
        Box pitm = meta.child(HeifItems.PITM);
        if (pitm == null || pitm.isContainer() || pitm.payload().length < 6) {
            return -1;
        }
        ByteBuffer p = ByteBuffer.wrap(pitm.payload());
        return p.get(0) == 0 ? p.getShort(4) & 0xFFFF : p.remaining() >= 8 ? p.getInt(4) & 0xFFFFFFFFL : -1;
    }

    /**
     * Writes the file with {@code replacements} (item id to new data; a fitting one is padded with
     * {@code padding}'s byte for that item) and, when {@code newXmp} is non-null, a new XMP item describing the
     * primary item.
     */
    public byte[] write(Map<Long, byte[]> replacements, Map<Long, Byte> padding, byte[] newXmp) throws IOException {
        if (iloc == null || meta.child(HeifItems.IINF) == null) {
            throw new BmffFormatException("meta has no iloc or iinf: items cannot be added");
        }
        byte[] out = b.clone();
        Map<Long, byte[]> relocated = new LinkedHashMap<>();
        for (Map.Entry<Long, byte[]> r : replacements.entrySet()) {
            if (!overwriteInPlace(out, r.getKey(), r.getValue(), padding.getOrDefault(r.getKey(), (byte) ' '))) {
                relocated.put(r.getKey(), r.getValue());
            }
        }
        Box iinf = meta.child(HeifItems.IINF);
        long newId = -1;
        if (newXmp != null) {
            newId = infos.stream().mapToLong(Info::id).max().orElse(0) + 1;
            Box iref = meta.child(HeifItems.IREF);
            long primary = primaryItem();
            if (newId > 0xFFFF && (iref != null && iref.payload()[0] == 0)) {
                throw new BmffFormatException("item ids are exhausted for a version-0 iref");
            }
            setLeaf(HeifItems.IINF, HeifItems.iinfWith(iinf, HeifItems.xmpInfe(newId)));
            if (primary > 0) {
                setLeaf(HeifItems.IREF, HeifItems.irefWith(iref, newId, primary));
            }
            relocated.put(newId, newXmp);
        }
        if (relocated.isEmpty()) {
            return out;
        }
        for (long id : relocated.keySet()) {
            if (id != newId) {
                blankOldData(out, id);
            }
        }
        return relocate(out, relocated);
    }

    /** Writes {@code data} over the item's single extent when it fits; the rest of the extent is padding. */
    private boolean overwriteInPlace(byte[] out, long id, byte[] data, byte pad) {
        Location l = iloc.find(id);
        if (l == null || l.extents().size() != 1 || l.constructionMethod() != 0 || l.extents().get(0).length() == 0) {
            return false;
        }
        Extent e = l.extents().get(0);
        long start = l.baseOffset() + e.offset();
        if (data.length > e.length() || start + e.length() > out.length || sharedWithAnother(id, start, e.length())) {
            return false;
        }
        System.arraycopy(data, 0, out, (int) start, data.length);
        Arrays.fill(out, (int) start + data.length, (int) (start + e.length()), pad);
        return true;
    }

    /** A relocated label's old bytes are blanked, so the file holds no stale copy a byte scanner could find. */
    private void blankOldData(byte[] out, long id) {
        Location l = iloc.find(id);
        if (l == null || l.constructionMethod() != 0) {
            return;
        }
        for (Extent e : l.extents()) {
            long start = l.baseOffset() + e.offset();
            if (e.length() > 0 && start + e.length() <= out.length && !sharedWithAnother(id, start, e.length())) {
                Arrays.fill(out, (int) start, (int) (start + e.length()), (byte) ' ');
            }
        }
    }

    private boolean sharedWithAnother(long id, long start, long length) {
        for (Location o : iloc.locations()) {
            if (o.id() == id || o.constructionMethod() != 0) {
                continue;
            }
            for (Extent e : o.extents()) {
                long s = o.baseOffset() + e.offset();
                long end = e.length() == 0 ? b.length : s + e.length();
                if (s < start + length && start < end) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Puts the relocated items' data in a new mdat at the end, points their iloc entries at it, and shifts every
     * offset past the meta box by the meta box's growth (iterated: a wider iloc field grows meta again).
     */
    private byte[] relocate(byte[] out, Map<Long, byte[]> relocated) throws IOException {
        for (Long id : relocated.keySet()) {
            // which of the entries would a reader take? (found by ImageStructureFuzzTest#imageContainers)
            if (iloc.locations().stream().filter(l -> l.id() == id).count() > 1) {
                throw new BmffFormatException("iloc locates item " + id + " more than once: which data is the item's"
                        + " is ambiguous, so it is not rewritten");
            }
        }
        long metaEnd = metaHeader.end();
        boolean openEnded = top.get(top.size() - 1).size() == 0;
        long delta = 0;
        byte[] metaBytes = null;
        OffsetMap map = null;
        for (int i = 0; i < 6; i++) {
            map = new OffsetMap().edit(metaEnd, delta);
            long mdatPayload = out.length + delta + 8;
            List<Location> locations = new ArrayList<>();
            for (Location l : iloc.locations()) {
                locations.add(relocated.containsKey(l.id()) ? null : shifted(l, map, metaEnd));
            }
            long pos = mdatPayload;
            for (Map.Entry<Long, byte[]> r : relocated.entrySet()) {
                Location at = new Location(r.getKey(), 0, 0, 0, List.of(new Extent(0, pos, r.getValue().length)));
                int index = indexOf(r.getKey());
                if (index >= 0) {
                    locations.set(index, at);
                } else {
                    locations.add(at);
                }
                pos += r.getValue().length;
            }
            HeifItems.Iloc edited = new HeifItems.Iloc(iloc.version(), iloc.flags(), Math.max(iloc.offsetSize(), 4),
                    Math.max(iloc.lengthSize(), 4), iloc.baseOffsetSize(), iloc.indexSize(), locations);
            setLeaf(HeifItems.ILOC, HeifItems.ilocPayload(edited));
            metaBytes = meta.toBytes();
            long newDelta = metaBytes.length - metaHeader.size();
            if (newDelta == delta) {
                break;
            }
            delta = newDelta;
            metaBytes = null;
        }
        if (metaBytes == null) {
            throw new BmffFormatException("the meta box size did not settle");
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream(out.length + metaBytes.length + 1024);
        file.write(out, 0, (int) metaHeader.offset());
        file.writeBytes(metaBytes);
        file.write(out, (int) metaEnd, out.length - (int) metaEnd);
        byte[] result = file.toByteArray();
        if (openEnded) {
            closeLastBox(result, delta);
        }
        remapMovie(result, map, delta);
        ByteArrayOutputStream mdat = new ByteArrayOutputStream();
        relocated.values().forEach(mdat::writeBytes);
        ByteBuffer header = ByteBuffer.allocate(8).putInt(8 + mdat.size()).putInt(BoxTypes.MDAT);
        ByteArrayOutputStream all = new ByteArrayOutputStream(result.length + mdat.size() + 8);
        all.writeBytes(result);
        all.writeBytes(header.array());
        all.writeBytes(mdat.toByteArray());
        return all.toByteArray();
    }

    private int indexOf(long id) {
        for (int i = 0; i < iloc.locations().size(); i++) {
            if (iloc.locations().get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    /** A file-offset location moved by the map: its base when the base itself lies past meta, else its extents. */
    private static Location shifted(Location l, OffsetMap map, long metaEnd) {
        if (l.constructionMethod() != 0) {
            return l;
        }
        if (l.baseOffset() >= metaEnd) {
            return new Location(l.id(), 0, l.dataReferenceIndex(), map.map(l.baseOffset()), l.extents());
        }
        List<Extent> extents = new ArrayList<>();
        for (Extent e : l.extents()) {
            long abs = l.baseOffset() + e.offset();
            extents.add(new Extent(e.index(), map.map(abs) - l.baseOffset(), e.length()));
        }
        return new Location(l.id(), 0, l.dataReferenceIndex(), l.baseOffset(), extents);
    }

    /** The last box ran to the end of the file (size 0); something now follows it, so its size is made explicit. */
    private void closeLastBox(byte[] result, long delta) throws BmffFormatException {
        BoxHeader last = top.get(top.size() - 1);
        long at = last.offset() + (last.offset() >= metaHeader.end() ? delta : 0);
        long size = result.length - at;
        if (size > 0xFFFFFFFFL) {
            throw new BmffFormatException("the last box runs to the end of a file over 4 GB: nothing can be appended");
        }
        ByteBuffer.wrap(result).putInt((int) at, (int) size);
    }

    /** An image sequence (moov) keeps its chunk offsets right; a table that would need 64 bits is refused. */
    private void remapMovie(byte[] result, OffsetMap map, long delta) throws IOException {
        for (BoxHeader h : top) {
            if (h.type() != BoxTypes.MOOV || delta == 0) {
                continue;
            }
            long at = h.offset() + (h.offset() >= metaHeader.end() ? delta : 0);
            BoxHeader local = new BoxHeader(h.type(), 0, h.headerLength(), h.size(), null);
            Box moov = Box.parseOne(Arrays.copyOfRange(result, (int) at, (int) (at + h.size())), local, 0, new BoxBudget(limits));
            ChunkOffsets.remap(moov, map);
            byte[] bytes = moov.toBytes();
            if (bytes.length != h.size()) {
                throw new BmffFormatException("the image sequence's chunk offsets no longer fit 32 bits");
            }
            System.arraycopy(bytes, 0, result, (int) at, bytes.length);
        }
    }

    private void setLeaf(int type, byte[] payload) {
        List<Box> children = meta.children();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).type() == type) {
                children.set(i, Box.leaf(type, payload));
                return;
            }
        }
        children.add(Box.leaf(type, payload));
    }
}
