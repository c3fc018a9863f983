package dev.aigcmark.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published report schema (docs/report.schema.json), loaded once, for any test that checks JSON output. */
final class ReportSchema {
    static final Path FILE = Path.of("..", "docs", "report.schema.json");
    private static final Schema SCHEMA = load();

    private ReportSchema() {
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE, StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<com.networknt.schema.Error> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    static void assertValid(String json) {
        assertThat(errors(json)).as(json.length() > 400 ? json.substring(0, 400) + "..." : json).isEmpty();
    }
}
