package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table tool survives one attack whose external tool times out or fails: that cell is recorded as failed with
 * the tool's reason and counts in no total, and every other cell of the run is measured (before, the first such
 * call ended an hour-long run with nothing written).
 */
class RobustnessTableFailureTest {

    @Test
    void aToolThatTimesOutOrFailsCostsItsCellNotTheRun() {
        ExternalTools.assumeTool("sleep");
        ExternalTools.assumeTool("false");
        Random rnd = TestSeed.random("RobustnessTableFailureTest.cover");
        BufferedImage image = TestImages.generate(6 * rnd.nextInt(1000) + 5, 480, 360); // a "mixed" cover
        Corpus.Cover cover = new Corpus.Cover("generated 480×360", false, () -> image);
        RealAttacks.Attack none = RealAttacks.named("none (PNG)").get(0);
        RealAttacks.Attack hangs = new RealAttacks.Attack("tool hangs", "test", (in, dir) -> {
            ExternalTools.run(List.of("sleep", "60"), null, 1).requireSuccess();
            return in;
        });
        RealAttacks.Attack fails = new RealAttacks.Attack("tool fails", "test", (in, dir) -> {
            ExternalTools.run("false").requireSuccess();
            return in;
        });
        RealAttacks.Attack after = new RealAttacks.Attack("none, after the failures", "none", (in, dir) -> in);

        RobustnessTable.Result r = RobustnessTable.run(List.of(cover), List.of(none, hangs, fails, after), 2);

        assertThat(r.cells()).hasSize(4);
        RobustnessTable.Cell timedOut = r.cell(cover.name(), "tool hangs");
        assertThat(timedOut.ran()).isFalse();
        assertThat(timedOut.exact()).isFalse();
        assertThat(timedOut.failure()).contains("timed out after 1 s").contains("sleep");
        assertThat(r.cell(cover.name(), "tool fails").failure()).contains("command failed with 1");
        for (String ran : List.of("none (PNG)", "none, after the failures")) {
            RobustnessTable.Cell c = r.cell(cover.name(), ran);
            assertThat(c.ran()).as(ran).isTrue();
            assertThat(c.exact()).as(ran).isTrue();
        }
        String md = RobustnessTable.markdown(r);
        assertThat(md).contains("| tool hangs | 0/0 | failed to run (below) |")
                .contains("**Exact payload: 2 of 2 cells (100.0 %).**")
                .contains("2 cell(s) failed to run")
                .contains("* generated 480×360 / tool hangs: timed out after 1 s");
    }
}
