package dev.aigcmark.core.internal.ebml;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The layout of a Matroska or WebM file from headers alone: the EBML header and its DocType, the Segment, and
 * the Segment's level-1 children (SeekHead, Info, Tracks, Clusters, Cues, Tags...) with their offsets. Cluster
 * payloads are skipped by their sizes (an unknown-sized live cluster is walked block by block), so the frames
 * are never read. A demuxer validates the structure with this before any decoder sees the bytes.
 *
 * @param docType        {@code matroska} or {@code webm}
 * @param segment        the Segment element (its data starts where every SeekHead/Cues position counts from)
 * @param children       the Segment's level-1 children, in file order
 */
public record MatroskaFile(String docType, EbmlElement segment, List<EbmlElement> children) {

    public MatroskaFile {
        children = List.copyOf(children);
    }

    /** Reads the layout; a file that is not EBML, or whose Segment cannot be found, is unreadable. */
    public static MatroskaFile read(MediaInput input, ReadLimits limits) throws IOException {
        EbmlReader reader = new EbmlReader(input, limits);
        long size = input.size();
        EbmlElement header = reader.header(0, size);
        if (header.id() != EbmlIds.EBML || header.unknownSize()) {
            throw new UnreadableInputException("not EBML: no EBML header");
        }
        String docType = "";
        for (EbmlElement e : reader.children(header.dataOffset(), header.end(), Set.of(), 1)) {
            if (e.id() == EbmlIds.DOC_TYPE) {
                docType = EbmlNode.leaf(e.id(), reader.data(e, 64)).text();
            }
        }
        long pos = header.end();
        EbmlElement segment = null;
        while (pos < size && segment == null) {
            EbmlElement e = reader.header(pos, size);
            if (e.id() == EbmlIds.SEGMENT) {
                segment = e.unknownSize() ? new EbmlElement(e.id(), e.offset(), e.headerLength(), e.dataSize(), size) : e;
            } else if (e.unknownSize()) {
                throw new EbmlFormatException("unknown-sized element before the Segment");
            }
            pos = e.end();
        }
        if (segment == null) {
            throw new UnreadableInputException("no Matroska Segment after the EBML header");
        }
        List<EbmlElement> children = reader.children(segment.dataOffset(), segment.end(), EbmlIds.LEVEL_1, 1);
        return new MatroskaFile(docType, segment, children);
    }

    /** Offset of the first Cluster, or the Segment's end when there is none. */
    public long firstClusterOffset() {
        return children.stream().filter(e -> e.id() == EbmlIds.CLUSTER).mapToLong(EbmlElement::offset).findFirst()
                .orElse(segment.end());
    }

    /** Level-1 children with this id. */
    public List<EbmlElement> all(long id) {
        return children.stream().filter(e -> e.id() == id).toList();
    }
}
