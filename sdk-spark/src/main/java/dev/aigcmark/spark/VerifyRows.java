package dev.aigcmark.spark;

import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.VerificationReport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One row per verified file. The columns a query filters on are typed (what {@code aigc verify --jsonl} reports at
 * the top level, the marks' kinds and states, every status code); {@code report} is the file's whole report, the
 * very line {@code aigc verify --jsonl} prints for it (sdk-core's {@link ReportJson}, never a copy of it), so
 * nothing a report says is lost to the table. {@code file} is the Hadoop path as listed ({@code hdfs://...},
 * {@code s3a://...}, {@code file:/...}), in the report too. Only {@code durationMs} changes from run to run.
 */
public final class VerifyRows {

    public static final StructType MARK = new StructType(new StructField[]{
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("carrier", DataTypes.StringType, true),
            DataTypes.createStructField("state", DataTypes.StringType, false),
            DataTypes.createStructField("signer", DataTypes.StringType, true)});

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("size", DataTypes.LongType, true),
            DataTypes.createStructField("format", DataTypes.StringType, true),
            // The report's state (NONE, INVALID, VALID, TRUSTED), as in the JSON.
            DataTypes.createStructField("state", DataTypes.StringType, false),
            // What the batch summary counts the file as: the state, or UNREADABLE (exit 4).
            DataTypes.createStructField("outcome", DataTypes.StringType, false),
            DataTypes.createStructField("exitCode", DataTypes.IntegerType, false),
            DataTypes.createStructField("effectiveLabel", DataTypes.StringType, true),
            DataTypes.createStructField("marks", DataTypes.createArrayType(MARK, false), false),
            // Every status code in the report (marks, cross-checks, diagnostics), each once, in report order.
            DataTypes.createStructField("codes", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("failureCodes", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("error", DataTypes.StringType, true),
            DataTypes.createStructField("durationMs", DataTypes.LongType, false),
            DataTypes.createStructField("report", DataTypes.StringType, false)});

    /** The column holding the report line, which is what the JSON Lines form of the table writes. */
    public static final String REPORT = "report";

    private VerifyRows() {
    }

    static Row row(String file, Long size, VerificationReport report, long durationMs) {
        Map<String, Object> json = ReportJson.toMap(report);
        json.put("file", file);
        // Arrays rather than Lists: every Spark encoder path accepts them.
        Row[] marks = new Row[report.marks().size()];
        for (int i = 0; i < marks.length; i++) {
            MarkFinding f = report.marks().get(i);
            marks[i] = RowFactory.create(f.mark().kind(), f.mark().carrier(), f.state().name(), f.signer());
        }
        return RowFactory.create(file, size, report.format(), report.state().name(), BatchSummary.stateOf(report),
                json.get("exitCode"), json.get("effectiveLabel"), marks, codes(report),
                report.failureCodes().stream().map(StatusCode::id).toArray(String[]::new), report.unreadableReason().orElse(null), durationMs,
                ReportJson.toJsonLine(json));
    }

    private static String[] codes(VerificationReport report) {
        Set<String> codes = new LinkedHashSet<>();
        report.marks().forEach(f -> f.statuses().forEach(s -> codes.add(s.code().id())));
        report.crossChecks().forEach(s -> codes.add(s.code().id()));
        report.diagnostics().forEach(s -> codes.add(s.code().id()));
        return codes.toArray(new String[0]);
    }
}
