package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.internal.bmff.BmffFormatException;

/**
 * Checks H.264 sequence and picture parameter sets (ITU-T H.264 §7.3.2.1–7.3.2.2) before a decoder that trusts
 * them sees them: every count that sizes an array must be within the standard's range (jcodec allocates
 * {@code num_ref_frames_in_pic_order_cnt_cycle}, HRD {@code cpb_cnt}, slice-group maps by their declared size),
 * and the coded picture must fit the pixel limit. Returns the facts a caller needs.
 */
public final class H264ParameterSets {
    /** The coded picture an SPS declares. */
    public record Sps(int id, int profile, int chromaFormat, int bitDepth, int width, int height, int cropLeft,
                      int cropRight, int cropTop, int cropBottom) {
        public int displayWidth() {
            return width - cropLeft - cropRight;
        }

        public int displayHeight() {
            return height - cropTop - cropBottom;
        }
    }

    private H264ParameterSets() {
    }

    /** Parses and checks an SPS NAL unit (with its one-byte header). */
    public static Sps sps(byte[] nal, int offset, int length, long maxPixels) throws BmffFormatException {
        BitReader r = BitReader.ofNal(nal, offset, length, 1);
        int profile = r.u(8);
        r.u(16); // constraint flags, level
        int id = r.ue(31, "seq_parameter_set_id");
        int chroma = 1;
        int bitDepth = 8;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chroma = r.ue(3, "chroma_format_idc");
            if (chroma == 3) {
                r.flag(); // separate_colour_plane_flag
            }
            bitDepth = 8 + r.ue(6, "bit_depth_luma_minus8");
            r.ue(6, "bit_depth_chroma_minus8");
            r.flag(); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) {
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (r.flag()) {
                        scalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(12, "log2_max_frame_num_minus4");
        int pocType = r.ue(2, "pic_order_cnt_type");
        if (pocType == 0) {
            r.ue(12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.flag();
            r.se();
            r.se();
            int cycle = r.ue(255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(16, "max_num_ref_frames");
        r.flag(); // gaps_in_frame_num_value_allowed_flag
        long mbWidth = r.ue(1023, "pic_width_in_mbs_minus1") + 1L;
        long mapHeight = r.ue(1023, "pic_height_in_map_units_minus1") + 1L;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.flag(); // mb_adaptive_frame_field_flag
        }
        r.flag(); // direct_8x8_inference_flag
        int width = (int) (mbWidth * 16);
        int height = (int) (mapHeight * 16 * (frameMbsOnly ? 1 : 2));
        if ((long) width * height > maxPixels) {
            throw new BmffFormatException("the H.264 picture of " + width + "x" + height
                    + " is over the pixel limit of " + maxPixels, true);
        }
        int[] crop = new int[4];
        if (r.flag()) {
            int unitX = chroma == 1 || chroma == 2 ? 2 : 1;
            int unitY = (chroma == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            for (int i = 0; i < 4; i++) {
                crop[i] = r.ue(8192, "frame_crop_offset") * (i < 2 ? unitX : unitY);
            }
            if (crop[0] + crop[1] >= width || crop[2] + crop[3] >= height) {
                throw new BmffFormatException("the H.264 cropping window is empty");
            }
        }
        if (r.more() && r.flag()) {
            vui(r);
        }
        return new Sps(id, profile, chroma, bitDepth, width, height, crop[0], crop[1], crop[2], crop[3]);
    }

    /** Checks a PPS NAL unit (with its header) up to the slice-group map, the only part that sizes arrays. */
    public static void pps(byte[] nal, int offset, int length) throws BmffFormatException {
        BitReader r = BitReader.ofNal(nal, offset, length, 1);
        r.ue(255, "pic_parameter_set_id");
        r.ue(31, "seq_parameter_set_id");
        r.flag(); // entropy_coding_mode_flag
        r.flag(); // bottom_field_pic_order_in_frame_present_flag
        int groups = r.ue(7, "num_slice_groups_minus1") + 1;
        if (groups > 1) {
            int type = r.ue(6, "slice_group_map_type");
            if (type == 0) {
                for (int i = 0; i < groups; i++) {
                    r.ue(139_264, "run_length_minus1");
                }
            } else if (type == 2) {
                for (int i = 0; i < groups - 1; i++) {
                    r.ue(139_264, "top_left");
                    r.ue(139_264, "bottom_right");
                }
            } else if (type >= 3 && type <= 5) {
                r.flag();
                r.ue(139_264, "slice_group_change_rate_minus1");
            } else if (type == 6) {
                // Level 6.2 frames hold at most 139,264 macroblocks: the map is never larger.
                int units = r.ue(139_263, "pic_size_in_map_units_minus1") + 1;
                int bits = 32 - Integer.numberOfLeadingZeros(groups - 1);
                for (int i = 0; i < units; i++) {
                    r.u(bits);
                }
            }
        }
        r.ue(31, "num_ref_idx_l0_default_active_minus1");
        r.ue(31, "num_ref_idx_l1_default_active_minus1");
    }

    private static void scalingList(BitReader r, int size) throws BmffFormatException {
        long last = 8;
        long next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                long delta = r.se();
                if (delta < -128 || delta > 127) {
                    throw new BmffFormatException("a scaling list delta is out of range");
                }
                next = (last + delta + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private static void vui(BitReader r) throws BmffFormatException {
        if (r.flag() && r.u(8) == 255) { // aspect_ratio_info_present, aspect_ratio_idc == Extended_SAR
            r.u(32);
        }
        if (r.flag()) {
            r.flag(); // overscan_appropriate
        }
        if (r.flag()) { // video_signal_type_present
            r.u(4);
            if (r.flag()) {
                r.u(24);
            }
        }
        if (r.flag()) { // chroma_loc_info_present
            r.ue(5, "chroma_sample_loc_type_top_field");
            r.ue(5, "chroma_sample_loc_type_bottom_field");
        }
        if (r.flag()) { // timing_info_present
            r.u(32);
            r.u(32);
            r.flag();
        }
        boolean nal = r.flag();
        if (nal) {
            hrd(r);
        }
        boolean vcl = r.flag();
        if (vcl) {
            hrd(r);
        }
        if (nal || vcl) {
            r.flag(); // low_delay_hrd_flag
        }
        r.flag(); // pic_struct_present_flag
        if (r.flag()) { // bitstream_restriction
            r.flag();
            r.ue(16, "max_bytes_per_pic_denom");
            r.ue(16, "max_bits_per_mb_denom");
            r.ue(16, "log2_max_mv_length_horizontal");
            r.ue(16, "log2_max_mv_length_vertical");
            r.ue(16, "max_num_reorder_frames");
            r.ue(16, "max_dec_frame_buffering");
        }
    }

    private static void hrd(BitReader r) throws BmffFormatException {
        int count = r.ue(31, "cpb_cnt_minus1") + 1;
        r.u(8); // bit_rate_scale, cpb_size_scale
        for (int i = 0; i < count; i++) {
            r.ue();
            r.ue();
            r.flag();
        }
        r.u(20); // four 5-bit lengths
    }
}
