package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys' patterns kept between detections, at most {@code capacity} of them. A pattern holds ≈ 170 KB, nearly all
 * of it its two template spectra in float (measured 148–178 KB retained per pattern, 332 KB when they were
 * double), so the shared cache of {@value #CAPACITY} stays under ≈ 88 MB. A registry with more keys than that
 * still works: a miss costs ≈ 1 ms of CPU to rebuild the pattern, against 3–9 ms to sync one key on a 1080p image.
 * <p>
 * A full cache evicts one pattern at random. Not LRU and not clearing: a registry larger than the cache is scanned
 * key after key for every file, the access pattern where LRU (and clearing, which this replaced) keep nothing,
 * while random replacement keeps a share of hits. Thread-safe; hits take no lock.
 */
final class PatternCache {
    static final int CAPACITY = 512;

    private final Map<WatermarkKey, WatermarkPattern> patterns = new ConcurrentHashMap<>();
    /** The cached keys in insertion slots, so an eviction picks one in constant time. */
    private final WatermarkKey[] slots;
    private int filled;
    private long evictions;

    PatternCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.slots = new WatermarkKey[capacity];
    }

    WatermarkPattern get(WatermarkKey key) {
        WatermarkPattern cached = patterns.get(key);
        if (cached != null) {
            return cached;
        }
        WatermarkPattern built = new WatermarkPattern(key); // outside the lock: ≈ 1 ms
        return admit(key, built);
    }

    private synchronized WatermarkPattern admit(WatermarkKey key, WatermarkPattern pattern) {
        WatermarkPattern raced = patterns.get(key);
        if (raced != null) {
            return raced; // another thread built it meanwhile
        }
        int slot = filled;
        if (filled == slots.length) {
            slot = ThreadLocalRandom.current().nextInt(slots.length);
            patterns.remove(slots[slot]);
            evictions++;
        } else {
            filled++;
        }
        slots[slot] = key;
        patterns.put(key, pattern);
        return pattern;
    }

    /** The cached pattern of {@code key}, or null. */
    WatermarkPattern peek(WatermarkKey key) {
        return patterns.get(key);
    }

    int size() {
        return patterns.size();
    }

    synchronized long evictions() {
        return evictions;
    }
}
