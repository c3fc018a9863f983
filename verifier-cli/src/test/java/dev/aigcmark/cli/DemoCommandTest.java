package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** aigc demo: the README's first command, end to end on whatever formats this build has. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoMarksAndVerifiesEverySampleWithAFreshDevelopmentIdentity() throws Exception {
        Path home = dir.resolve("home");
        Path samples = dir.resolve("samples");
        CliRun r = CliRun.run("demo", "--home", home.toString(), "--dir", samples.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("created a development identity");
        assertThat(r.out()).contains("development identity, not trusted")
                .contains("marked ").contains(": VALID (markdown)");
        assertThat(samples.resolve("original/sample.md")).exists();
        assertThat(samples.resolve("marked/sample.md")).exists();
        assertThat(Files.readString(samples.resolve("marked/sample.md"))).contains("AIGC");
        assertThat(r.out()).doesNotContain("NOT MARKED").doesNotContain("INVALID");
        // Every marked sample gets a report; the summary counts them all.
        long reports = r.out().lines().filter(l -> l.startsWith(samples.resolve("marked").toString())).count();
        assertThat(r.out()).contains("demo: " + reports + " of " + reports + " samples marked and verified");
        // No sample is skipped whose format a loaded handler can write.
        SdkContext context = TestContexts.defaults();
        for (DemoSamples sample : DemoSamples.all()) {
            boolean writable = context.handlers().stream().anyMatch(h -> h.extensions().contains(sample.extension())
                    && (h instanceof LabelWriter || h instanceof ContentMarker));
            if (writable) {
                assertThat(samples.resolve("marked").resolve(sample.fileName())).as(sample.name()).exists();
            }
        }
    }
}
