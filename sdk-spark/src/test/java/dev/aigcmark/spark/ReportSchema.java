package dev.aigcmark.spark;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/report.schema.json, the published form of {@code aigc verify --jsonl}'s lines, checked against rows. */
final class ReportSchema {
    private ReportSchema() {
    }

    static void assertValid(List<String> lines) throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("..", "docs", "report.schema.json")), InputFormat.JSON);
        for (String line : lines) {
            assertThat(schema.validate(line, InputFormat.JSON)).as(line).isEmpty();
        }
    }
}
