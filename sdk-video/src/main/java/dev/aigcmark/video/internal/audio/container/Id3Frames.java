package dev.aigcmark.video.internal.audio.container;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.label.LabelJson;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.StorePlacement;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.image.internal.container.LabelXmp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What MP3 (and FLAC, where the C2PA reference puts an ID3v2 tag in front) keep in an ID3v2 tag: the GB 45438
 * label as {@code TXXX} with description {@code AIGC}, XMP as {@code PRIV} owned by {@code XMP}, the C2PA store as
 * a {@code GEOB} object of type {@code application/c2pa} (the reference also reads
 * {@code application/x-c2pa-manifest-store}). Frames this class does not own are kept byte for byte.
 */
public final class Id3Frames {
    public static final String C2PA_MIME = "application/c2pa";
    private static final String C2PA_MIME_OLD = "application/x-c2pa-manifest-store";

    private Id3Frames() {
    }

    /** Adds the tag's label, XMP and C2PA carriers; {@code labelPlacement} is STANDARD for MP3 only. */
    public static void carriers(Id3Tag tag, Container.Builder c, Placement labelPlacement) {
        for (Id3Tag.Frame f : tag.frames()) {
            String where = "ID3v2." + tag.major() + " " + f.id();
            if (isLabel(f)) {
                String[] t = Id3Tag.txxxText(f);
                c.carrier(new Carrier(CarrierType.AIGC_JSON, where + ":AIGC", f.dataOffset(), f.data().length,
                        t[1].replace("\0", "").strip().getBytes(StandardCharsets.UTF_8), labelPlacement));
            } else if (isXmp(f)) {
                int start = Id3Tag.privDataStart(f);
                c.carrier(new Carrier(CarrierType.XMP, where + " XMP", f.dataOffset(), f.data().length,
                        Arrays.copyOfRange(f.data(), start, f.data().length), Placement.NONSTANDARD));
            } else if (isC2pa(f)) {
                int start = Id3Tag.geobHeader(f).objectStart();
                long offset = f.dataOffset() < 0 ? -1 : f.dataOffset() + start;
                c.carrier(new Carrier(CarrierType.JUMBF, where + " " + C2PA_MIME, offset, f.data().length - start,
                        Arrays.copyOfRange(f.data(), start, f.data().length)));
            }
        }
    }

    /** The tag's frames with exactly one label (where the first was, else last) and any labelled XMP updated. */
    public static List<Id3Tag.Frame> withLabel(Id3Tag tag, int major, LabelEdit edit, SdkContext ctx) throws IOException {
        List<Id3Tag.Frame> frames = new ArrayList<>();
        Id3Tag.Frame label = Id3Tag.txxx(major, "AIGC", LabelJson.toBareJson(edit.label()));
        boolean placed = false;
        boolean xmp = false;
        for (Id3Tag.Frame f : tag == null ? List.<Id3Tag.Frame>of() : tag.frames()) {
            if (isLabel(f)) {
                if (!placed) {
                    frames.add(label);
                    placed = true;
                }
            } else if (isXmp(f)) {
                byte[] packet = Arrays.copyOfRange(f.data(), Id3Tag.privDataStart(f), f.data().length);
                frames.add(Id3Tag.priv("XMP", LabelXmp.packet(packet, edit, ctx)));
                xmp = true;
            } else {
                frames.add(f);
            }
        }
        if (!placed) {
            frames.add(label);
        }
        if (!xmp && edit.digitalSourceType() != null) {
            frames.add(Id3Tag.priv("XMP", LabelXmp.packet(null, edit, ctx)));
        }
        return frames;
    }

    /**
     * Writes a new tag (frames, then padding keeping the audio where it was when the frames fit the old tag), then
     * the input from {@code audioStart}. Returns where the tag ended.
     */
    public static long write(MediaInput input, Id3Tag old, long tagStart, long audioStart, int major,
                             List<Id3Tag.Frame> frames, OutputStream output) throws IOException {
        byte[] tag = tag(old, major, frames);
        new Pieces().range(0, tagStart).bytes(tag).range(audioStart, input.size() - audioStart).writeTo(input, output);
        return tagStart + tag.length;
    }

    /**
     * A tag of {@code frames}, padded to the old tag's size when they fit in it (then nothing after it moves), else
     * with {@value #SPARE} bytes of padding so the next edit of similar size moves nothing either.
     */
    public static byte[] tag(Id3Tag old, int major, List<Id3Tag.Frame> frames) {
        int framesSize = Id3Tag.build(major, frames, 0).length;
        long room = old == null ? 0 : old.totalSize();
        int padding = room >= framesSize ? (int) Math.min(room - framesSize, 64 * 1024) : SPARE;
        return Id3Tag.build(major, frames, padding);
    }

    private static final int SPARE = 1024;

    /** The frames with every C2PA object removed and {@code store} appended as one; and where the store lands. */
    public static StorePlacement withStore(MediaInput input, Id3Tag old, long tagStart, long audioStart, byte[] store,
                                           OutputStream output) throws IOException {
        int major = majorFor(old);
        List<Id3Tag.Frame> frames = new ArrayList<>();
        for (Id3Tag.Frame f : old == null ? List.<Id3Tag.Frame>of() : old.frames()) {
            if (!isC2pa(f)) {
                frames.add(f);
            }
        }
        Id3Tag.Frame geob = Id3Tag.geob(C2PA_MIME, "c2pa", "c2pa manifest store", store);
        frames.add(geob);
        long at = tagStart + Id3Tag.payloadOffset(frames, frames.size() - 1) + Id3Tag.geobHeader(geob).objectStart();
        write(input, old, tagStart, audioStart, major, frames, output);
        return new StorePlacement(at, store.length);
    }

    /** The version a rewritten tag keeps: the old one's (3 or 4), 4 for a new tag; ID3v2.2 is not rewritten. */
    public static int majorFor(Id3Tag tag) throws UnreadableInputException {
        if (tag == null) {
            return 4;
        }
        if (tag.major() == 2) {
            throw new UnreadableInputException("ID3v2.2 tags are not rewritten (their frames have no v2.3/2.4 form here)");
        }
        return tag.major();
    }

    public static boolean isLabel(Id3Tag.Frame f) {
        if (!f.id().equals("TXXX")) {
            return false;
        }
        String[] t = Id3Tag.txxxText(f);
        return t != null && t[0].strip().toUpperCase(Locale.ROOT).equals("AIGC");
    }

    static boolean isXmp(Id3Tag.Frame f) {
        return f.id().equals("PRIV") && "XMP".equals(Id3Tag.privOwner(f));
    }

    static boolean isC2pa(Id3Tag.Frame f) {
        if (!f.id().equals("GEOB")) {
            return false;
        }
        Id3Tag.GeobHeader h = Id3Tag.geobHeader(f);
        return h != null && (h.mime().equals(C2PA_MIME) || h.mime().equals(C2PA_MIME_OLD));
    }
}
