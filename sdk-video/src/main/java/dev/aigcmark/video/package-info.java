/**
 * Options of the video formats: the frame backend ({@code ffmpeg} or {@code jcodec}), encoder overrides and a
 * progress listener ({@link dev.aigcmark.video.VideoOptions}). The video handlers themselves are service providers.
 */
package dev.aigcmark.video;
