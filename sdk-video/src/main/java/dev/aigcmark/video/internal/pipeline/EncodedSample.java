package dev.aigcmark.video.internal.pipeline;

/**
 * One compressed video sample as the demuxer validated it, handed to a decoder in decode order.
 *
 * @param index the sample's position in the track (decode order, from 0)
 * @param data  the sample's bytes (length-prefixed NAL units for H.264/HEVC, a frame for VP9/AV1)
 * @param dts   decode time in track ticks
 * @param pts   presentation time in track ticks
 * @param sync  a sync sample (decodable on its own)
 */
public record EncodedSample(int index, byte[] data, long dts, long pts, boolean sync) {
}
