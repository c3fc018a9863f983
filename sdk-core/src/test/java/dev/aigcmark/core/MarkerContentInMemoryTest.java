package dev.aigcmark.core;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content step of a file small enough ({@link Marker#CONTENT_IN_MEMORY}, {@link ReadLimits#maxInMemoryBytes()})
 * is written to memory, not to a scratch file beside the target; a larger file's still goes through a scratch file.
 * Video and sound never (their re-encoded output is not bounded by the input). The marked file is the same either
 * way. A probe handler counts the temporary files beside the target while its content step runs: the output's own,
 * and a scratch file where one is used.
 */
class MarkerContentInMemoryTest {
    private static final byte[] CONTENT = "PROBE picture bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aSmallFilesContentStepWritesNoScratchFile() throws IOException {
        Probe probe = new Probe();
        Path out = mark(probe, DevelopmentContexts.marking(dir.resolve("home")));

        assertThat(probe.temporaryFilesDuringContentStep).containsExactly(1); // the output's own temporary file
        assertMarked(out);
    }

    @Test
    void aFileOverTheMemoryBoundGoesThroughAScratchFile() throws IOException {
        Probe probe = new Probe();
        SdkContext context = DevelopmentContexts.marking(dir.resolve("home"));
        context = context.toBuilder().limits(context.limits().toBuilder().maxInMemoryBytes(CONTENT.length - 1).build())
                .build();
        Path out = mark(probe, context);

        assertThat(probe.temporaryFilesDuringContentStep).containsExactly(2); // the output's and the scratch file
        assertMarked(out);
    }

    /** Video and sound re-encode, and their output may be many times the input: never held in memory. */
    @Test
    void aSmallVideosContentStepStillGoesThroughAScratchFile() throws IOException {
        Probe probe = new Probe("video/x-probe");
        Path out = mark(probe, DevelopmentContexts.marking(dir.resolve("home")));

        assertThat(probe.temporaryFilesDuringContentStep).containsExactly(2); // the output's and the scratch file
        assertMarked(out);
    }

    @Test
    void aSmallSoundsContentStepStillGoesThroughAScratchFile() throws IOException {
        Probe probe = new Probe("audio/x-probe");
        mark(probe, DevelopmentContexts.marking(dir.resolve("home")));

        assertThat(probe.temporaryFilesDuringContentStep).containsExactly(2);
    }

    private Path mark(Probe probe, SdkContext context) throws IOException {
        Path in = Files.write(dir.resolve("in.probe"), CONTENT);
        Path out = dir.resolve("out.probe");
        probe.folder = dir;
        MarkResult result = new Marker(context.toBuilder().handlers(List.of(probe)).build())
                .mark(in, out, MarkIntent.builder().build());
        assertThat(result.steps())
                .anyMatch(s -> s.carrier() == MarkStep.Carrier.CONTENT && s.kind() == MarkStep.Kind.DONE);
        return out;
    }

    private void assertMarked(Path out) throws IOException {
        String marked = Files.readString(out, StandardCharsets.US_ASCII);
        assertThat(marked).startsWith("PROBE picture bytes|painted|label ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing left beside the output")
                    .containsExactlyInAnyOrder("home", "in.probe", "out.probe");
        }
    }

    /** A format whose content step appends "|painted" and whose label is appended as text. */
    private static final class Probe implements FormatHandler, ContentMarker, LabelWriter {
        final List<Integer> temporaryFilesDuringContentStep = new ArrayList<>();
        final String mediaType;
        Path folder;

        Probe() {
            this("application/x-probe");
        }

        Probe(String mediaType) {
            this.mediaType = mediaType;
        }

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public String mediaType() {
            return mediaType;
        }

        @Override
        public List<String> extensions() {
            return List.of("probe");
        }

        @Override
        public boolean sniff(byte[] head, int length, String fileName) {
            return length >= 5 && new String(head, 0, 5, StandardCharsets.US_ASCII).equals("PROBE");
        }

        @Override
        public Container scan(MediaInput input, SdkContext context) {
            return Container.builder(this, input).build();
        }

        @Override
        public void markContent(MediaInput input, OutputStream output, ContentEdit edit, SdkContext context)
                throws IOException {
            try (Stream<Path> files = Files.list(folder)) {
                temporaryFilesDuringContentStep.add((int) files.filter(p -> p.toString().endsWith(".part")).count());
            }
            output.write(input.readAll(Long.MAX_VALUE));
            output.write("|painted".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void writeLabel(MediaInput input, MediaOutput output, LabelEdit edit, SdkContext context)
                throws IOException {
            output.write(input.readAll(Long.MAX_VALUE));
            output.write(("|label " + edit.label().contentProducer()).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
