/**
 * The FFmpeg codec backend of sdk-video (libavcodec through JavaCPP), found through the SPI. A pure provider: it
 * exports no package. Run as modules, the platform's natives module must be resolved too, e.g.
 * {@code --add-modules org.bytedeco.ffmpeg.linux.x86_64} (JavaCPP's natives are modules that nothing requires).
 */
module dev.aigcmark.video.ffmpeg {
    requires dev.aigcmark.video;
    requires org.bytedeco.ffmpeg;
    requires org.bytedeco.javacpp;

    // Keep in step with META-INF/services (read by class-path users); ApiReportTest checks that they agree.
    provides dev.aigcmark.video.internal.pipeline.VideoCodecBackend with
            dev.aigcmark.video.ffmpeg.internal.FfmpegBackend;
}
