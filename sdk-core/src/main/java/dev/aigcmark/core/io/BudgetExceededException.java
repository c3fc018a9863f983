package dev.aigcmark.core.io;

import dev.aigcmark.core.report.StatusCode;

/**
 * A file went over one of its limits ({@link FileBudget}): its work ends, and its report is UNREADABLE with
 * {@link #statusCode()} naming the limit ({@code asset.timeout}, {@code asset.tooLarge}, {@code asset.limit.*}).
 */
public final class BudgetExceededException extends UnreadableInputException {
    private static final long serialVersionUID = 1L;
    private final transient FileBudget.Limit limit;

    BudgetExceededException(FileBudget.Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    public FileBudget.Limit limit() {
        return limit;
    }

    public StatusCode statusCode() {
        return limit.statusCode();
    }
}
