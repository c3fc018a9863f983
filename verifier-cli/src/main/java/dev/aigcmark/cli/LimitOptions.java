package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;
import java.util.List;

/**
 * The per-file budget a platform may raise (or lower): options shared by {@code verify}, {@code inspect} and
 * {@code mark}. Unset options keep {@link ReadLimits#defaults()}. A file over any limit is UNREADABLE (exit 4)
 * with a status code naming the limit; the batch goes on.
 */
final class LimitOptions implements OptionGroup {

    private final OptionSpec cpuTimeout = limit(new String[]{"--cpu-timeout", "--timeout"}, "DURATION", Duration.class,
            new Durations(),
            "CPU time one file's work may take, the same on a loaded machine, e.g. 500ms, 30s, 2m "
                    + "(plain numbers are seconds; default: 10s to verify or inspect, 10m to mark).");

    private final OptionSpec wallTimeout = limit(new String[]{"--wall-timeout"}, "DURATION", Duration.class,
            new Durations(),
            "Wall-clock time one file may hold the worker (default: 60s to verify or inspect, 1h to mark).");

    private final OptionSpec maxPixels = limit(new String[]{"--max-pixels"}, "N", Long.class, null,
            "Largest image (width x height) decoded for pixel work (default: 50000000).");

    private final OptionSpec maxInMemory = limit(new String[]{"--max-in-memory"}, "SIZE", Long.class, new Sizes(),
            "Largest input loaded whole, e.g. 256M (default: 256M).");

    private final OptionSpec maxDecompressed = limit(new String[]{"--max-decompressed"}, "SIZE", Long.class, new Sizes(),
            "Total decompressed bytes per file: zip parts, PNG text, PDF streams (default: 128M).");

    private final OptionSpec maxMetadata = limit(new String[]{"--max-metadata"}, "SIZE", Long.class, new Sizes(),
            "Largest single metadata carrier: XMP, JSON, C2PA store (default: 16M).");

    private final OptionSpec maxXmlNodes = limit(new String[]{"--max-xml-nodes"}, "N", Integer.class, null,
            "XML elements and attributes per XMP packet (default: 100000).");

    private final OptionSpec maxJsonNodes = limit(new String[]{"--max-json-nodes"}, "N", Integer.class, null,
            "Values per JSON or CBOR document: labels, C2PA items (default: 100000).");

    private final OptionSpec maxBoxes = limit(new String[]{"--max-boxes"}, "N", Integer.class, null,
            "Boxes, chunks, segments or blocks per file (default: 100000).");

    private final OptionSpec maxDepth = limit(new String[]{"--max-depth"}, "N", Integer.class, null,
            "Nesting of boxes (default: 32).");

    private final OptionSpec maxZipEntries = limit(new String[]{"--max-zip-entries"}, "N", Integer.class, null,
            "Entries of an OOXML package (default: 10000).");

    /** One limit of the given type, read with {@code converter} ({@link Durations}, {@link Sizes}) or picocli's own. */
    private static OptionSpec limit(String[] names, String label, Class<?> type, ITypeConverter<?> converter,
            String description) {
        OptionSpec.Builder b = OptionSpec.builder(names).paramLabel(label).type(type).description(description);
        return (converter == null ? b : b.converters(converter)).build();
    }

    @Override
    public void addTo(CommandSpec command) {
        for (OptionSpec o : List.of(cpuTimeout, wallTimeout, maxPixels, maxInMemory, maxDecompressed, maxMetadata,
                maxXmlNodes, maxJsonNodes, maxBoxes, maxDepth, maxZipEntries)) {
            command.addOption(o);
        }
    }

    /** {@code base} with the options given; {@code marking} decides which timeouts the time options set. */
    ReadLimits apply(ReadLimits base, boolean marking) {
        ReadLimits.Builder b = base.toBuilder();
        Duration cpuTimeout = this.cpuTimeout.getValue();
        Duration wallTimeout = this.wallTimeout.getValue();
        Long maxPixels = this.maxPixels.getValue();
        Long maxInMemory = this.maxInMemory.getValue();
        Long maxDecompressed = this.maxDecompressed.getValue();
        Long maxMetadata = this.maxMetadata.getValue();
        Integer maxXmlNodes = this.maxXmlNodes.getValue();
        Integer maxJsonNodes = this.maxJsonNodes.getValue();
        Integer maxBoxes = this.maxBoxes.getValue();
        Integer maxDepth = this.maxDepth.getValue();
        Integer maxZipEntries = this.maxZipEntries.getValue();
        if (cpuTimeout != null) {
            Duration t = atMostADay("--cpu-timeout", cpuTimeout);
            if (marking) {
                b.markCpuTimeout(t);
            } else {
                b.verifyCpuTimeout(t);
            }
        }
        if (wallTimeout != null) {
            Duration t = atMostADay("--wall-timeout", wallTimeout);
            if (marking) {
                b.markWallTimeout(t);
            } else {
                b.verifyWallTimeout(t);
            }
        }
        if (maxPixels != null) {
            b.maxPixels(maxPixels);
        }
        if (maxInMemory != null) {
            b.maxInMemoryBytes(maxInMemory);
        }
        if (maxDecompressed != null) {
            b.maxDecompressedBytes(maxDecompressed);
        }
        if (maxMetadata != null) {
            b.maxMetadataBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMetadata));
        }
        if (maxXmlNodes != null) {
            b.maxXmlNodes(maxXmlNodes);
        }
        if (maxJsonNodes != null) {
            b.maxJsonNodes(maxJsonNodes);
        }
        if (maxBoxes != null) {
            b.maxBoxCount(maxBoxes);
        }
        if (maxDepth != null) {
            b.maxBoxDepth(maxDepth);
        }
        if (maxZipEntries != null) {
            b.maxZipEntries(maxZipEntries);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("limits: " + e.getMessage());
        }
    }

    private static Duration atMostADay(String option, Duration t) {
        if (t.compareTo(Duration.ofDays(1)) > 0) {
            throw CliException.usage(option + " must be at most 24h (one file's budget)");
        }
        return t;
    }
}
