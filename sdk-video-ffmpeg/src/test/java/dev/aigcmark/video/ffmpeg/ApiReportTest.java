package dev.aigcmark.video.ffmpeg;

import dev.aigcmark.testing.ApiReport;
import dev.aigcmark.testing.SdkModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** The compiled API of sdk-video-ffmpeg is the committed api/sdk-video-ffmpeg.api (regenerate: scripts/update-api.sh). */
class ApiReportTest {
    @Test
    void apiIsTheCommittedReport() throws IOException {
        ApiReport.check(SdkModule.VIDEO_FFMPEG);
    }
}
