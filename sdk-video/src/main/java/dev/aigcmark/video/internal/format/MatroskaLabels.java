package dev.aigcmark.video.internal.format;

import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The GB 45438 label in Matroska/WebM tags: a SimpleTag named {@code AIGC} whose TagString is the JSON, in a Tag
 * for the whole Segment (empty Targets, or TargetTypeValue 50 without UIDs) as TC260's video guide places it and
 * as {@code ffmpeg -metadata AIGC=...} and mkvmerge write it. A track-targeted AIGC tag (ffmpeg's stream metadata)
 * is read as a tolerated place.
 */
final class MatroskaLabels {
    static final String NAME = "AIGC";

    /** A label text and whether its Tag targets the whole Segment. */
    record Found(String text, boolean global) {
    }

    private MatroskaLabels() {
    }

    static List<Found> read(EbmlNode tags) {
        List<Found> found = new ArrayList<>();
        for (EbmlNode tag : tags.children(EbmlIds.TAG)) {
            for (EbmlNode simple : tag.children(EbmlIds.SIMPLE_TAG)) {
                if (isLabel(simple)) {
                    EbmlNode value = simple.child(EbmlIds.TAG_STRING);
                    found.add(new Found(value == null ? "" : value.text(), isGlobal(tag)));
                }
            }
        }
        return found;
    }

    private static boolean isLabel(EbmlNode simple) {
        EbmlNode name = simple.child(EbmlIds.TAG_NAME);
        return name != null && NAME.equals(name.text());
    }

    /** A Tag for the whole Segment: no UID targets, and TargetTypeValue absent or 50 (the default). */
    static boolean isGlobal(EbmlNode tag) {
        EbmlNode targets = tag.child(EbmlIds.TARGETS);
        if (targets == null) {
            return true;
        }
        for (EbmlNode t : targets.children()) {
            long id = t.id();
            if (id == EbmlIds.TAG_TRACK_UID || id == EbmlIds.TAG_EDITION_UID || id == EbmlIds.TAG_CHAPTER_UID
                    || id == EbmlIds.TAG_ATTACHMENT_UID) {
                return false;
            }
            if (id == EbmlIds.TARGET_TYPE_VALUE && t.uint() != 50) {
                return false;
            }
        }
        return true;
    }

    /** Removes every AIGC SimpleTag (and Tags left empty of SimpleTags); returns whether anything changed. */
    static boolean remove(EbmlNode tags) {
        boolean changed = false;
        for (EbmlNode tag : tags.children(EbmlIds.TAG)) {
            changed |= tag.children().removeIf(MatroskaLabels::isLabel);
        }
        tags.children().removeIf(t -> t.id() == EbmlIds.TAG && t.children(EbmlIds.SIMPLE_TAG).isEmpty());
        return changed;
    }

    /**
     * Sets the one label: an existing global AIGC SimpleTag keeps its place with the new TagString, every other AIGC
     * SimpleTag is removed; without one, the SimpleTag goes into the first global Tag, or a new global Tag.
     */
    static void put(EbmlNode tags, String json) {
        EbmlNode labelTag = null;
        int index = -1;
        for (EbmlNode tag : tags.children(EbmlIds.TAG)) {
            List<EbmlNode> simples = tag.children();
            for (int i = 0; i < simples.size() && labelTag == null; i++) {
                if (isGlobal(tag) && simples.get(i).id() == EbmlIds.SIMPLE_TAG && isLabel(simples.get(i))) {
                    labelTag = tag;
                    index = i;
                }
            }
        }
        EbmlNode simple = EbmlNode.master(EbmlIds.SIMPLE_TAG, List.of(EbmlNode.string(EbmlIds.TAG_NAME, NAME),
                EbmlNode.string(EbmlIds.TAG_STRING, json)));
        if (labelTag != null) {
            labelTag.children().set(index, simple);
            EbmlNode keep = labelTag;
            for (EbmlNode tag : tags.children(EbmlIds.TAG)) {
                List<EbmlNode> c = tag.children();
                c.removeIf(n -> n != simple && n.id() == EbmlIds.SIMPLE_TAG && isLabel(n));
            }
            tags.children().removeIf(t -> t != keep && t.id() == EbmlIds.TAG && t.children(EbmlIds.SIMPLE_TAG).isEmpty());
            return;
        }
        remove(tags);
        for (EbmlNode tag : tags.children(EbmlIds.TAG)) {
            if (isGlobal(tag)) {
                tag.children().add(simple);
                return;
            }
        }
        tags.children().add(EbmlNode.master(EbmlIds.TAG, List.of(EbmlNode.master(EbmlIds.TARGETS, List.of()), simple)));
    }

    /** A new Tags element holding only the label. */
    static EbmlNode newTags(String json) {
        EbmlNode tags = EbmlNode.master(EbmlIds.TAGS, List.of());
        put(tags, json);
        return tags;
    }
}
