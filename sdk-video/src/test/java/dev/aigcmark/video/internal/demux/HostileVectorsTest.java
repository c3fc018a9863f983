package dev.aigcmark.video.internal.demux;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.testing.DevelopmentContexts;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The movies in {@code ../shared/vectors/hostile} that once hung {@code aigc verify}: with an identity configured
 * (so the video watermark codec decodes frames) verification ends with a report. The MOV with random bytes in
 * {@code moov} ran past 30 s in jcodec's box parser; our demuxer reads its sample tables and jcodec gets NAL
 * units only.
 */
class HostileVectorsTest {
    @TempDir
    Path home;

    @Test
    void everyHostileMovieEndsWithAReport() throws IOException {
        Path hostile = SharedFiles.assumeVectors("hostile");
        List<Path> movies;
        try (Stream<Path> files = Files.list(hostile)) {
            movies = files.filter(p -> p.toString().matches(".*\\.(mov|mp4|m4v)$")).sorted().toList();
        }
        assertThat(movies).as("the MOV that hung jcodec").anySatisfy(p ->
                assertThat(p.getFileName().toString()).isEqualTo("mov-random-bytes-hang.mov"));
        SdkContext context = DevelopmentContexts.marking(home);
        for (Path movie : movies) {
            VerificationReport report = assertTimeoutPreemptively(Duration.ofSeconds(90),
                    () -> new Verifier(context).verify(movie), movie.getFileName() + " did not end");
            assertThat(report).as(movie.getFileName().toString()).isNotNull();
            if (movie.getFileName().toString().equals("mov-random-bytes-hang.mov")) {
                // Its sample tables are intact: the frames decode, they are just not ours to mark.
                assertThat(report.diagnostics()).noneSatisfy(s -> assertThat(s.code()).isEqualTo(StatusCodes.WM_VIDEO_UNDECODABLE));
            }
        }
    }
}
