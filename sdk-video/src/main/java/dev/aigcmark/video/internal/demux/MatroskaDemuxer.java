package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.bmff.Box;
import dev.aigcmark.core.internal.bmff.FourCC;
import dev.aigcmark.core.internal.ebml.EbmlElement;
import dev.aigcmark.core.internal.ebml.EbmlFormatException;
import dev.aigcmark.core.internal.ebml.EbmlIds;
import dev.aigcmark.core.internal.ebml.EbmlReader;
import dev.aigcmark.core.internal.ebml.MatroskaFile;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The video track of a Matroska or WebM file as a {@link Track}, so the same {@code FrameSource} and backends that
 * decode MP4 decode it: our bounded EBML reader ({@link MatroskaFile}, {@link EbmlReader}) walks the Clusters and
 * indexes the frames of the first decodable video track (H.264, HEVC, VP8, VP9, AV1); the CodecPrivate becomes
 * the decoder configuration ({@code avcC}, {@code hvcC}, {@code av1C} carry the same record in both containers).
 * No frame is read here, and no third-party parser sees the file. For verification only (nothing is remuxed).
 *
 * <p>Blocks are frames, not structure: they are bounded by {@link SampleIndex#MAX_SAMPLES} and the file's deadline
 * (every 256 elements are a checkpoint) rather than by {@link ReadLimits#maxBoxCount()}, which a long clip's
 * blocks (audio included) would exceed; Info, Tracks and the Segment layout keep the ordinary limits.
 */
public final class MatroskaDemuxer {
    /** Nanoseconds per TimestampScale unit when Info does not say (1 ms). */
    private static final long DEFAULT_TIMESTAMP_SCALE = 1_000_000;
    private static final long NANOS = 1_000_000_000L;

    private MatroskaDemuxer() {
    }

    /** Reads the layout and indexes the video track's frames; malformed EBML is an {@link EbmlFormatException}. */
    public static Track videoTrack(MediaInput input, ReadLimits limits) throws IOException {
        MatroskaFile file = MatroskaFile.read(input, limits);
        EbmlReader reader = new EbmlReader(input, limits);
        long scale = timestampScale(reader, file);
        EbmlElement tracks = file.all(EbmlIds.TRACKS).stream().findFirst()
                .orElseThrow(() -> new UnreadableInputException("the Matroska file has no Tracks element"));
        MatroskaVideoTrack video = MatroskaVideoTrack.first(reader, tracks);
        String name = "track " + video.number();
        String entry = video.sampleEntry();
        if (entry == null) {
            throw new UnreadableInputException(name + " has codec " + video.codecId() + ", which is not decoded here");
        }
        if (video.encoded()) {
            throw new UnreadableInputException(name + " has compressed or encrypted blocks (ContentEncodings)");
        }
        // The track's timescale: TimestampScale units when they divide a second, else nanoseconds.
        long timescale = NANOS % scale == 0 ? NANOS / scale : NANOS;
        long toTrack = NANOS % scale == 0 ? 1 : scale;
        MatroskaBlocks blocks = new MatroskaBlocks(blockReader(input, limits), video.number(), video.defaultDurationNs() / scale);
        for (EbmlElement cluster : file.all(EbmlIds.CLUSTER)) {
            blocks.cluster(cluster);
        }
        SampleIndex samples = blocks.index(input.size(), name, toTrack);
        return new Track((int) Math.min(video.number(), Integer.MAX_VALUE), Track.VIDE, timescale,
                sampleEntry(entry, video), samples, null, null);
    }

    /** A reader whose element count allows every block of a long clip (see the class comment). */
    private static EbmlReader blockReader(MediaInput input, ReadLimits limits) throws IOException {
        long count = Math.min(Integer.MAX_VALUE, (long) limits.maxBoxCount() + 4L * SampleIndex.MAX_SAMPLES);
        return new EbmlReader(input, limits.toBuilder().maxBoxCount((int) count).build());
    }

    private static long timestampScale(EbmlReader reader, MatroskaFile file) throws IOException {
        for (EbmlElement info : file.all(EbmlIds.INFO)) {
            for (EbmlElement e : reader.children(info.dataOffset(), info.end(), Set.of(), 2)) {
                if (e.id() == MatroskaIds.TIMESTAMP_SCALE) {
                    long scale = MatroskaVideoTrack.uint(reader, e);
                    if (scale <= 0 || scale > NANOS) {
                        throw new EbmlFormatException("TimestampScale " + scale + " is out of range");
                    }
                    return scale;
                }
            }
        }
        return DEFAULT_TIMESTAMP_SCALE;
    }

    /** The MP4 sample entry of the same bitstream, the CodecPrivate as its configuration box. */
    private static SampleEntry sampleEntry(String format, MatroskaVideoTrack video) {
        int type = FourCC.of(format);
        VideoCodec codec = VideoCodec.of(type);
        byte[] config = video.codecPrivate();
        // VP8/VP9 CodecPrivate holds optional feature flags, not a vpcC record: decoders need none.
        List<Box> children = config == null || codec == VideoCodec.VP9 || codec == VideoCodec.VP8 ? List.of()
                : List.of(Box.leaf(codec.configBox(), config));
        return new SampleEntry(type, video.width(), video.height(), children, Box.leaf(type, new byte[0]));
    }
}
