package dev.aigcmark.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-file inputs a platform's job gives besides the file: its own id for each upload (the {@code produceId}
 * column when marking, {@code propagateId} when propagating) lands in the label exactly as given and survives
 * propagation, an id the label cannot carry refuses only its own file, and the job's {@link VerifySettings#limits()}
 * are the ones every executor applies.
 */
class SparkContentIdTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestArchive platforms;
    static SparkSession spark;
    static VerifySettings trust;

    @BeforeAll
    static void platforms() throws IOException {
        platforms = TestArchive.platforms(dir);
        spark = SparkSessions.local();
        trust = VerifySettings.builder().trust(TrustRegistryJson.read(platforms.registry)).limits(TestContexts.LIMITS)
                .build();
    }

    @Test
    void theInputsIdsAreWrittenAsGivenAndABadOneRefusesOnlyItsFile() throws IOException {
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        Random random = TestSeed.random("SparkContentIdTest.texts");
        List<Path> files = new ArrayList<>();
        for (String name : List.of("given.txt", "generated.txt", "bad.txt")) {
            files.add(Files.writeString(uploads.resolve(name), TestArchive.text(random), StandardCharsets.UTF_8));
        }
        StructType withIds = FileListing.SCHEMA.add(InputColumns.PRODUCE_ID, DataTypes.StringType, true);
        Dataset<Row> input = spark.createDataFrame(List.of(
                row(files.get(0), "upload-0001"), row(files.get(1), null), row(files.get(2), "has a space")), withIds);
        Path marked = dir.resolve("marked");
        Map<String, Row> rows = copy(MarkSettings.mark().build(), input, uploads, marked);

        Row given = rows.get("given.txt");
        assertThat(given.<String>getAs("status")).isEqualTo(CopyStatus.WRITTEN.name());
        assertThat(given.<String>getAs("produceId")).isEqualTo("upload-0001");
        Row generated = rows.get("generated.txt");
        assertThat(generated.<String>getAs("status")).isEqualTo(CopyStatus.WRITTEN.name());
        assertThat(generated.<String>getAs("produceId")).as("an empty cell: a generated id").isNotBlank()
                .isNotEqualTo("upload-0001");
        Row bad = rows.get("bad.txt");
        assertThat(bad.<String>getAs("status")).isEqualTo(CopyStatus.REFUSED.name());
        assertThat(bad.<String>getAs("error")).contains("produceId");
        assertThat(marked.resolve("bad.txt")).doesNotExist();

        JsonNode label = implicitLabel(verify(marked.resolve("given.txt")));
        assertThat(label.get("state").asText()).isEqualTo("TRUSTED");
        assertThat(label.at("/fields/ProduceID").asText()).isEqualTo("upload-0001");

        // Another platform step (here the same identity) propagates it with its own id for the share.
        StructType propagateIds = FileListing.SCHEMA.add(InputColumns.PROPAGATE_ID, DataTypes.StringType, true);
        Path shared = dir.resolve("shared");
        Map<String, Row> propagated = copy(MarkSettings.propagate().build(),
                spark.createDataFrame(List.of(row(marked.resolve("given.txt"), "share-77")), propagateIds), marked, shared);
        Row share = propagated.get("given.txt");
        assertThat(share.<String>getAs("status")).isEqualTo(CopyStatus.WRITTEN.name());
        assertThat(share.<String>getAs("propagateId")).isEqualTo("share-77");
        JsonNode relabelled = implicitLabel(verify(shared.resolve("given.txt")));
        assertThat(relabelled.at("/fields/PropagateID").asText()).isEqualTo("share-77");
        assertThat(relabelled.at("/fields/ProduceID").asText()).as("the producer's id is kept").isEqualTo("upload-0001");
    }

    @Test
    void anotherIdentityFolderOfTheSameNameMarksInTheSameSession() throws IOException {
        // Spark refuses to ship a second, different file under a name it shipped before in the session: a second
        // platform home also called home-a must still work (a notebook marks for two platforms).
        copy(MarkSettings.mark().build(), input("first.txt", null), dir.resolve("in-first"), dir.resolve("out-first"));
        TestArchive other = TestArchive.platforms(Files.createDirectories(dir.resolve("other")));
        assertThat(other.platformHome.getFileName()).isEqualTo(platforms.platformHome.getFileName());
        Path in = dir.resolve("in-second");
        Map<String, Row> rows = copy(MarkSettings.mark().build(), input("second.txt", in, "second-0002"), in,
                dir.resolve("out-second"), other);
        assertThat(rows.get("second.txt").<String>getAs("status")).isEqualTo(CopyStatus.WRITTEN.name());
        JsonNode report = JSON.readTree(TestArchive.cli("verify", "--json", "--home", other.verifierHome.toString(),
                dir.resolve("out-second").resolve("second.txt").toString())).get("reports").get(0);
        assertThat(implicitLabel(report).get("state").asText()).as("signed with the second identity").isEqualTo("TRUSTED");
        assertThat(implicitLabel(report).at("/fields/ProduceID").asText()).isEqualTo("second-0002");
    }

    @Test
    void theJobsLimitsAreTheOnesEveryExecutorApplies() throws IOException {
        Path picture = Files.write(Files.createDirectories(dir.resolve("limits")).resolve("p.png"),
                TestArchive.encode(TestArchive.image(400, 300, 7), "png"));
        Dataset<Row> input = spark.createDataFrame(
                List.of(RowFactory.create(picture.toUri().toString(), Files.size(picture))), FileListing.SCHEMA);
        VerifySettings tight = VerifySettings.builder()
                .limits(TestContexts.LIMITS.toBuilder().maxPixels(100_000).build()).build();

        Row refused = new SparkVerifier(spark, tight).verify(input).rows().collectAsList().get(0);
        assertThat(refused.<String>getAs("outcome")).isEqualTo("UNREADABLE");
        assertThat(refused.<String>getList(refused.fieldIndex("codes"))).contains("asset.tooLarge");

        Row read = new SparkVerifier(spark, trust).verify(input).rows().collectAsList().get(0);
        assertThat(read.<String>getList(read.fieldIndex("codes"))).doesNotContain("asset.tooLarge");
        assertThat(read.<String>getAs("outcome")).isEqualTo("NONE");
    }

    private static Row row(Path file, String id) throws IOException {
        return RowFactory.create(file.toUri().toString(), Files.size(file), id);
    }

    /** One new text file {@code name} in {@code folder}, as a one-row input with a {@code produceId}. */
    private static Dataset<Row> input(String name, Path folder, String produceId) throws IOException {
        Path file = Files.writeString(Files.createDirectories(folder).resolve(name),
                TestArchive.text(TestSeed.random("SparkContentIdTest." + name)), StandardCharsets.UTF_8);
        return spark.createDataFrame(List.of(row(file, produceId)),
                FileListing.SCHEMA.add(InputColumns.PRODUCE_ID, DataTypes.StringType, true));
    }

    private static Dataset<Row> input(String name, String produceId) throws IOException {
        return input(name, dir.resolve("in-first"), produceId);
    }

    /** The job's rows by input file name. */
    private static Map<String, Row> copy(MarkSettings settings, Dataset<Row> input, Path base, Path output)
            throws IOException {
        return copy(settings, input, base, output, platforms);
    }

    private static Map<String, Row> copy(MarkSettings settings, Dataset<Row> input, Path base, Path output,
                                         TestArchive identity) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        try (SparkMarker.Marking marking = new SparkMarker(spark, settings, trust, identity.platformHome.toString(),
                FileListener.NONE).mark(input, base.toUri().toString(), output.toUri().toString())) {
            for (Row r : marking.rows().collectAsList()) {
                rows.put(Path.of(URI.create(r.<String>getAs("file"))).getFileName().toString(), r);
            }
        }
        return rows;
    }

    private static JsonNode verify(Path file) throws IOException {
        return JSON.readTree(TestArchive.cli("verify", "--json", "--home", platforms.verifierHome.toString(),
                file.toString())).get("reports").get(0);
    }

    private static JsonNode implicitLabel(JsonNode report) {
        for (JsonNode mark : report.get("marks")) {
            if (mark.get("kind").asText().equals("implicitLabel")) {
                return mark;
            }
        }
        throw new AssertionError("no implicit label in " + report);
    }
}
