package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.FourCC;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The video codecs we decode, by the ISO-BMFF sample entry that carries them and its configuration box. */
public enum VideoCodec {
    H264("avcC", "avc1", "avc3"),
    HEVC("hvcC", "hvc1", "hev1"),
    VP8("vpcC", "vp08"),
    VP9("vpcC", "vp09"),
    AV1("av1C", "av01"),
    OTHER(null);

    private final int configBox;
    private final Set<Integer> entries;

    VideoCodec(String configBox, String... entries) {
        this.configBox = configBox == null ? 0 : FourCC.of(configBox);
        this.entries = Arrays.stream(entries).map(FourCC::of).collect(Collectors.toUnmodifiableSet());
    }

    /** The box type of the decoder configuration record ({@code avcC}...), 0 for {@link #OTHER}. */
    public int configBox() {
        return configBox;
    }

    public static VideoCodec of(int sampleEntry) {
        for (VideoCodec c : values()) {
            if (c.entries.contains(sampleEntry)) {
                return c;
            }
        }
        return OTHER;
    }
}
