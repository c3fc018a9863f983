package dev.aigcmark.core.internal.ebml;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.io.StructureBudget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A bounded reader of EBML element headers (Matroska, WebM) straight from the input: payloads are never read
 * unless asked for, so walking a multi-gigabyte file costs a few small reads per cluster. Every size is checked
 * against the end of its parent before it is trusted; element counts and nesting are bounded by
 * {@link ReadLimits} ({@link StructureBudget}: going over ends the file with the limit's code, and every 256
 * elements are a checkpoint for its deadline). An unknown-sized element (live WebM) ends where an element of {@code terminators}
 * starts. Not thread-safe: one reader per walk (it counts elements).
 */
public final class EbmlReader {
    private final MediaInput input;
    private final ReadLimits limits;
    private final long fileEnd;
    private final StructureBudget budget;

    public EbmlReader(MediaInput input, ReadLimits limits) throws IOException {
        this.input = input;
        this.limits = limits;
        this.fileEnd = input.size();
        this.budget = new StructureBudget(limits, "EBML elements");
    }

    public MediaInput input() {
        return input;
    }

    /** The header of the element at {@code pos} inside a parent ending at {@code end} (its end not yet resolved for unknown sizes). */
    public EbmlElement header(long pos, long end) throws IOException {
        try {
            budget.count();
        } catch (BudgetExceededException e) {
            throw new EbmlFormatException(e.getMessage(), true);
        }
        int n = (int) Math.min(12, end - pos);
        if (n < 2) {
            throw new EbmlFormatException((end - pos) + " stray bytes at offset " + pos + " where an element should be");
        }
        byte[] h = input.readFully(pos, n);
        long id = Ebml.readId(h, 0, n);
        if (id < 0) {
            throw new EbmlFormatException(String.format("invalid element id at offset %d (byte 0x%02X)", pos, h[0] & 0xFF));
        }
        int idLen = Ebml.idLength(id);
        long[] size = Ebml.readSize(h, idLen, n);
        if (size == null) {
            throw new EbmlFormatException(String.format("invalid size of element 0x%X at offset %d", id, pos));
        }
        int headerLength = idLen + (int) size[1];
        long dataEnd = size[0] == Ebml.UNKNOWN_SIZE ? end : pos + headerLength + size[0];
        if (size[0] != Ebml.UNKNOWN_SIZE && (size[0] < 0 || dataEnd > end)) {
            throw new EbmlFormatException(String.format("element 0x%X at offset %d declares %d bytes, past the end of its parent (%d)",
                    id, pos, size[0], end));
        }
        return new EbmlElement(id, pos, headerLength, size[0], dataEnd);
    }

    /**
     * The elements laid end to end in {@code [start, end)}. An unknown-sized child is resolved by walking its
     * own children until an element of {@code terminators} (or the parent's end) starts.
     */
    public List<EbmlElement> children(long start, long end, Set<Long> terminators, int depth) throws IOException {
        enter(depth);
        List<EbmlElement> out = new ArrayList<>();
        long pos = start;
        while (pos < end) {
            EbmlElement e = header(pos, end);
            if (e.unknownSize()) {
                e = new EbmlElement(e.id(), e.offset(), e.headerLength(), e.dataSize(),
                        unknownEnd(e.dataOffset(), end, terminators, depth + 1));
            }
            out.add(e);
            pos = e.end();
        }
        return out;
    }

    /** Where an unknown-sized element ends: at the first child whose id is a terminator, or at {@code end}. */
    private long unknownEnd(long start, long end, Set<Long> terminators, int depth) throws IOException {
        enter(depth);
        long pos = start;
        while (pos < end) {
            EbmlElement e = header(pos, end);
            if (terminators.contains(e.id())) {
                return pos;
            }
            if (e.unknownSize()) {
                throw new EbmlFormatException(String.format("unknown-sized element 0x%X at %d inside another one", e.id(), pos));
            }
            pos = e.end();
        }
        return end;
    }

    private void enter(int depth) throws EbmlFormatException {
        try {
            budget.enter(depth);
        } catch (BudgetExceededException e) {
            throw new EbmlFormatException(e.getMessage(), true);
        }
    }

    /** The data of {@code e}, refusing more than {@code max} bytes. */
    public byte[] data(EbmlElement e, long max) throws IOException {
        long n = e.end() - e.dataOffset();
        if (n > max) {
            throw new EbmlFormatException(String.format("element 0x%X at %d has %d bytes, over the limit of %d",
                    e.id(), e.offset(), n, max), true);
        }
        return input.readFully(e.dataOffset(), (int) n);
    }

    /** The whole element (header included) parsed as a tree, within the metadata limit. */
    public EbmlNode load(EbmlElement e) throws IOException {
        return load(e, EbmlIds.EDITED_MASTERS);
    }

    /** {@link #load(EbmlElement)} keeping the children of {@code masters} as a tree. */
    public EbmlNode load(EbmlElement e, Set<Long> masters) throws IOException {
        if (e.unknownSize()) {
            throw new EbmlFormatException(String.format("element 0x%X at %d has an unknown size and cannot be edited", e.id(), e.offset()));
        }
        long n = e.totalSize();
        if (n > limits.maxMetadataBytes()) {
            throw new EbmlFormatException(String.format("element 0x%X at %d has %d bytes, over the metadata limit", e.id(),
                    e.offset(), n), true);
        }
        byte[] b = input.readFully(e.offset(), (int) n);
        return EbmlNode.parse(b, 0, b.length, limits.maxBoxDepth(), masters);
    }

    public long fileEnd() {
        return fileEnd;
    }
}
