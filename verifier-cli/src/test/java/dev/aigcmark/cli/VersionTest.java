package dev.aigcmark.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * aigc --version names what an operator needs to tell installations apart: the version Maven built, the
 * commit and the reproducible build date (filled in by the build, never left as placeholders), the Java
 * runtime, and which media kinds this installation handles.
 */
class VersionTest {

    @Test
    void printsVersionCommitBuildDateRuntimeAndMediaKinds() {
        CliRun r = CliRun.run("--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).matches("aigc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        // The build runs inside a git checkout, so the commit is known; the date is project.build.outputTimestamp.
        assertThat(lines[1]).matches(Pattern.compile("commit [0-9a-f]{12}, built \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"));
        assertThat(lines[2]).startsWith("java " + System.getProperty("java.runtime.version"));
        assertThat(r.out()).doesNotContain("${")
                .containsPattern("(?m)^image: .*jpeg")
                .containsPattern("(?m)^video: .*mp4")
                .containsPattern("(?m)^audio: .*wav")
                .containsPattern("(?m)^text: .*markdown");
    }
}
