package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentDigest;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxHeader;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.bmff.TopLevel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The content digest of an MP4/MOV ({@code mp4.1}): what playback depends on, none of what metadata edits move.
 * <ul>
 *   <li>per track, in order: {@code tkhd} without its dates, the edit list, the {@code mdhd} time scale and
 *       duration, the {@code hdlr} handler type, and every sample table box except the chunk offsets
 *       ({@code stco}/{@code co64} change whenever a metadata box before the samples grows);</li>
 *   <li>{@code mvex} defaults, and per fragment the {@code moof}'s {@code mfhd}, {@code tfhd} without its
 *       absolute base data offset, {@code tfdt}, {@code trun} and sample groups;</li>
 *   <li>the sample data: every {@code mdat} payload, read in slices.</li>
 * </ul>
 * Dates, {@code udta}, {@code meta}, XMP and C2PA {@code uuid} boxes, {@code free} space and the box order are
 * left out: exiftool, ffmpeg's metadata flags and our own writer change only those.
 */
final class Mp4Content {
    static final String SCHEME = "mp4.1";
    private static final int TKHD = FourCC.of("tkhd");
    private static final int MDHD = FourCC.of("mdhd");
    private static final int EDTS = FourCC.of("edts");
    private static final int MVEX = FourCC.of("mvex");
    private static final int MFHD = FourCC.of("mfhd");
    private static final Set<Integer> FRAGMENT_BOXES = Set.of(FourCC.of("tfdt"), FourCC.of("trun"),
            FourCC.of("sbgp"), FourCC.of("sgpd"));

    /** What the scan walked: the top-level headers, the parsed {@code moov} (null when unreadable), its limits. */
    record Scanned(List<BoxHeader> top, Box moov, ReadLimits limits) {
    }

    private Mp4Content() {
    }

    /**
     * Whether the movie holds tracks and every one of them is sound (handler {@code soun}: an M4A): there are no
     * frames to look at. Anything unclear (no moov, a track without a handler) is not "only sound".
     */
    static boolean onlySound(Scanned scanned) {
        Box moov = scanned.moov();
        if (moov == null || !moov.isContainer() || moov.children(BoxTypes.TRAK).isEmpty()) {
            return false;
        }
        return moov.children(BoxTypes.TRAK).stream().allMatch(Mp4Content::isSound);
    }

    /** How many tracks of the movie are sound (handler {@code soun}), in the order FFmpeg numbers its audio streams. */
    static int soundTracks(Scanned scanned) {
        Box moov = scanned.moov();
        return moov == null || !moov.isContainer() ? 0
                : (int) moov.children(BoxTypes.TRAK).stream().filter(Mp4Content::isSound).count();
    }

    private static boolean isSound(Box trak) {
        Box mdia = trak.isContainer() ? trak.child(BoxTypes.MDIA) : null;
        Box hdlr = mdia == null || !mdia.isContainer() ? null : mdia.child(BoxTypes.HDLR);
        byte[] p = hdlr == null || hdlr.isContainer() ? null : hdlr.payload();
        return p != null && p.length >= 12 && new String(p, 8, 4, StandardCharsets.ISO_8859_1).equals("soun");
    }

    static ContentDigest digest(Scanned scanned, MediaInput input) throws IOException {
        ReadLimits limits = scanned.limits();
        ContentDigest.Builder d = movie(scanned);
        for (BoxHeader h : scanned.top()) {
            if (h.type() == BoxTypes.MDAT) {
                d.range("mdat", input, h.payloadOffset(), h.payloadSize());
            } else if (h.type() == BoxTypes.MOOF) {
                fragment(TopLevel.loadBox(input, limits, h, limits.maxMetadataBytes()), d);
            }
        }
        return d.build();
    }

    /**
     * The digest's first parts, from the parsed {@code moov}: its tracks and {@code mvex}. The sample data follows
     * ({@link #digest}, or a writer digesting the {@code mdat} payloads while copying them, in file order).
     */
    static ContentDigest.Builder movie(Scanned scanned) throws IOException {
        if (scanned.moov() == null) {
            throw new UnreadableInputException("the movie has no readable moov box");
        }
        ContentDigest.Builder d = ContentDigest.builder(SCHEME);
        for (Box b : scanned.moov().children()) {
            if (b.type() == BoxTypes.TRAK) {
                track(b, d);
            } else if (b.type() == MVEX) {
                leaves(b, d);
            }
        }
        return d;
    }

    private static void track(Box trak, ContentDigest.Builder d) throws BmffFormatException {
        d.part("trak", new byte[0]);
        Box tkhd = leaf(trak.child(TKHD), "tkhd");
        byte[] p = tkhd.payload();
        int datesEnd = p.length > 0 && p[0] == 1 ? 20 : 12;
        if (p.length < datesEnd) {
            throw new BmffFormatException("tkhd is shorter than its dates");
        }
        d.part("tkhd", p, 0, 4).part("tkhd", p, datesEnd, p.length - datesEnd);
        Box edts = trak.child(EDTS);
        if (edts != null) {
            leaves(edts, d);
        }
        Box mdia = container(trak.child(BoxTypes.MDIA), "mdia");
        byte[] mdhd = leaf(mdia.child(MDHD), "mdhd").payload();
        int timing = mdhd.length > 0 && mdhd[0] == 1 ? 20 : 12;
        int timingLength = mdhd.length > 0 && mdhd[0] == 1 ? 12 : 8; // time scale, then duration (32 or 64 bits)
        if (mdhd.length < timing + timingLength) {
            throw new BmffFormatException("mdhd is shorter than its time scale and duration");
        }
        d.part("mdhd", mdhd, timing, timingLength);
        byte[] hdlr = leaf(mdia.child(BoxTypes.HDLR), "hdlr").payload();
        if (hdlr.length < 12) {
            throw new BmffFormatException("hdlr is shorter than its handler type");
        }
        d.part("hdlr", hdlr, 8, 4);
        Box stbl = container(container(mdia.child(BoxTypes.MINF), "minf").child(BoxTypes.STBL), "stbl");
        for (Box b : stbl.children()) {
            if (b.type() != BoxTypes.STCO && b.type() != BoxTypes.CO64 && !b.isContainer()) {
                box(b, d);
            }
        }
    }

    /** A leaf by its type (as a number: a hostile type need not be printable) and payload. */
    private static void box(Box b, ContentDigest.Builder d) {
        d.number("type", b.type()).part("box", b.payload());
    }

    private static void fragment(Box moof, ContentDigest.Builder d) throws BmffFormatException {
        container(moof, "moof");
        d.part("moof", new byte[0]);
        for (Box b : moof.children()) {
            if (b.type() == MFHD && !b.isContainer()) {
                d.part("mfhd", b.payload());
            } else if (b.type() == BoxTypes.TRAF && b.isContainer()) {
                for (Box t : b.children()) {
                    if (t.type() == BoxTypes.TFHD && !t.isContainer()) {
                        d.part("tfhd", withoutBaseOffset(t.payload()));
                    } else if (FRAGMENT_BOXES.contains(t.type()) && !t.isContainer()) {
                        box(t, d);
                    }
                }
            }
        }
    }

    /** A tfhd without its absolute base data offset (flag 0x000001), which a writer rewrites when boxes move. */
    private static byte[] withoutBaseOffset(byte[] p) throws BmffFormatException {
        if (p.length < 8) {
            throw new BmffFormatException("tfhd is shorter than its header");
        }
        if ((p[3] & 1) == 0) {
            return p;
        }
        if (p.length < 16) {
            throw new BmffFormatException("tfhd announces a base data offset it does not hold");
        }
        byte[] out = Arrays.copyOf(p, p.length - 8);
        System.arraycopy(p, 16, out, 8, p.length - 16);
        return out;
    }

    private static void leaves(Box container, ContentDigest.Builder d) {
        for (Box b : container.children()) {
            if (!b.isContainer()) {
                box(b, d);
            }
        }
    }

    private static Box leaf(Box b, String name) throws BmffFormatException {
        if (b == null || b.isContainer()) {
            throw new BmffFormatException("track without a readable " + name);
        }
        return b;
    }

    private static Box container(Box b, String name) throws BmffFormatException {
        if (b == null || !b.isContainer()) {
            throw new BmffFormatException("track without a readable " + name);
        }
        return b;
    }
}
