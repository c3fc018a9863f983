package dev.aigcmark.spark;

import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.VerificationReport;
import org.apache.spark.util.AccumulatorV2;

/**
 * The batch summary of a verification, counted in the tasks as they go and merged on the driver, so the summary
 * line (the one {@code aigc verify --jsonl} ends with) costs no second pass over the table. Spark merges the counts
 * of a successful task once, however often it ran: a retried task is not counted twice.
 */
final class SummaryAccumulator extends AccumulatorV2<VerificationReport, BatchSummary> {
    private static final long serialVersionUID = 1L;

    private BatchSummary summary = new BatchSummary();

    @Override
    public boolean isZero() {
        return summary.files() == 0;
    }

    @Override
    public AccumulatorV2<VerificationReport, BatchSummary> copy() {
        SummaryAccumulator copy = new SummaryAccumulator();
        copy.summary.merge(summary);
        return copy;
    }

    @Override
    public void reset() {
        summary = new BatchSummary();
    }

    @Override
    public void add(VerificationReport report) {
        summary.add(report);
    }

    @Override
    public void merge(AccumulatorV2<VerificationReport, BatchSummary> other) {
        summary.merge(other.value());
    }

    @Override
    public BatchSummary value() {
        return summary;
    }
}
