package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.io.BudgetExceededException;
import dev.aigcmark.core.io.FileBudget;

import dev.aigcmark.core.ReadLimits;

/**
 * Counts the units of one walk over a file's structure (ISO-BMFF boxes, EBML elements, RIFF chunks, items) and
 * their nesting against {@link ReadLimits#maxBoxCount()} and {@link ReadLimits#maxBoxDepth()}, so a file of
 * millions of tiny units or a deep tree ends with the limit's status code ({@code asset.limit.boxCount},
 * {@code asset.limit.depth}) instead of a hang, an OutOfMemoryError or a stack overflow. Going over exceeds the
 * file's {@link FileBudget} (sticky), and every 256 units are a checkpoint for its deadline, so a walk that is
 * cheap per unit still stops in time. One per walk; not thread-safe.
 */
public final class StructureBudget {
    private static final int CHECK_EVERY = 256;
    private final FileBudget file = FileBudget.current();
    private final int maxDepth;
    private final int maxCount;
    private final String units;
    private int count;

    /** A budget for a walk over {@code units} (plural, for messages: "boxes", "EBML elements"). */
    public StructureBudget(ReadLimits limits, String units) {
        this(limits.maxBoxDepth(), limits.maxBoxCount(), units);
    }

    public StructureBudget(int maxDepth, int maxCount, String units) {
        this.maxDepth = maxDepth;
        this.maxCount = maxCount;
        this.units = units;
    }

    /** Throws when a unit at {@code depth} (0 = top level) is nested deeper than the limit. */
    public void enter(int depth) throws BudgetExceededException {
        if (depth > maxDepth) {
            throw file.exceed(FileBudget.Limit.DEPTH, "has " + units + " nested deeper than the limit of " + maxDepth);
        }
    }

    /** Counts one more unit; throws past the count limit, or at a checkpoint past the deadline. */
    public void count() throws BudgetExceededException {
        add(1);
    }

    /**
     * Counts {@code n} units declared at once (an item table's entry count) before any is read, so a table
     * declaring millions is refused before its entries are allocated.
     */
    public void add(long n) throws BudgetExceededException {
        long before = count;
        if (n < 0 || n > maxCount - before) {
            throw file.exceed(FileBudget.Limit.BOX_COUNT, "has more than " + maxCount + " " + units + ", over the count limit");
        }
        count = (int) (before + n);
        if (before / CHECK_EVERY != count / CHECK_EVERY) {
            file.checkpoint();
        }
    }
}
