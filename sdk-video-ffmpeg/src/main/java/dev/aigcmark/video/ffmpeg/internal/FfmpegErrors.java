package dev.aigcmark.video.ffmpeg.internal;

import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** FFmpeg's negative return codes as messages and exceptions. */
final class FfmpegErrors {
    private FfmpegErrors() {
    }

    static String message(int code) {
        byte[] buf = new byte[256];
        avutil.av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Returns {@code code} when it is not an error, else throws naming {@code what} failed. */
    static int check(int code, String what) throws IOException {
        if (code < 0) {
            throw new IOException("FFmpeg: " + what + " failed: " + message(code));
        }
        return code;
    }
}
