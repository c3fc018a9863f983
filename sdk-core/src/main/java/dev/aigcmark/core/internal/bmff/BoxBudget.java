package dev.aigcmark.core.internal.bmff;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.internal.io.StructureBudget;

/**
 * Counts boxes and nesting against {@link ReadLimits} ({@link StructureBudget}), so a hostile file with millions
 * of tiny boxes or a deeply nested tree ends with a clear error instead of a hang or a stack overflow. One budget
 * per file walk; going over also exceeds the file's budget (its report names the limit), and every 256 boxes are
 * a checkpoint for the file's deadline. Failures come as {@link BmffFormatException}s, as the box readers' do.
 */
public final class BoxBudget {
    private final StructureBudget structure;

    public BoxBudget(ReadLimits limits) {
        this(limits.maxBoxDepth(), limits.maxBoxCount());
    }

    public BoxBudget(int maxDepth, int maxCount) {
        this.structure = new StructureBudget(maxDepth, maxCount, "boxes");
    }

    void enter(int depth) throws BmffFormatException {
        try {
            structure.enter(depth);
        } catch (BudgetExceededException e) {
            throw new BmffFormatException(e.getMessage(), true);
        }
    }

    void count() throws BmffFormatException {
        try {
            structure.count();
        } catch (BudgetExceededException e) {
            throw new BmffFormatException(e.getMessage(), true);
        }
    }
}
