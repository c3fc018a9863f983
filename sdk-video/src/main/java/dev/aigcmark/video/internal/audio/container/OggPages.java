package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.internal.io.StructureBudget;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ogg pages (RFC 3533): reading the header packets of the first logical stream, and re-paginating new header
 * packets with correct CRCs. Audio pages are never parsed beyond their headers, and are rewritten only when the
 * header pages change in number (then only their sequence numbers and CRCs change, never a payload byte).
 */
public final class OggPages {
    private static final int[] CRC = crcTable();
    /** Largest page body: 255 lacing values of 255. */
    private static final int MAX_BODY = 255 * 255;

    /** A page header: where it starts, its header and body lengths, stream serial and sequence number. */
    public record Page(long offset, int headerLength, int bodyLength, int flags, long granule, int serial, int sequence,
                       int[] lacing) {
        public long end() {
            return offset + headerLength + bodyLength;
        }

        public boolean bos() {
            return (flags & 2) != 0;
        }
    }

    /** The header packets of the first stream and the pages that carried them. */
    /**
     * @param startsPage for each packet, whether it began at the start of a page (kept when re-paginating, so the
     *                   header pages keep their count whenever the packets still fit)
     */
    public record Headers(List<byte[]> packets, boolean[] startsPage, List<Page> pages) {
        public long end() {
            return pages.get(pages.size() - 1).end();
        }
    }

    private OggPages() {
    }

    public static Page page(MediaInput in, long pos) throws IOException {
        if (in.size() - pos < 27) {
            throw new UnreadableInputException("Ogg page at " + pos + " is cut short");
        }
        byte[] h = in.readFully(pos, 27);
        if (h[0] != 'O' || h[1] != 'g' || h[2] != 'g' || h[3] != 'S' || h[4] != 0) {
            throw new UnreadableInputException("no Ogg page at " + pos);
        }
        int n = h[26] & 0xFF;
        byte[] lace = in.readFully(pos + 27, n);
        int[] lacing = new int[n];
        int body = 0;
        for (int i = 0; i < n; i++) {
            lacing[i] = lace[i] & 0xFF;
            body += lacing[i];
        }
        if (pos + 27 + n + body > in.size()) {
            throw new UnreadableInputException("Ogg page at " + pos + " runs past the end of the file");
        }
        return new Page(pos, 27 + n, body, h[5] & 0xFF, le64(h, 6), le32(h, 14), le32(h, 18), lacing);
    }

    /**
     * The first {@code count} packets of the first logical stream, which must be the only stream of the file's
     * first pages (multiplexed streams are refused: their pages interleave with the headers).
     */
    public static Headers headers(MediaInput in, int count, ReadLimits limits) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        boolean[] startsPage = new boolean[count];
        List<Page> pages = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long pos = 0;
        int serial = 0;
        long total = 0;
        StructureBudget budget = new StructureBudget(limits, "Ogg header pages"); // the limit's code, checkpoints
        while (packets.size() < count) {
            budget.count();
            Page p = page(in, pos);
            if (pages.isEmpty()) {
                serial = p.serial();
            } else if (p.serial() != serial) {
                throw new UnreadableInputException("Ogg streams are multiplexed before the headers end (serial "
                        + Integer.toUnsignedString(p.serial()) + " at " + pos + "): not supported");
            }
            total += p.bodyLength();
            if (total > limits.maxMetadataBytes()) {
                throw new UnreadableInputException("Ogg header packets are over the metadata limit");
            }
            byte[] body = in.readFully(pos + p.headerLength(), p.bodyLength());
            int at = 0;
            for (int lace : p.lacing()) {
                if (current.size() == 0 && packets.size() < count) {
                    startsPage[packets.size()] = at == 0 && (p.flags() & 1) == 0;
                }
                current.write(body, at, lace);
                at += lace;
                if (lace < 255) {
                    packets.add(current.toByteArray());
                    current.reset();
                    if (packets.size() == count && at != body.length) {
                        throw new UnreadableInputException("the last Ogg header packet does not end its page");
                    }
                }
            }
            pages.add(p);
            pos = p.end();
        }
        if (current.size() > 0) {
            throw new UnreadableInputException("the last Ogg header packet does not end its page");
        }
        return new Headers(packets, startsPage, pages);
    }

    /**
     * Pages carrying {@code packets} for stream {@code serial}, numbered from {@code firstSequence}, granule 0,
     * each packet starting a fresh page when {@code ownPage} says so (the first header must be alone on its page).
     * Packets are split over as few pages as the 255-segment limit allows.
     */
    public static List<byte[]> paginate(List<byte[]> packets, boolean[] ownPage, int serial, int firstSequence) {
        List<byte[]> pages = new ArrayList<>();
        List<Integer> lacing = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean continued = false;
        int seq = firstSequence;
        for (int k = 0; k < packets.size(); k++) {
            if (ownPage[k] && !lacing.isEmpty()) {
                pages.add(page(lacing, body.toByteArray(), continued, serial, seq++, firstSequence));
                lacing.clear();
                body.reset();
                continued = false;
            }
            byte[] p = packets.get(k);
            int at = 0;
            while (true) {
                if (lacing.size() == 255) {
                    pages.add(page(lacing, body.toByteArray(), continued, serial, seq++, firstSequence));
                    lacing.clear();
                    body.reset();
                    continued = at > 0; // a page filled mid-packet: the next one continues it
                }
                int n = Math.min(255, p.length - at);
                lacing.add(n);
                body.write(p, at, n);
                at += n;
                if (n < 255) {
                    break;
                }
            }
        }
        if (!lacing.isEmpty()) {
            pages.add(page(lacing, body.toByteArray(), continued, serial, seq, firstSequence));
        }
        return pages;
    }

    private static byte[] page(List<Integer> lacing, byte[] body, boolean continued, int serial, int seq, int first) {
        if (body.length > MAX_BODY) {
            throw new IllegalStateException("page body over " + MAX_BODY);
        }
        byte[] p = new byte[27 + lacing.size() + body.length];
        p[0] = 'O';
        p[1] = 'g';
        p[2] = 'g';
        p[3] = 'S';
        p[5] = (byte) ((continued ? 1 : 0) | (seq == first && first == 0 ? 2 : 0));
        putLe32(p, 14, serial);
        putLe32(p, 18, seq);
        p[26] = (byte) lacing.size();
        for (int i = 0; i < lacing.size(); i++) {
            p[27 + i] = (byte) (int) lacing.get(i);
        }
        System.arraycopy(body, 0, p, 27 + lacing.size(), body.length);
        putLe32(p, 22, crc(p));
        return p;
    }

    /** {@code page} (a whole page) with a new sequence number and its CRC recomputed; the body is unchanged. */
    public static byte[] renumber(byte[] page, int sequence) {
        byte[] p = page.clone();
        putLe32(p, 18, sequence);
        putLe32(p, 22, 0);
        putLe32(p, 22, crc(p));
        return p;
    }

    /** Whether a page's stored CRC matches its bytes. */
    public static boolean crcMatches(byte[] page) {
        int stored = le32(page, 22);
        byte[] p = page.clone();
        putLe32(p, 22, 0);
        return crc(p) == stored;
    }

    /** The Ogg CRC-32 (polynomial 0x04C11DB7, no reflection, zero initial value), CRC field zeroed by the caller. */
    static int crc(byte[] b) {
        int c = 0;
        for (byte x : b) {
            c = (c << 8) ^ CRC[((c >>> 24) ^ x) & 0xFF];
        }
        return c;
    }

    private static int[] crcTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int j = 0; j < 8; j++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            t[i] = r;
        }
        return t;
    }

    static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static long le64(byte[] b, int off) {
        return (le32(b, off) & 0xFFFFFFFFL) | ((long) le32(b, off + 4) << 32);
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
