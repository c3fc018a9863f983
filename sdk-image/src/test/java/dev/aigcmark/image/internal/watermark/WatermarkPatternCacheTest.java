package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern cache stays bounded for a registry larger than it, and keeps what it holds instead of clearing
 * itself (which made every key of a registry past the bound rebuild its pattern for every file).
 */
class WatermarkPatternCacheTest {
    @Test
    void aRegistryLargerThanTheCacheEvictsOnePatternPerMissAndKeepsTheRest() {
        int extra = 100;
        List<WatermarkKey> keys = new ArrayList<>();
        for (int i = 0; i < WatermarkPattern.CAPACITY + extra; i++) {
            keys.add(new WatermarkKey(i & 0xFFFF, ("pattern-cache-test-key-" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        long evictedBefore = WatermarkPattern.evictions();
        int cachedBefore = WatermarkPattern.cached();
        List<WatermarkPattern> built = new ArrayList<>();
        for (WatermarkKey k : keys) {
            built.add(WatermarkPattern.of(k));
        }
        assertThat(WatermarkPattern.cached()).isEqualTo(WatermarkPattern.CAPACITY);
        // every key was new: each one past the free slots evicted exactly one pattern
        assertThat(WatermarkPattern.evictions() - evictedBefore)
                .isEqualTo(keys.size() - (WatermarkPattern.CAPACITY - cachedBefore));
        int kept = 0;
        for (int i = 0; i < keys.size(); i++) {
            WatermarkPattern cached = WatermarkPattern.cachedOrNull(keys.get(i));
            if (cached != null) {
                assertThat(cached).isSameAs(built.get(i));
                kept++;
            }
        }
        // the whole cache is this registry's: nothing was cleared, only single patterns replaced
        assertThat(kept).isEqualTo(WatermarkPattern.CAPACITY);
        // a hit returns the cached pattern, not a rebuilt one
        WatermarkKey last = keys.get(keys.size() - 1);
        assertThat(WatermarkPattern.of(last)).isSameAs(built.get(keys.size() - 1));
    }
}
