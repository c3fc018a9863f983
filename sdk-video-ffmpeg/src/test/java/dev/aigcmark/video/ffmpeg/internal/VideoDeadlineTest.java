package dev.aigcmark.video.ffmpeg.internal;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.video.internal.frames.FrameMarker;
import dev.aigcmark.video.internal.pipeline.FrameSource;
import dev.aigcmark.video.ProgressListener;
import dev.aigcmark.video.internal.pipeline.VideoPipeline;
import dev.aigcmark.video.testing.Clips;
import dev.aigcmark.video.testing.TestMarks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The file's deadline reaches every stage of the FFmpeg pipeline: marking under a wall-clock budget far shorter
 * than the clip needs stops with the budget's limit before the last frame, leaving no output and no stage thread;
 * decoding frames for detection stops the same way. The latency after the deadline (one native call per stage)
 * is printed for the record; a generous bound only guards against a hang.
 */
class VideoDeadlineTest {
    static final FfmpegBackend BACKEND = new FfmpegBackend();
    static final Duration DEADLINE = Duration.ofSeconds(2);
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void clip() {
        ExternalTools.assumeTool("ffmpeg");
        assertThat(BACKEND.unavailable()).isNull();
        clip = Clips.make(dir, "long.mp4", "640x360", 12, Clips.H264_AAC, "-g", "50");
    }

    /**
     * The deadline is made to pass mid-clip whatever the machine's speed: after frame 10 the progress listener (on
     * the encoding thread) waits until the budget's wall clock has run out, so each stage meets it at its next frame.
     */
    @Test
    void markingStopsAtTheDeadlineInEveryStage() {
        FileBudget budget = FileBudget.start(ReadLimits.defaults(), null, DEADLINE, 1 << 20);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Path out = dir.resolve("never.mp4");
        AtomicInteger encoded = new AtomicInteger();
        ProgressListener waitingPastTheDeadline = (stage, done, total) -> {
            encoded.set(done);
            if (done == 10) {
                sleepPast(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()) + 50_000_000));
            }
        };
        FrameMarker marker = FrameMarker.builder(TestMarks.KEY, TestMarks.PAYLOAD).build();
        try (FileBudget.Scope bound = budget.bind()) {
            assertThatThrownBy(() -> new VideoPipeline(BACKEND, waitingPastTheDeadline, ReadLimits.defaults())
                    .run(clip, out, marker, VideoPipeline.Options.everyFrame()))
                    .isInstanceOfSatisfying(BudgetExceededException.class,
                            e -> assertThat(e.limit()).isEqualTo(FileBudget.Limit.WALL_CLOCK));
        }
        long late = (System.nanoTime() - deadline) / 1_000_000;
        System.out.printf("VideoDeadlineTest: marking stopped %d ms after its deadline (50 ms of it asleep), "
                + "%d of 300 frames encoded%n", late, encoded.get());
        // 10 when the first frames took less than the deadline (the encoder stops at its next frame), fewer on a
        // machine too loaded to encode 10 frames in 2 s; never the rest of the clip.
        assertThat(encoded.get()).as("frames encoded").isBetween(1, 10);
        assertThat(late).as("ms after the deadline (hang guard, not a speed check)").isLessThan(30_000);
        assertThat(out).doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("aigc-video-"));
    }

    @Test
    void decodingForDetectionStopsAtTheDeadline() throws IOException {
        FileBudget budget = FileBudget.start(ReadLimits.defaults(), null, Duration.ofMillis(1), 1 << 20);
        try (MediaInput in = MediaInput.of(clip);
             FrameSource source = FrameSource.open(in, BACKEND, ReadLimits.defaults());
             FileBudget.Scope bound = budget.bind()) {
            sleepPast(Duration.ofMillis(5));
            assertThatThrownBy(source::next).isInstanceOf(BudgetExceededException.class);
        }
    }

    private static void sleepPast(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
