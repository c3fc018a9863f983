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
 * their size no longer depends on the values), a Cluster's own Position element, and the Segment size.
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
    private boolean planInPlace() {
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
        for (EbmlElement e : file.children()) {
            if ((e.id() == EbmlIds.SEEK_HEAD || e.id() == EbmlIds.CUES) && !replacements.containsKey(e)) {
                EbmlNode n = reader.load(e);
                widenPositions(n);
                positional.put(e, n);
            }
        }
        // Sizes no longer depend on position values: lay out once.
        Map<Long, Long> newStart = new HashMap<>();
        long segData = file.segment().dataOffset();
        long pos = 0;
        EbmlElement firstCluster = file.all(EbmlIds.CLUSTER).stream().findFirst().orElse(null);
        for (EbmlElement e : file.children()) {
            if (e == firstCluster && !insertions.isEmpty()) {
                byte[] ins = insertionBytes();
                before.put(e, ins);
                pos += ins.length;
            }
            newStart.put(e.offset() - segData, pos);
            pos += replacements.containsKey(e) ? replacements.get(e).toBytes().length
                    : positional.containsKey(e) ? positional.get(e).toBytes().length : e.totalSize();
        }
        for (Map.Entry<EbmlElement, EbmlNode> p : positional.entrySet()) {
            remap(p.getValue(), newStart);
            pieces.put(p.getKey(), p.getValue().toBytes());
        }
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
