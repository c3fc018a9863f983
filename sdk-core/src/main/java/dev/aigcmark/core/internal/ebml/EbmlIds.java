package dev.aigcmark.core.internal.ebml;

import java.util.Set;

/** The EBML and Matroska element ids the readers and the label writer use (IDs keep their length marker bits). */
public final class EbmlIds {
    private EbmlIds() {
    }

    public static final long EBML = 0x1A45DFA3L;
    public static final long DOC_TYPE = 0x4282L;
    public static final long VOID = 0xECL;
    public static final long CRC32 = 0xBFL;

    public static final long SEGMENT = 0x18538067L;
    public static final long SEEK_HEAD = 0x114D9B74L;
    public static final long SEEK = 0x4DBBL;
    public static final long SEEK_ID = 0x53ABL;
    public static final long SEEK_POSITION = 0x53ACL;
    public static final long INFO = 0x1549A966L;
    public static final long TRACKS = 0x1654AE6BL;
    public static final long CLUSTER = 0x1F43B675L;
    public static final long CLUSTER_POSITION = 0xA7L;
    public static final long CUES = 0x1C53BB6BL;
    public static final long CUE_POINT = 0xBBL;
    public static final long CUE_TRACK_POSITIONS = 0xB7L;
    public static final long CUE_CLUSTER_POSITION = 0xF1L;
    public static final long CUE_CODEC_STATE = 0xEAL;
    public static final long CHAPTERS = 0x1043A770L;
    public static final long ATTACHMENTS = 0x1941A469L;
    public static final long TAGS = 0x1254C367L;
    public static final long TAG = 0x7373L;
    public static final long TARGETS = 0x63C0L;
    public static final long TARGET_TYPE_VALUE = 0x68CAL;
    public static final long TAG_TRACK_UID = 0x63C5L;
    public static final long TAG_EDITION_UID = 0x63C9L;
    public static final long TAG_CHAPTER_UID = 0x63C4L;
    public static final long TAG_ATTACHMENT_UID = 0x63C6L;
    public static final long SIMPLE_TAG = 0x67C8L;
    public static final long TAG_NAME = 0x45A3L;
    public static final long TAG_LANGUAGE = 0x447AL;
    public static final long TAG_DEFAULT = 0x4484L;
    public static final long TAG_STRING = 0x4487L;

    /** The children of a Segment: an element with one of these ids ends an unknown-sized Cluster. */
    public static final Set<Long> LEVEL_1 = Set.of(SEEK_HEAD, INFO, TRACKS, CLUSTER, CUES, CHAPTERS, ATTACHMENTS, TAGS);

    /** Master elements whose children the label writer edits (the rest is kept as opaque bytes). */
    public static final Set<Long> EDITED_MASTERS = Set.of(SEEK_HEAD, SEEK, CUES, CUE_POINT, CUE_TRACK_POSITIONS,
            TAGS, TAG, TARGETS, SIMPLE_TAG);
}
