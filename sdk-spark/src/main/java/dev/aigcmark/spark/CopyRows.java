package dev.aigcmark.spark;

import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.VerificationReport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;

/**
 * One row per input of a mark or propagate job: where its copy is, what happened ({@link CopyStatus}), the label
 * written, the SDK's steps, and for propagation the reports of the file as received and as written (each the line
 * {@code aigc verify --jsonl} prints, {@code file} being the Hadoop path).
 */
public final class CopyRows {

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("file", DataTypes.StringType, false),
            DataTypes.createStructField("output", DataTypes.StringType, true),
            DataTypes.createStructField("size", DataTypes.LongType, true),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("format", DataTypes.StringType, true),
            DataTypes.createStructField("label", DataTypes.StringType, true),
            DataTypes.createStructField("produceId", DataTypes.StringType, true),
            DataTypes.createStructField("propagateId", DataTypes.StringType, true),
            DataTypes.createStructField("steps", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("error", DataTypes.StringType, true),
            DataTypes.createStructField("durationMs", DataTypes.LongType, false),
            DataTypes.createStructField("received", DataTypes.StringType, true),
            DataTypes.createStructField("result", DataTypes.StringType, true)});

    private CopyRows() {
    }

    /** The row under construction for one file. */
    static final class Builder {
        private final String file;
        private final long start = System.nanoTime();
        private String output;
        private Long size;
        private String format;
        private String label;
        private String produceId;
        private String propagateId;
        private List<String> steps = List.of();
        private String received;
        private String result;

        Builder(String file, Long size) {
            this.file = file;
            this.size = size;
        }

        Builder output(String target) {
            this.output = target;
            return this;
        }

        Builder size(long bytes) {
            this.size = bytes;
            return this;
        }

        Builder written(String format, String label, String produceId, String propagateId, List<String> steps) {
            this.format = format;
            this.label = label;
            this.produceId = produceId;
            this.propagateId = propagateId;
            this.steps = steps;
            return this;
        }

        /** The report of the file as received; {@code name} replaces the local spool path it was read from. */
        Builder received(VerificationReport report, String name) {
            this.received = line(report, name);
            this.format = report.format();
            return this;
        }

        Builder result(VerificationReport report, String name) {
            this.result = line(report, name);
            return this;
        }

        Row status(CopyStatus status, String error) {
            return RowFactory.create(file, output, size, status.name(), format, label, produceId, propagateId,
                    steps.toArray(new String[0]), error, (System.nanoTime() - start) / 1_000_000, received, result);
        }

        private static String line(VerificationReport report, String name) {
            Map<String, Object> json = ReportJson.toMap(report);
            json.put("file", name);
            return ReportJson.toJsonLine(json);
        }
    }
}
