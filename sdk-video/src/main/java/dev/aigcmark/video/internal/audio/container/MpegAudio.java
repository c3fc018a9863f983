package dev.aigcmark.video.internal.audio.container;

/** MPEG-1/2/2.5 Layer III frame headers: enough to recognise an MP3 stream and step from frame to frame. */
public final class MpegAudio {
    private static final int[][] BITRATE = { // kbit/s by [MPEG-1 ? 0 : 1][index], Layer III
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}};
    private static final int[][] RATE = {{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}};

    private MpegAudio() {
    }

    /** Whether a valid Layer III frame header starts at {@code b[off]}. */
    public static boolean isFrameHeader(byte[] b, int off, int length) {
        return frameLength(b, off, length) > 0;
    }

    /** Whether the frame at {@code off} is followed by another valid header (or the sniffed bytes end first). */
    public static boolean nextFrameAgrees(byte[] b, int off, int length) {
        int n = frameLength(b, off, length);
        return n > 0 && (off + n + 4 > length || isFrameHeader(b, off + n, length));
    }

    /** The byte length of the frame whose header is at {@code off}, or -1 when there is none (free format too). */
    public static int frameLength(byte[] b, int off, int length) {
        if (length - off < 4 || (b[off] & 0xFF) != 0xFF || (b[off + 1] & 0xE0) != 0xE0) {
            return -1;
        }
        int version = (b[off + 1] >> 3) & 3; // 0 = 2.5, 2 = 2, 3 = 1
        int layer = (b[off + 1] >> 1) & 3;   // 1 = Layer III
        int bitrateIndex = (b[off + 2] >> 4) & 0xF;
        int rateIndex = (b[off + 2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return -1;
        }
        boolean mpeg1 = version == 3;
        int kbps = BITRATE[mpeg1 ? 0 : 1][bitrateIndex];
        int rate = RATE[version == 3 ? 0 : version == 2 ? 1 : 2][rateIndex];
        int padding = (b[off + 2] >> 1) & 1;
        return (mpeg1 ? 144 : 72) * kbps * 1000 / rate + padding;
    }
}
