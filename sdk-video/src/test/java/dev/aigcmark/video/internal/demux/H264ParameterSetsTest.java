package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.core.internal.bmff.BmffFormatException;
import dev.aigcmark.video.testing.Clips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SPS/PPS checks that run before jcodec sees a parameter set. */
class H264ParameterSetsTest {

    @Test
    void readsTheCodedAndDisplaySizeOfAnX264Stream(@TempDir Path dir) throws IOException {
        ExternalTools.assumeTool("ffmpeg");
        Path clip = Clips.make(dir, "odd.mp4", "200x90", 0.2, List.of("-c:v", "libx264", "-profile:v", "high",
                "-pix_fmt", "yuv420p", "-an"));
        try (MediaInput in = MediaInput.of(clip)) {
            AvcConfig avc = AvcConfig.parse(Mp4Demuxer.open(in, ReadLimits.defaults()).video().orElseThrow()
                    .entry().decoderConfig());
            byte[] sps = avc.sps().get(0);
            H264ParameterSets.Sps s = H264ParameterSets.sps(sps, 0, sps.length, 1_000_000);
            assertThat(s.profile()).isEqualTo(100);
            assertThat(s.width()).isEqualTo(208); // 13 macroblocks
            assertThat(s.height()).isEqualTo(96);
            assertThat(s.displayWidth()).isEqualTo(200);
            assertThat(s.displayHeight()).isEqualTo(90);
            assertThatThrownBy(() -> H264ParameterSets.sps(sps, 0, sps.length, 208 * 96 - 1))
                    .isInstanceOf(BmffFormatException.class).hasMessageContaining("pixel limit");
            byte[] pps = avc.pps().get(0);
            H264ParameterSets.pps(pps, 0, pps.length);
        }
    }

    @Test
    void refusesAPictureOrderCycleJcodecWouldAllocateBeyondTheStandard() {
        Bits b = new Bits().u(0x67, 8).u(66, 8).u(0, 16).ue(0) // NAL header, Baseline, level, sps id
                .ue(0).ue(1) // log2_max_frame_num_minus4, pic_order_cnt_type 1
                .u(0, 1).se(0).se(0).ue(100_000_000); // cycle length far above 255
        byte[] nal = b.bytes();
        assertThatThrownBy(() -> H264ParameterSets.sps(nal, 0, nal.length, 1 << 30))
                .isInstanceOf(BmffFormatException.class).hasMessageContaining("num_ref_frames_in_pic_order_cnt_cycle");
    }

    @Test
    void refusesASliceGroupMapOverTheLargestLevel() {
        Bits b = new Bits().u(0x68, 8).ue(0).ue(0).u(0, 2).ue(1).ue(6).ue(5_000_000);
        byte[] nal = b.bytes();
        assertThatThrownBy(() -> H264ParameterSets.pps(nal, 0, nal.length))
                .isInstanceOf(BmffFormatException.class).hasMessageContaining("pic_size_in_map_units_minus1");
    }

    @Test
    void aTruncatedSetIsRefused() {
        byte[] nal = new Bits().u(0x67, 8).u(100, 8).bytes();
        assertThatThrownBy(() -> H264ParameterSets.sps(nal, 0, nal.length, 1 << 30))
                .isInstanceOf(BmffFormatException.class).hasMessageContaining("ends in the middle");
    }

    /** Writes fields MSB first, padded with a stop bit and zeros. */
    static final class Bits {
        private final StringBuilder bits = new StringBuilder();

        Bits u(long v, int n) {
            for (int i = n - 1; i >= 0; i--) {
                bits.append((v >> i) & 1);
            }
            return this;
        }

        Bits ue(long v) {
            String code = Long.toBinaryString(v + 1);
            bits.append("0".repeat(code.length() - 1)).append(code);
            return this;
        }

        Bits se(long v) {
            return ue(v <= 0 ? -2 * v : 2 * v - 1);
        }

        byte[] bytes() {
            StringBuilder s = new StringBuilder(bits).append('1');
            while (s.length() % 8 != 0) {
                s.append('0');
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i += 8) {
                out.write(Integer.parseInt(s.substring(i, i + 8), 2));
            }
            return out.toByteArray();
        }
    }
}
