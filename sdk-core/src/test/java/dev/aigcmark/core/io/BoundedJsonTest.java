package dev.aigcmark.core.io;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.c2pa.cbor.Cbor;
import dev.aigcmark.core.trust.StoreFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON/CBOR token bounds and structure walks end a document of many tiny values with the limit's own code. */
class BoundedJsonTest {
    private static final ReadLimits SMALL = ReadLimits.defaults().toBuilder().maxJsonNodes(1000).build();

    /** A CBOR array of {@code n} zeros: one byte per value, the cheapest way to make a tree of many nodes. */
    private static byte[] cborZeros(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x9a); // array, 32-bit length
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return out.toByteArray();
    }

    @Test
    @SuppressWarnings("try")
    void aCborItemOfManyTinyValuesEndsAtTheJsonNodeLimitAndStaysEnded() {
        FileBudget budget = FileBudget.start(SMALL, Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000);
        try (FileBudget.Scope ignored = budget.bind()) {
            assertThatThrownBy(() -> Cbor.parse(cborZeros(5000))).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("1000 values in a CBOR item");
            assertThat(budget.exceeded()).get().extracting(e -> e.statusCode().id())
                    .isEqualTo("asset.limit.jsonNodes");
            assertThatThrownBy(budget::checkpoint).isSameAs(budget.exceeded().get());
        }
    }

    @Test
    @SuppressWarnings("try")
    void aDocumentWithinTheLimitReadsWhole() throws IOException {
        FileBudget budget = FileBudget.start(SMALL, Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000);
        try (FileBudget.Scope ignored = budget.bind()) {
            assertThat(Cbor.parse(cborZeros(900)).size()).isEqualTo(900);
        }
        assertThat(budget.exceeded()).isEmpty();
    }

    @Test
    void aStoreFileOverItsValueCountIsRefusedNamingTheFile() throws IOException {
        StringBuilder json = new StringBuilder("{\"a\":[");
        for (int i = 0; i < 2000; i++) {
            json.append(i == 0 ? "0" : ",0");
        }
        json.append("]}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StoreFiles.readJson(new ByteArrayInputStream(bytes), 1 << 20, 1000, "registry.json"))
                .isInstanceOf(IOException.class).isNotInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("registry.json").hasMessageContaining("1000 JSON values");
        assertThat(StoreFiles.readJson(new ByteArrayInputStream(bytes), 1 << 20, 3000, "registry.json")
                .get("a").size()).isEqualTo(2000);
    }

    @Test
    @SuppressWarnings("try")
    void aStructureWalkEndsAtItsCountOrDepthWithTheLimitsCode() throws Exception {
        FileBudget budget = FileBudget.start(ReadLimits.defaults(), Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000);
        try (FileBudget.Scope ignored = budget.bind()) {
            StructureBudget walk = new StructureBudget(4, 100, "EBML elements");
            walk.enter(4);
            walk.add(99);
            walk.count();
            assertThatThrownBy(walk::count).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("more than 100 EBML elements");
            assertThat(budget.exceeded()).get().extracting(e -> e.statusCode().id())
                    .isEqualTo("asset.limit.boxCount");
        }
        FileBudget deep = FileBudget.start(ReadLimits.defaults(), Duration.ofMinutes(5), Duration.ofMinutes(5), 10_000);
        try (FileBudget.Scope ignored = deep.bind()) {
            StructureBudget walk = new StructureBudget(4, 100, "boxes");
            assertThatThrownBy(() -> walk.enter(5)).isInstanceOf(BudgetExceededException.class);
            assertThat(deep.exceeded()).get().extracting(e -> e.statusCode().id())
                    .isEqualTo("asset.limit.depth");
            StructureBudget table = new StructureBudget(4, 100, "items");
            assertThatThrownBy(() -> table.add(Long.MAX_VALUE)).isInstanceOf(BudgetExceededException.class);
        }
    }
}
