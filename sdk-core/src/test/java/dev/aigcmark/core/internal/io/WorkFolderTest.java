package dev.aigcmark.core.internal.io;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.PropagationRequest;
import dev.aigcmark.core.Propagator;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.testing.DevelopmentContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work folders are removed with everything in them, and the stream entry points leave none after a failure. */
class WorkFolderTest {
    private static final byte[] NOT_MEDIA = "no format handler reads this".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void closingRemovesTheFolderWithEverythingInIt() throws IOException {
        WorkFolder work = WorkFolder.in(root, "test");
        assertThat(work.path().getParent()).isEqualTo(root);
        assertThat(work.path().getFileName().toString()).startsWith("aigc-test-");
        Files.createDirectories(work.path().resolve("a/b"));
        Files.write(work.path().resolve("a/b/c.bin"), new byte[10]);
        Files.write(work.file("d.bin"), new byte[10]);
        work.close();
        assertThat(leftovers()).isEmpty();
        work.close(); // twice is harmless
    }

    @Test
    void aNameHintNeverLeavesTheFolder() throws IOException {
        try (WorkFolder work = WorkFolder.in(root, "test")) {
            for (String hint : List.of("../../etc/passwd", "/", "..", ".", "a/b/photo.jpg", "")) {
                Path p = work.file(hint);
                assertThat(p.getParent()).as(hint).isEqualTo(work.path());
            }
            assertThat(work.file("a/b/photo.jpg").getFileName().toString()).isEqualTo("photo.jpg");
        }
    }

    @Test
    void besideATargetTheFolderIsHiddenInTheTargetsFolder() throws IOException {
        try (WorkFolder work = WorkFolder.beside(root.resolve("out.mp4"), "video")) {
            assertThat(work.path().getParent()).isEqualTo(root);
            assertThat(work.path().getFileName().toString()).startsWith(".aigc-video-");
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedPropagationOfAStreamLeavesNoTemporaryFile(@TempDir Path home) throws IOException {
        SdkContext context = DevelopmentContexts.marking(home).toBuilder().handlers(List.of()).workFolder(root).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new Propagator(context).propagate(new ByteArrayInputStream(NOT_MEDIA), out,
                PropagationRequest.labelOnly(), "upload.jpg")).isInstanceOf(IOException.class);
        assertThat(out.size()).isZero();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedMarkingOfAStreamLeavesNoTemporaryFile(@TempDir Path home) throws IOException {
        SdkContext context = DevelopmentContexts.marking(home).toBuilder().handlers(List.of()).workFolder(root).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new Marker(context).mark(new ByteArrayInputStream(NOT_MEDIA), out,
                MarkIntent.builder().build(), "upload.jpg")).isInstanceOf(IOException.class);
        assertThat(out.size()).isZero();
        assertThat(leftovers()).isEmpty();
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).toList();
        }
    }
}
