package dev.aigcmark.cli.robustness;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes the hostile-input suite deterministic: with the same clock and the same seeded random sources
 * (identity keys, signature nonces, ProduceID, C2PA ids and salts), marking a sample twice gives the same bytes,
 * in every format. Fails when some step draws from an unseeded source or stamps the current time.
 */
@Tag("robustness") // its own surefire execution (pom.xml): a -Dtest selection runs it there only
class ReproducibleMarkingTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void sameSeedsMarkToTheSameBytesInEveryFormat() throws Exception {
        for (Samples s : Samples.all()) {
            Path in = Files.createDirectories(dir.resolve(s.name())).resolve("sample." + s.extension);
            Files.write(in, s.make(in.getParent()));
            assertThat(s.make(in.getParent())).as("%s: the sample repeats (external tools run bit-exact)", s)
                    .isEqualTo(Files.readAllBytes(in));
            if (!s.writable()) {
                continue; // labelled by its producer; the SDK only reads it
            }
            byte[] first = markWithFreshContext(in, "first");
            byte[] second = markWithFreshContext(in, "second");
            assertThat(second).as("%s marked twice with the same seeds", s).isEqualTo(first);
        }
    }

    private byte[] markWithFreshContext(Path in, String run) throws Exception {
        SdkContext context = TestContexts.builder().clock(CLOCK)
                .random(TestSeed.randomSource("ReproducibleMarkingTest.marker"))
                .identity(IdentityStore.loadOrCreateDevelopment(in.getParent().resolve("home-" + run), CLOCK,
                        TestSeed.randomSource("ReproducibleMarkingTest.identity")))
                .build();
        Path out = in.resolveSibling(run + "-" + in.getFileName());
        new Marker(context).mark(in, out, MarkIntent.builder().c2pa(true).build());
        return Files.readAllBytes(out);
    }
}
