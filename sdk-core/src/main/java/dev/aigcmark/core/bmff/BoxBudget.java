package dev.aigcmark.core.bmff;

import dev.aigcmark.core.ReadLimits;

/**
 * Counts boxes and nesting against {@link ReadLimits}, so a hostile file with millions of tiny boxes or a
 * deeply nested tree ends with a clear error instead of a hang or a stack overflow. One budget per file walk.
 */
public final class BoxBudget {
    private final int maxDepth;
    private final int maxCount;
    private int count;

    public BoxBudget(ReadLimits limits) {
        this(limits.maxBoxDepth(), limits.maxBoxCount());
    }

    public BoxBudget(int maxDepth, int maxCount) {
        this.maxDepth = maxDepth;
        this.maxCount = maxCount;
    }

    void enter(int depth) throws BmffFormatException {
        if (depth > maxDepth) {
            throw new BmffFormatException("boxes nested deeper than the limit of " + maxDepth, true);
        }
    }

    void count() throws BmffFormatException {
        if (++count > maxCount) {
            throw new BmffFormatException("more than " + maxCount + " boxes: over the box count limit", true);
        }
    }
}
