package dev.aigcmark.video.internal.demux;

/** The Matroska element ids the frame demuxer reads (Info, Tracks, Clusters and blocks; RFC 9559). */
final class MatroskaIds {
    private MatroskaIds() {
    }

    static final long TIMESTAMP_SCALE = 0x2AD7B1L;
    static final long TRACK_ENTRY = 0xAEL;
    static final long TRACK_NUMBER = 0xD7L;
    static final long TRACK_TYPE = 0x83L;
    static final long CODEC_ID = 0x86L;
    static final long CODEC_PRIVATE = 0x63A2L;
    static final long DEFAULT_DURATION = 0x23E383L;
    static final long CONTENT_ENCODINGS = 0x6D80L;
    static final long VIDEO = 0xE0L;
    static final long PIXEL_WIDTH = 0xB0L;
    static final long PIXEL_HEIGHT = 0xBAL;

    static final long CLUSTER_TIMESTAMP = 0xE7L;
    static final long SIMPLE_BLOCK = 0xA3L;
    static final long BLOCK_GROUP = 0xA0L;
    static final long BLOCK = 0xA1L;
    static final long BLOCK_DURATION = 0x9BL;
    static final long REFERENCE_BLOCK = 0xFBL;

    /** TrackType of a video track. */
    static final long TYPE_VIDEO = 1;
}
