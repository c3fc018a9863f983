package dev.aigcmark.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limit options every command line offers: each sets its own limit, and only that one. */
class ReadLimitOptionTest {
    private static final ReadLimits DEFAULTS = ReadLimits.defaults();

    @Test
    void eachOptionSetsOneLimitAndOnlyIt() {
        Set<ReadLimits> seen = new HashSet<>();
        for (ReadLimitOption o : ReadLimitOption.values()) {
            String value = switch (o.unit()) {
                case DURATION -> "7s";
                case SIZE -> "3M";
                case COUNT -> "7";
            };
            ReadLimits verifying = o.applyTo(DEFAULTS, value, false);
            ReadLimits marking = o.applyTo(DEFAULTS, value, true);
            assertThat(verifying).as(o + " changes a limit").isNotEqualTo(DEFAULTS);
            assertThat(seen.add(verifying)).as(o + " sets a limit no other option sets").isTrue();
            if (o.unit() == ReadLimitOption.Unit.DURATION) {
                assertThat(marking).as(o + ": marking's clock, not verifying's").isNotEqualTo(verifying);
            } else {
                assertThat(marking).as(o + ": no clock, the same either way").isEqualTo(verifying);
            }
        }
        assertThat(ReadLimitOption.CPU_TIMEOUT.applyTo(DEFAULTS, "7s", true).markCpuTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(ReadLimitOption.MAX_IN_MEMORY.applyTo(DEFAULTS, "3M", false).maxInMemoryBytes()).isEqualTo(3L << 20);
        assertThat(ReadLimitOption.MAX_PIXELS.applyTo(DEFAULTS, "7", false).maxPixels()).isEqualTo(7);
    }

    @Test
    void namesAreUniqueAndLookLikeOptions() {
        Set<String> names = new HashSet<>();
        for (ReadLimitOption o : ReadLimitOption.values()) {
            for (String name : o.names()) {
                assertThat(name).startsWith("--");
                assertThat(names.add(name)).as(name).isTrue();
            }
            assertThat(o.description()).contains("default");
        }
    }

    @Test
    void malformedOrOutOfRangeValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ReadLimitOption.MAX_DEPTH.check("0")).hasMessageContaining("not a positive count");
        assertThatThrownBy(() -> ReadLimitOption.MAX_PIXELS.check("50M")).as("pixels are counted, not sized")
                .hasMessageContaining("not a positive count");
        assertThatThrownBy(() -> ReadLimitOption.MAX_IN_MEMORY.check("lots")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ReadLimitOption.WALL_TIMEOUT.check("0s")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ReadLimitOption.CPU_TIMEOUT.applyTo(DEFAULTS, "25h", false))
                .hasMessageContaining("--cpu-timeout").hasMessageContaining("24h");
        assertThatThrownBy(() -> ReadLimitOption.MAX_BOXES.applyTo(DEFAULTS, "3000000000", false))
                .hasMessageContaining("more than");
    }
}
