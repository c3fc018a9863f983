package dev.aigcmark.core.bmff;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;

/**
 * Counts boxes and nesting against {@link ReadLimits}, so a hostile file with millions of tiny boxes or a
 * deeply nested tree ends with a clear error instead of a hang or a stack overflow. One budget per file walk;
 * going over also exceeds the file's {@link FileBudget} (its report names the limit), and every 256 boxes are
 * a checkpoint for the file's deadline.
 */
public final class BoxBudget {
    private static final int CHECK_EVERY = 256;
    private final int maxDepth;
    private final int maxCount;
    private final FileBudget file = FileBudget.current();
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
            file.exceed(FileBudget.Limit.DEPTH, "nests boxes deeper than the limit of " + maxDepth);
            throw new BmffFormatException("boxes nested deeper than the limit of " + maxDepth, true);
        }
    }

    void count() throws BmffFormatException {
        if (++count > maxCount) {
            file.exceed(FileBudget.Limit.BOX_COUNT, "has more than " + maxCount + " boxes");
            throw new BmffFormatException("more than " + maxCount + " boxes: over the box count limit", true);
        }
        if (count % CHECK_EVERY == 0) {
            try {
                file.checkpoint();
            } catch (BudgetExceededException e) {
                throw new BmffFormatException(e.getMessage(), true);
            }
        }
    }
}
