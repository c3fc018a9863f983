package dev.aigcmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.TestContexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** aigc formats lists every handler on the class path with what it can write, and every codec. */
class FormatsCommandTest {

    @Test
    void listsEveryHandlerWithItsCapabilities() throws Exception {
        CliRun r = CliRun.run("formats", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        SdkContext context = TestContexts.defaults();
        assertThat(json.get("handlers")).hasSize(context.handlers().size());
        assertThat(json.get("codecs")).hasSize(context.codecs().size());
        for (JsonNode h : json.get("handlers")) {
            FormatHandler handler = context.handler(h.get("id").asText()).orElseThrow();
            assertThat(h.get("writesLabel").asBoolean()).isEqualTo(handler instanceof LabelWriter);
            assertThat(h.get("writesC2pa").asBoolean()).isEqualTo(handler instanceof C2paEmbedding);
        }
        assertThat(json.toString()).contains("\"markdown\"");
        for (String id : new String[] {"heif", "avif", "jxl", "mkv", "webm", "avi", "flv"}) {
            JsonNode h = handler(json, id);
            assertThat(h.get("labelCarriers")).as(id).isNotEmpty();
            assertThat(h.get("labelCarriers").get(0).get("placement").asText()).as(id).isEqualTo("standard");
        }
        assertThat(handler(json, "jpeg").get("labelCarriers").toString()).contains("AIGC{...}").contains("ImageDescription");

        CliRun text = CliRun.run("formats");
        assertThat(text.out()).contains("FORMAT").contains("markdown").contains("text/markdown").contains("gb45438")
                .contains("Segment/Tags/Tag/SimpleTag AIGC").contains("tolerated");
    }

    private static JsonNode handler(JsonNode json, String id) {
        for (JsonNode h : json.get("handlers")) {
            if (h.get("id").asText().equals(id)) {
                return h;
            }
        }
        throw new AssertionError("no handler " + id + " in " + json);
    }
}
