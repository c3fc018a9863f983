/**
 * Video and audio (MP4/MOV, Matroska/WebM, AVI, FLV; WAV, MP3, FLAC, Ogg): format handlers, the video and audio
 * watermark codecs, and the frame pipeline with its codec backends (jcodec built in, FFmpeg from
 * {@code dev.aigcmark.video.ffmpeg} when present). Its API is {@code dev.aigcmark.video} (what a video mark
 * costs); the backend SPI stays internal, exported to the FFmpeg module only.
 */
module dev.aigcmark.video {
    requires transitive dev.aigcmark.core; // the API names core types
    requires dev.aigcmark.image;
    requires jcodec; // automatic module (no Automatic-Module-Name in jcodec 0.2.5: named after the jar)

    exports dev.aigcmark.video;

    exports dev.aigcmark.video.internal.audio.pcm to dev.aigcmark.video.ffmpeg;
    exports dev.aigcmark.video.internal.demux to dev.aigcmark.video.ffmpeg;
    exports dev.aigcmark.video.internal.pipeline to dev.aigcmark.video.ffmpeg;

    uses dev.aigcmark.video.internal.pipeline.VideoCodecBackend;

    // Keep in step with META-INF/services (read by class-path users); ApiReportTest checks that they agree.
    provides dev.aigcmark.core.spi.FormatHandler with
            dev.aigcmark.video.internal.format.Mp4Handler,
            dev.aigcmark.video.internal.format.MatroskaHandler,
            dev.aigcmark.video.internal.format.WebmHandler,
            dev.aigcmark.video.internal.format.AviHandler,
            dev.aigcmark.video.internal.format.FlvHandler,
            dev.aigcmark.video.internal.audio.format.WavHandler,
            dev.aigcmark.video.internal.audio.format.Mp3Handler,
            dev.aigcmark.video.internal.audio.format.FlacHandler,
            dev.aigcmark.video.internal.audio.format.OggHandler;
    provides dev.aigcmark.core.spi.MarkCodec with
            dev.aigcmark.video.internal.detect.VideoWatermarkCodec,
            dev.aigcmark.video.internal.audio.watermark.AudioWatermarkCodec;
    provides dev.aigcmark.video.internal.pipeline.VideoCodecBackend with
            dev.aigcmark.video.internal.pipeline.JcodecBackend;
}
