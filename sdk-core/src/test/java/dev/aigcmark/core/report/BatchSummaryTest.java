package dev.aigcmark.core.report;

import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.mark.ImplicitLabel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSummaryTest {

    static final ImplicitLabel LABEL = new ImplicitLabel(new AigcLabel("1", "", "id", "", "", "", ""), "XMP", false, List.of());

    static final List<VerificationReport> BATCH = List.of(
            VerificationReport.builder("clean.png").format("png").build(),
            VerificationReport.unreadable("junk.bin", null, "unrecognised"),
            VerificationReport.builder("cut.png").format("png")
                    .diagnostic(Status.failure(StatusCodes.ASSET_TRUNCATED, "IHDR runs past the end")).build(),
            VerificationReport.builder("ok.jpg").format("jpeg")
                    .mark(new MarkFinding(LABEL, TrustState.VALID, null, List.of())).build(),
            VerificationReport.builder("forged.jpg").format("jpeg")
                    .mark(new MarkFinding(LABEL, TrustState.INVALID, null,
                            List.of(Status.failure(StatusCodes.SIG_PRODUCER_MISMATCH, "bad")))).build());

    @Test
    void outcomeCountsDamagedFilesWithoutMarksAsUnreadable() {
        assertThat(BATCH.stream().map(BatchSummary::stateOf).toList())
                .containsExactly("NONE", "UNREADABLE", "UNREADABLE", "VALID", "INVALID");
    }

    @Test
    void partsCountedApartAndMergedEqualTheWholeBatch() throws Exception {
        BatchSummary whole = new BatchSummary();
        BATCH.forEach(whole::add);
        BatchSummary first = new BatchSummary();
        BATCH.subList(0, 2).forEach(first::add);
        BatchSummary second = new BatchSummary();
        BATCH.subList(2, BATCH.size()).forEach(second::add);

        BatchSummary merged = roundTrip(new BatchSummary());
        merged.merge(roundTrip(first));
        merged.merge(roundTrip(second));

        assertThat(ReportJson.toJsonLine(merged.toMap())).isEqualTo(ReportJson.toJsonLine(whole.toMap()));
        assertThat(merged.files()).isEqualTo(5);
        assertThat(merged.exitCode()).as("the forged label dominates").isEqualTo(ExitCodes.FAILED);
        assertThat(first.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(new BatchSummary().exitCode()).as("an empty batch vouches for nothing").isEqualTo(ExitCodes.NO_MARKS);
    }

    @Test
    void summaryRecordIsTheLastJsonlLine() {
        BatchSummary s = new BatchSummary();
        BATCH.forEach(s::add);
        assertThat(ReportJson.toJsonLine(ReportJson.batchSummaryRecord(s, s.exitCode())))
                .startsWith("{\"schemaVersion\":1,\"exitCode\":1,\"summary\":{\"NONE\":1,\"INVALID\":1,\"VALID\":1,"
                        + "\"TRUSTED\":0,\"UNREADABLE\":2,\"files\":5,");
    }

    /** Through Java serialization, as Spark ships a task's summary to the driver. */
    private static BatchSummary roundTrip(BatchSummary s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (BatchSummary) in.readObject();
        }
    }
}
