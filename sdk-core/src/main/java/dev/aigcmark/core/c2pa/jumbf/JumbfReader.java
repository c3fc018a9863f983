package dev.aigcmark.core.c2pa.jumbf;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.c2pa.C2paFormatException;
import dev.aigcmark.core.report.StatusCodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses JUMBF (ISO/IEC 19566-5) boxes, bounded: every length is checked against its parent before anything
 * is read, nesting depth and box count are limited by {@link ReadLimits}. Unknown box types are kept as plain
 * boxes and skipped by readers.
 */
public final class JumbfReader {
    private final byte[] store;
    private final ReadLimits limits;
    private int boxCount;

    private JumbfReader(byte[] store, ReadLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /** Parses a manifest store: exactly one top-level superbox filling {@code store}. */
    public static JumbfBox parseStore(byte[] store, ReadLimits limits) throws C2paFormatException {
        JumbfReader r = new JumbfReader(store, limits);
        List<JumbfBox> top = r.boxes(0, store.length, 0);
        if (top.isEmpty() || !top.get(0).isSuperbox()) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "the manifest store is not a JUMBF superbox");
        }
        return top.get(0);
    }

    private List<JumbfBox> boxes(int from, int to, int depth) throws C2paFormatException {
        if (depth > limits.maxBoxDepth()) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF nesting deeper than " + limits.maxBoxDepth());
        }
        List<JumbfBox> list = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            if (to - pos < 8) {
                throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "truncated JUMBF box header at " + pos);
            }
            long size = u32(pos);
            String type = new String(store, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (to - pos < 16) {
                    throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "truncated 64-bit box length at " + pos);
                }
                size = (u32(pos + 8) << 32) | u32(pos + 12);
                header = 16;
            } else if (size == 0) {
                size = to - pos; // "to the end", allowed by ISO BMFF for the last box
            }
            if (size < header || size > to - pos) {
                throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED,
                        "JUMBF box '" + printable(type) + "' at " + pos + " claims " + size + " bytes, " + (to - pos) + " left");
            }
            if (++boxCount > limits.maxBoxCount()) {
                throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "more than " + limits.maxBoxCount() + " JUMBF boxes");
            }
            int end = pos + (int) size;
            list.add(type.equals(JumbfBox.SUPERBOX) ? superbox(pos, header, end, depth) :
                    new JumbfBox(store, type, pos, header, end, null, List.of()));
            pos = end;
        }
        return list;
    }

    private JumbfBox superbox(int start, int header, int end, int depth) throws C2paFormatException {
        List<JumbfBox> inner = boxes(start + header, end, depth + 1);
        if (inner.isEmpty() || !inner.get(0).type().equals("jumd")) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF superbox at " + start + " has no description box");
        }
        JumbfBox.Description d = description(inner.get(0));
        return new JumbfBox(store, JumbfBox.SUPERBOX, start, header, end, d, List.copyOf(inner.subList(1, inner.size())));
    }

    private JumbfBox.Description description(JumbfBox jumd) throws C2paFormatException {
        int p = jumd.payloadOffset();
        int end = jumd.end();
        if (end - p < 17) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF description box too short at " + jumd.start());
        }
        byte[] uuid = Arrays.copyOfRange(store, p, p + 16);
        int toggles = store[p + 16] & 0xFF;
        p += 17;
        String label = "";
        if ((toggles & 0x02) != 0) {
            int nul = p;
            while (nul < end && store[nul] != 0) {
                nul++;
            }
            if (nul >= end) {
                throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF label without NUL at " + jumd.start());
            }
            label = new String(store, p, nul - p, StandardCharsets.UTF_8);
            p = nul + 1;
        }
        if ((toggles & 0x04) != 0) {
            p += 4;
        }
        if ((toggles & 0x08) != 0) {
            p += 32;
        }
        byte[] salt = null;
        if ((toggles & 0x10) != 0 && p + 8 <= end) {
            long size = u32(p);
            String type = new String(store, p + 4, 4, StandardCharsets.ISO_8859_1);
            if (size >= 8 && size <= end - p && type.equals("c2sh")) {
                salt = Arrays.copyOfRange(store, p + 8, p + (int) size);
            }
        }
        if (p > end) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "JUMBF description fields run past the box at " + jumd.start());
        }
        return new JumbfBox.Description(uuid, toggles, label, salt);
    }

    private long u32(int p) {
        return ((store[p] & 0xFFL) << 24) | ((store[p + 1] & 0xFFL) << 16) | ((store[p + 2] & 0xFFL) << 8) | (store[p + 3] & 0xFFL);
    }

    private static String printable(String type) {
        return type.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
