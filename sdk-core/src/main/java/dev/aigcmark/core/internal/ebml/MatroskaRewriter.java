package dev.aigcmark.core.internal.ebml;

import dev.aigcmark.core.io.MediaInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a copy of a Matroska/WebM file with some level-1 elements replaced (Tags) and maybe some inserted
 * before the first Cluster, never remuxing: Clusters are streamed through byte for byte. A change that fits the
 * element's own room plus the Void elements after it (or a Void before the first Cluster, for an insertion) is
 * made in place and moves nothing. Otherwise later elements move, and every position that points at them is
 * rewritten: SeekHead SeekPositions, Cues CueClusterPositions and CueCodecStates (rewritten 8 bytes wide so
 * their size no longer depends on the values), a Cluster's own Position element, and the Segment size. An inserted
 * element gets a Seek entry in the first SeekHead (a reader that trusts the SeekHead rather than walking the level-1
 * elements finds it), and an element replaced by another kind (a Void) loses its entry; in place when the SeekHead
 * and the insertions fit the SeekHead's room and the Voids after it, or the insertions a Void of their own.
 */
public final class MatroskaRewriter {
    private final MatroskaFile file;
    private final EbmlReader reader;
    private final Map<EbmlElement, EbmlNode> replacements = new LinkedHashMap<>();
    /** What goes before the first Cluster, in this order (empty: nothing). */
    private final List<EbmlNode> insertions = new ArrayList<>();
    /** What the output holds in place of a level-1 child (absent: copied as it is), and what goes before one. */
    private final Map<EbmlElement, byte[]> pieces = new HashMap<>();
    private final Map<EbmlElement, byte[]> before = new HashMap<>();
    /** The SeekPosition of each insertion's new Seek entry (null for an inserted Void), when a SeekHead indexes them. */
    private final List<EbmlNode> addedSeeks = new ArrayList<>();
    /** After a shift: the new Segment-relative start of each element, by its old one; the new Segment data size. */
    private Map<Long, Long> newStart = Map.of();
    private long newDataSize = -1;

    public MatroskaRewriter(MatroskaFile file, EbmlReader reader) {
        this.file = file;
        this.reader = reader;
    }

    public MatroskaRewriter replace(EbmlElement element, EbmlNode node) {
        replacements.put(element, node);
        return this;
    }

    /** Adds {@code node} to what goes before the first Cluster (after earlier insertions). */
    public MatroskaRewriter insertBeforeFirstCluster(EbmlNode node) {
        insertions.add(node);
        return this;
    }

    private byte[] insertionBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        insertions.forEach(n -> out.writeBytes(n.toBytes()));
        return out.toByteArray();
    }

    public void writeTo(OutputStream out) throws IOException {
        boolean inPlace = planInPlace();
        if (!inPlace) {
            planShifted();
        }
        MediaInput in = reader.input();
        copy(in, out, 0, file.segment().offset());
        out.write(segmentHeader());
        for (EbmlElement e : file.children()) {
            if (before.containsKey(e)) {
                out.write(before.get(e));
            }
            byte[] piece = pieces.get(e);
            if (piece != null) {
                out.write(piece);
            } else if (!inPlace && e.id() == EbmlIds.CLUSTER) {
                copyCluster(in, out, e);
            } else {
                copy(in, out, e.offset(), e.end());
            }
        }
        if (!insertions.isEmpty() && file.all(EbmlIds.CLUSTER).isEmpty() && !inPlace) {
            out.write(insertionBytes());
        }
        copy(in, out, file.segment().end(), in.size());
    }

    /** Every edit fits its room (own bytes plus following Voids): returns true with the pieces set. */
    private boolean planInPlace() throws IOException {
        Map<EbmlElement, byte[]> planned = new HashMap<>();
        List<EbmlElement> children = file.children();
        Set<EbmlElement> used = new HashSet<>();
        for (Map.Entry<EbmlElement, EbmlNode> r : replacements.entrySet()) {
            int i = children.indexOf(r.getKey());
            long room = r.getKey().totalSize();
            List<EbmlElement> voids = new ArrayList<>();
            for (int j = i + 1; j < children.size() && children.get(j).id() == EbmlIds.VOID
                    && !replacements.containsKey(children.get(j)); j++) {
                voids.add(children.get(j));
            }
            byte[] fit = null;
            for (int v = 0; v <= voids.size() && fit == null; v++) {
                long total = room + voids.subList(0, v).stream().mapToLong(EbmlElement::totalSize).sum();
                fit = fitted(List.of(r.getValue()), total);
                if (fit != null) {
                    voids.subList(0, v).forEach(x -> planned.put(x, new byte[0]));
                    used.addAll(voids.subList(0, v));
                }
            }
            if (fit == null) {
                return false;
            }
            planned.put(r.getKey(), fit);
        }
        EbmlElement seek = indexedSeekHead();
        if (seek != null) {
            EbmlNode head = seekHeadEdited(seek);
            return planSeekInPlace(seek, head, planned, used);
        }
        if (!insertions.isEmpty()) {
            byte[] fit = null;
            for (EbmlElement e : children) {
                if (e.offset() >= file.firstClusterOffset()) {
                    break;
                }
                if (e.id() == EbmlIds.VOID && !used.contains(e) && !replacements.containsKey(e)) {
                    fit = fitted(insertions, e.totalSize());
                    if (fit != null) {
                        planned.put(e, fit);
                        break;
                    }
                }
            }
            if (fit == null) {
                return false;
            }
        }
        pieces.putAll(planned);
        return true;
    }

    /**
     * The SeekHead this edit must index, or null: the first one before the Clusters (not replaced by the caller), when
     * something is inserted (a reader that trusts the SeekHead finds it) or an element is replaced by another kind
     * (a Void: its Seek entry goes).
     */
    private EbmlElement indexedSeekHead() {
        boolean needed = insertions.stream().anyMatch(n -> n.id() != EbmlIds.VOID)
                || replacements.entrySet().stream().anyMatch(r -> r.getValue().id() != r.getKey().id());
        if (!needed) {
            return null;
        }
        for (EbmlElement e : file.children()) {
            if (e.offset() >= file.firstClusterOffset()) {
                break;
            }
            if (e.id() == EbmlIds.SEEK_HEAD) {
                return replacements.containsKey(e) ? null : e;
            }
        }
        return null;
    }

    /**
     * The SeekHead without the entries of elements replaced by another kind, with one Seek per inserted element
     * whose position (8 bytes wide, so the size does not depend on it) {@link #placeInsertions} sets.
     */
    private EbmlNode seekHeadEdited(EbmlElement seek) throws IOException {
        EbmlNode head = reader.load(seek);
        long segData = file.segment().dataOffset();
        Set<Long> gone = new HashSet<>();
        replacements.forEach((e, n) -> {
            if (n.id() != e.id()) {
                gone.add(e.offset() - segData);
            }
        });
        head.children().removeIf(c -> c.id() == EbmlIds.SEEK && c.child(EbmlIds.SEEK_POSITION) != null
                && gone.contains(c.child(EbmlIds.SEEK_POSITION).uint()));
        addedSeeks.clear();
        for (EbmlNode n : insertions) {
            EbmlNode position = null;
            if (n.id() != EbmlIds.VOID) {
                ByteArrayOutputStream id = new ByteArrayOutputStream(4);
                Ebml.writeId(id, n.id());
                position = EbmlNode.leaf(EbmlIds.SEEK_POSITION, new byte[8]);
                head.children().add(EbmlNode.master(EbmlIds.SEEK,
                        List.of(EbmlNode.leaf(EbmlIds.SEEK_ID, id.toByteArray()), position)));
            }
            addedSeeks.add(position);
        }
        return head;
    }

    /** The inserted elements start at {@code start} (Segment-relative), one after another: their Seek positions. */
    private void placeInsertions(long start) {
        long pos = start;
        for (int i = 0; i < insertions.size(); i++) {
            if (i < addedSeeks.size() && addedSeeks.get(i) != null) {
                addedSeeks.get(i).setData(Ebml.uint(pos, 8));
            }
            pos += insertions.get(i).toBytes().length;
        }
    }

    /**
     * In place with the SeekHead edited: the SeekHead and the insertions together in the SeekHead's room and the
     * Voids after it (what FFmpeg reserves), else the insertions in a Void of their own and the SeekHead in its room.
     */
    private boolean planSeekInPlace(EbmlElement seek, EbmlNode head, Map<EbmlElement, byte[]> planned,
                                    Set<EbmlElement> used) {
        long segData = file.segment().dataOffset();
        List<EbmlElement> children = file.children();
        List<EbmlElement> after = new ArrayList<>();
        for (int j = children.indexOf(seek) + 1; j < children.size() && free(children.get(j), planned, used); j++) {
            after.add(children.get(j));
        }
        List<EbmlNode> joint = new ArrayList<>();
        joint.add(head);
        joint.addAll(insertions);
        placeInsertions(seek.offset() - segData + head.toBytes().length);
        if (fitAfter(seek, joint, after, planned)) {
            pieces.putAll(planned);
            return true;
        }
        if (insertions.isEmpty()) {
            return false;
        }
        for (EbmlElement e : children) {
            if (e.offset() >= file.firstClusterOffset()) {
                break;
            }
            if (!free(e, planned, used)) {
                continue;
            }
            placeInsertions(e.offset() - segData);
            byte[] fit = fitted(insertions, e.totalSize());
            int k = after.indexOf(e);
            if (fit != null && fitAfter(seek, List.of(head), k < 0 ? after : after.subList(0, k), planned)) {
                planned.put(e, fit);
                pieces.putAll(planned);
                return true;
            }
        }
        return false;
    }

    /** An unused Void (not replaced, not already planned). */
    private boolean free(EbmlElement e, Map<EbmlElement, byte[]> planned, Set<EbmlElement> used) {
        return e.id() == EbmlIds.VOID && !used.contains(e) && !replacements.containsKey(e) && !planned.containsKey(e);
    }

    /** The nodes in {@code at}'s room plus as few of the Voids after it as they need: planned, or false. */
    private boolean fitAfter(EbmlElement at, List<EbmlNode> nodes, List<EbmlElement> voids,
                             Map<EbmlElement, byte[]> planned) {
        long room = at.totalSize();
        for (int v = 0; v <= voids.size(); v++) {
            room += v == 0 ? 0 : voids.get(v - 1).totalSize();
            byte[] fit = fitted(nodes, room);
            if (fit != null) {
                planned.put(at, fit);
                voids.subList(0, v).forEach(x -> planned.put(x, new byte[0]));
                return true;
            }
        }
        return false;
    }

    /** The nodes written in exactly {@code room} bytes (padded with a Void), or null when they cannot be. */
    private static byte[] fitted(List<EbmlNode> nodes, long room) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        nodes.subList(0, nodes.size() - 1).forEach(n -> head.writeBytes(n.toBytes()));
        EbmlNode last = nodes.get(nodes.size() - 1);
        byte[] b = concat(head.toByteArray(), last.toBytes());
        if (b.length == room) {
            return b;
        }
        if (room - b.length >= 2) {
            return concat(b, Ebml.voidOf((int) (room - b.length)));
        }
        // One spare byte is too small for a Void: widen the last element's own size field by one instead.
        for (int width = 1; room - b.length == 1 && width <= 8; width++) {
            byte[] wider = concat(head.toByteArray(), last.toBytes(width));
            if (wider.length == room) {
                return wider;
            }
        }
        return null;
    }

    /** Later elements move: lay everything out, then point every SeekHead/Cues position at the new places. */
    private void planShifted() throws IOException {
        pieces.clear();
        Map<EbmlElement, EbmlNode> positional = new LinkedHashMap<>();
        EbmlElement seek = indexedSeekHead();
        for (EbmlElement e : file.children()) {
            if ((e.id() == EbmlIds.SEEK_HEAD || e.id() == EbmlIds.CUES) && !replacements.containsKey(e)) {
                EbmlNode n = e == seek ? seekHeadEdited(e) : reader.load(e);
                widenPositions(n);
                positional.put(e, n);
            }
        }
        // Sizes no longer depend on position values: lay out once.
        Map<Long, Long> newStart = new HashMap<>();
        long segData = file.segment().dataOffset();
        long pos = 0;
        EbmlElement firstCluster = file.all(EbmlIds.CLUSTER).stream().findFirst().orElse(null);
        long inserted = -1;
        for (EbmlElement e : file.children()) {
            if (e == firstCluster && !insertions.isEmpty()) {
                byte[] ins = insertionBytes();
                before.put(e, ins);
                inserted = pos;
                pos += ins.length;
            }
            newStart.put(e.offset() - segData, pos);
            pos += replacements.containsKey(e) ? replacements.get(e).toBytes().length
                    : positional.containsKey(e) ? positional.get(e).toBytes().length : e.totalSize();
        }
        positional.values().forEach(n -> remap(n, newStart));
        if (seek != null) { // the new Seek entries: set after the remap, which would take their 0 for a position
            placeInsertions(inserted >= 0 ? inserted : pos);
        }
        positional.forEach((e, n) -> pieces.put(e, n.toBytes()));
        for (Map.Entry<EbmlElement, EbmlNode> r : replacements.entrySet()) {
            pieces.put(r.getKey(), r.getValue().toBytes());
        }
        this.newStart = newStart;
        this.newDataSize = pos + (!insertions.isEmpty() && firstCluster == null ? insertionBytes().length : 0);
    }

    /** SeekPosition, CueClusterPosition and CueCodecState rewritten 8 bytes wide (their values change next). */
    private static void widenPositions(EbmlNode n) {
        for (EbmlNode c : n.children()) {
            if (isPosition(c.id())) {
                c.setData(Ebml.uint(c.uint(), 8));
            } else if (c.isMaster()) {
                widenPositions(c);
            }
        }
    }

    private static boolean isPosition(long id) {
        return id == EbmlIds.SEEK_POSITION || id == EbmlIds.CUE_CLUSTER_POSITION || id == EbmlIds.CUE_CODEC_STATE;
    }

    private static void remap(EbmlNode n, Map<Long, Long> newStart) {
        for (EbmlNode c : n.children()) {
            if (isPosition(c.id())) {
                long old = c.uint();
                Long moved = newStart.get(old);
                c.setData(Ebml.uint(moved != null ? moved : old, 8));
            } else if (c.isMaster()) {
                remap(c, newStart);
            }
        }
    }

    /** The Segment's header; its size grows by what the edits added (an unknown size stays unknown). */
    private byte[] segmentHeader() throws IOException {
        EbmlElement s = file.segment();
        byte[] old = reader.input().readFully(s.offset(), s.headerLength());
        if (s.unknownSize() || newDataSize < 0) {
            return old;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(12);
        Ebml.writeId(out, EbmlIds.SEGMENT);
        int width = s.headerLength() - Ebml.idLength(EbmlIds.SEGMENT);
        Ebml.writeSize(out, newDataSize, Math.max(width, Ebml.sizeWidth(newDataSize)));
        return out.toByteArray();
    }

    /** A moved Cluster that records its own Position gets the new one (same width); its frames are untouched. */
    private void copyCluster(MediaInput in, OutputStream out, EbmlElement cluster) throws IOException {
        long rel = cluster.offset() - file.segment().dataOffset();
        Long moved = newStart.get(rel);
        if (moved == null || moved == rel) {
            copy(in, out, cluster.offset(), cluster.end());
            return;
        }
        long pos = cluster.dataOffset();
        for (int i = 0; i < 4 && pos < cluster.end(); i++) {
            EbmlElement child = reader.header(pos, cluster.end());
            if (child.id() == EbmlIds.CLUSTER_POSITION && !child.unknownSize()) {
                int width = (int) child.dataSize();
                if (width < 1 || width > 8 || (width < 8 && moved >= (1L << (8 * width)))) {
                    throw new EbmlFormatException("a Cluster Position of " + width + " bytes cannot hold " + moved);
                }
                copy(in, out, cluster.offset(), child.dataOffset());
                out.write(Ebml.uint(moved, width));
                copy(in, out, child.end(), cluster.end());
                return;
            }
            if (child.unknownSize() || child.id() == 0xA3L || child.id() == 0xA0L) {
                break; // blocks started: no Position element in this cluster
            }
            pos = child.end();
        }
        copy(in, out, cluster.offset(), cluster.end());
    }

    private static void copy(MediaInput in, OutputStream out, long from, long to) throws IOException {
        byte[] buf = new byte[(int) Math.min(1 << 20, Math.max(0, to - from))];
        long pos = from;
        while (pos < to) {
            int n = in.read(pos, buf, 0, (int) Math.min(buf.length, to - pos));
            if (n <= 0) {
                throw new EbmlFormatException("input ended at " + pos + " while copying");
            }
            out.write(buf, 0, n);
            pos += n;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
