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
class PatternCacheTest {
    @Test
    void aRegistryLargerThanTheCacheEvictsOnePatternPerMissAndKeepsTheRest() {
        int capacity = 8;
        PatternCache cache = new PatternCache(capacity);
        List<WatermarkKey> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(new WatermarkKey(i, ("pattern-cache-test-key-" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        List<WatermarkPattern> built = new ArrayList<>();
        for (WatermarkKey k : keys) {
            built.add(cache.get(k));
        }
        assertThat(cache.size()).isEqualTo(capacity);
        assertThat(cache.evictions()).isEqualTo(keys.size() - capacity); // one per miss past the free slots
        int kept = 0;
        for (int i = 0; i < keys.size(); i++) {
            WatermarkPattern cached = cache.peek(keys.get(i));
            if (cached != null) {
                assertThat(cached).isSameAs(built.get(i));
                kept++;
            }
        }
        assertThat(kept).isEqualTo(capacity); // nothing cleared: a full cache of this registry's patterns
        // the last key is always cached, and a hit returns the cached pattern, not a rebuilt one
        assertThat(cache.get(keys.get(keys.size() - 1))).isSameAs(built.get(keys.size() - 1));
        assertThat(cache.evictions()).isEqualTo(keys.size() - capacity);
    }
}
