package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a batch for timing the CLI ({@code aigc verify --jsonl}) on the metadata-only formats: {@code N} distinct
 * marked files per format ({@link MetadataBatchBenchmark}'s documents, each numbered differently; label and, where
 * the format takes one, our text mark) in {@code OUT/txt}, {@code OUT/md}, {@code OUT/pdf} and {@code OUT/docx},
 * marked by a development identity kept in {@code OUT/home} (pass it as {@code --home} so they verify VALID).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aigcmark.bench.MetadataBatchFiles OUT [N]
 * ./aigc verify --home OUT/home --jsonl OUT/pdf &gt; /dev/null</pre>
 */
public final class MetadataBatchFiles {
    private MetadataBatchFiles() {
    }

    public static void main(String[] args) throws IOException {
        TimerArgs a = TimerArgs.of(args, 1, "MetadataBatchFiles OUT [N]");
        Path out = Path.of(a.text(0, null));
        int n = a.number(1, 300);
        BenchFiles.libraryLoggingOff();
        SdkContext context = BenchFiles.context(out.resolve("home"));
        Marker marker = new Marker(context);
        Path scratch = Files.createTempDirectory("aigc-bench-files");
        try {
            for (String format : List.of("txt", "md", "pdf", "docx")) {
                Path dir = Files.createDirectories(out.resolve(format));
                for (int i = 0; i < n; i++) {
                    String name = String.format(Locale.ROOT, "f%06d.%s", i, format);
                    Path source = BenchFiles.metadataDocument(scratch, format, name, i);
                    marker.mark(source, dir.resolve(name), MarkIntent.builder().build());
                    Files.delete(source);
                }
                System.out.printf(Locale.ROOT, "%s: %d marked files%n", dir, n);
            }
        } finally {
            BenchFiles.delete(scratch);
        }
    }
}
