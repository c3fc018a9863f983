package dev.aigcmark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aigcmark.core.report.Status;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** JSON output of the commands other than verify (which uses ReportJson): insertion-ordered maps, indented. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + e.getMessage(), e);
        }
    }

    /** A status as ReportJson writes it (code, lower-case severity, message). */
    static Map<String, Object> status(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", s.code().id());
        m.put("severity", s.severity().name().toLowerCase(Locale.ROOT));
        m.put("message", s.message());
        return m;
    }
}
