package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.BoxTypes;
import dev.aigcmark.core.internal.bmff.MdtaMetadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a GB 45438 label sits inside {@code moov}, for reading and for updating in place. The standard place
 * is the {@code mdta} key {@code AIGC} in {@code moov/udta/meta}; also read are {@code moov/meta} (where
 * QuickTime puts keyed metadata) and the keyless variants seen in the field: an iTunes free-form item
 * ({@code ----} with name {@code AIGC}) or an {@code AIGC} item in an {@code mdir} ilst, and a bare
 * {@code udta/AIGC} box.
 */
public final class MoovLabels {
    static final String KEY = "AIGC";

    /**
     * A label text found at a location (for reports: {@code moov/udta/meta/ilst}); {@code standard} when it is
     * the mdta key AIGC in moov/udta/meta, the place the standard names.
     */
    public record Found(String location, String text, boolean standard) {
    }

    private MoovLabels() {
    }

    public static List<Found> read(Box moov) throws BmffFormatException {
        List<Found> found = new ArrayList<>();
        for (Box udta : moov.children(BoxTypes.UDTA)) {
            for (Box meta : udta.children(BoxTypes.META)) {
                readMeta(meta, "moov/udta/meta", found);
            }
            for (Box bare : udta.children(BoxTypes.AIGC)) {
                found.add(new Found("moov/udta/AIGC", bareText(bare), false));
            }
        }
        for (Box meta : moov.children(BoxTypes.META)) {
            readMeta(meta, "moov/meta", found);
        }
        return found;
    }

    private static void readMeta(Box meta, String where, List<Found> found) throws BmffFormatException {
        if (!meta.isContainer()) {
            return;
        }
        if (MdtaMetadata.handlerType(meta) == BoxTypes.MDTA) {
            for (String v : MdtaMetadata.of(meta).values(KEY)) {
                found.add(new Found(where + "/ilst", v, where.equals("moov/udta/meta")));
            }
            return;
        }
        Box ilst = meta.child(BoxTypes.ILST);
        if (ilst == null) {
            return;
        }
        for (Box item : ilst.children()) {
            if (isKeylessLabel(item)) {
                for (String v : MdtaMetadata.textValues(item)) {
                    found.add(new Found(where + "/ilst/" + item.typeName() + " (keyless, hdlr mdir)", v, false));
                }
            }
        }
    }

    /**
     * Where {@code moov}'s box tree is damaged: every container whose children do not parse (kept as its bytes, so
     * what it holds is not read, and written back unchanged), by its path; an item of an {@code mdta} ilst by the
     * key it is for, {@code AIGC} being the label's standard place. A report says so even when the label was read
     * from another carrier, so a platform learns that the file is damaged.
     */
    public static List<String> damaged(Box moov) {
        List<String> out = new ArrayList<>();
        damaged(moov, "moov", null, out);
        return out;
    }

    /** {@code keys}: the keys of the mdta meta {@code box} sits in, naming the items when {@code box} is its ilst. */
    private static void damaged(Box box, String path, MdtaMetadata keys, List<String> out) {
        if (box.isUnparsedContainer()) {
            boolean label = path.endsWith("(key " + KEY + ")") || path.endsWith("/" + KEY);
            out.add(path + ": its boxes do not parse, so what it holds was not read"
                    + (label ? " (the label's standard carrier in this file is damaged)" : ""));
            return;
        }
        MdtaMetadata inside = null;
        if (box.type() == BoxTypes.META && box.isContainer() && MdtaMetadata.handlerType(box) == BoxTypes.MDTA) {
            try {
                inside = MdtaMetadata.of(box);
            } catch (BmffFormatException e) {
                // a damaged keys table: read() reports it; the items are named by their index
            }
        }
        for (Box child : box.children()) {
            String name = child.typeName();
            if (box.type() == BoxTypes.ILST && keys != null) {
                long index = Integer.toUnsignedLong(child.type());
                String key = keys.keyName(index);
                name = "item " + index + (key == null ? "" : " (key " + key + ")");
            }
            damaged(child, path + "/" + name, inside, out);
        }
    }

    /** An item of a keyless (mdir) ilst that carries a label: {@code AIGC}, or {@code ----} named AIGC. */
    private static boolean isKeylessLabel(Box item) {
        if (item.type() == BoxTypes.AIGC) {
            return true;
        }
        if (item.type() != BoxTypes.FREEFORM) {
            return false;
        }
        Box name = item.child(BoxTypes.NAME);
        if (name == null || name.isContainer() || name.payload().length < 4) {
            return false;
        }
        byte[] p = name.payload();
        return KEY.equals(new String(p, 4, p.length - 4, StandardCharsets.UTF_8));
    }

    /** A bare udta box: a data box inside, a QuickTime text record (u16 length, u16 language), or raw text. */
    private static String bareText(Box box) {
        byte[] p = box.isContainer() ? box.toBytes() : box.payload();
        if (p.length >= 16 && ByteBuffer.wrap(p).getInt(4) == BoxTypes.DATA) {
            int size = ByteBuffer.wrap(p).getInt(0);
            if (size >= 16 && size <= p.length) {
                return new String(p, 16, size - 16, StandardCharsets.UTF_8);
            }
        }
        if (p.length >= 4) {
            int len = ByteBuffer.wrap(p).getShort(0) & 0xFFFF;
            if (len == p.length - 4) {
                return new String(p, 4, len, StandardCharsets.UTF_8);
            }
        }
        return new String(p, StandardCharsets.UTF_8);
    }

    /**
     * Leaves exactly one label, {@code json}: the existing mdta entry is updated where it is (udta/meta first,
     * then moov/meta); without one it goes to an mdta meta in udta (created when missing). Every other label
     * (a duplicate key, a keyless variant) is removed; all other metadata is kept.
     */
    public static void write(Box moov, String json) throws BmffFormatException {
        if (!moov.isContainer()) {
            // Its children did not parse, so it is kept as opaque bytes: a udta added to it would not be written
            // and the output would silently carry no label (found by VideoContainersFuzzTest#containers).
            throw new BmffFormatException("moov is damaged (its boxes do not parse): the label has nowhere to go");
        }
        Box udta = moov.child(BoxTypes.UDTA);
        if (udta != null && udta.isUnparsedContainer()) {
            throw new BmffFormatException("moov/udta is damaged: cannot place the label beside its other metadata");
        }
        List<Box> mdtaMetas = new ArrayList<>();
        if (udta != null) {
            udta.children(BoxTypes.META).stream().filter(MoovLabels::isMdta).forEach(mdtaMetas::add);
        }
        moov.children(BoxTypes.META).stream().filter(MoovLabels::isMdta).forEach(mdtaMetas::add);

        Box target = null;
        for (Box meta : mdtaMetas) {
            if (!MdtaMetadata.of(meta).values(KEY).isEmpty()) {
                target = meta;
                break;
            }
        }
        if (target == null && udta != null) {
            target = udta.children(BoxTypes.META).stream().filter(MoovLabels::isMdta).findFirst().orElse(null);
        }
        if (target == null) {
            if (udta == null) {
                udta = Box.container(BoxTypes.UDTA, new byte[0], List.of());
                moov.children().add(udta);
            }
            target = MdtaMetadata.newMeta();
            udta.children().add(target);
        }
        for (Box meta : mdtaMetas) {
            if (meta != target) {
                MdtaMetadata m = MdtaMetadata.of(meta);
                if (m.remove(KEY) > 0) {
                    m.toMeta();
                }
            }
        }
        MdtaMetadata m = MdtaMetadata.of(target);
        m.put(KEY, json);
        m.toMeta();
        removeKeyless(moov, udta);
    }

    private static boolean isMdta(Box meta) {
        return meta.isContainer() && MdtaMetadata.handlerType(meta) == BoxTypes.MDTA;
    }

    private static void removeKeyless(Box moov, Box udta) {
        List<Box> metas = new ArrayList<>(moov.children(BoxTypes.META));
        if (udta != null) {
            udta.children().removeIf(b -> b.type() == BoxTypes.AIGC);
            metas.addAll(udta.children(BoxTypes.META));
        }
        for (Box meta : metas) {
            if (!isMdta(meta) && meta.isContainer()) {
                Box ilst = meta.child(BoxTypes.ILST);
                if (ilst != null && ilst.isContainer()) {
                    ilst.children().removeIf(MoovLabels::isKeylessLabel);
                }
            }
        }
    }
}
