package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The per-file budget a platform may raise (or lower): options shared by {@code verify}, {@code inspect} and
 * {@code mark}. Unset options keep {@link ReadLimits#defaults()}. A file over any limit is UNREADABLE (exit 4)
 * with a status code naming the limit; the batch goes on.
 */
final class LimitOptions {

    @Option(names = {"--cpu-timeout", "--timeout"}, paramLabel = "DURATION", converter = Durations.class,
            description = "CPU time one file's work may take, the same on a loaded machine, e.g. 500ms, 30s, 2m "
                    + "(plain numbers are seconds; default: 10s to verify or inspect, 10m to mark).")
    Duration cpuTimeout;

    @Option(names = "--wall-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Wall-clock time one file may hold the worker (default: 60s to verify or inspect, 1h to mark).")
    Duration wallTimeout;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "Largest image (width x height) decoded for pixel work (default: 50000000).")
    Long maxPixels;

    @Option(names = "--max-in-memory", paramLabel = "SIZE", converter = Sizes.class,
            description = "Largest input loaded whole, e.g. 256M (default: 256M).")
    Long maxInMemory;

    @Option(names = "--max-decompressed", paramLabel = "SIZE", converter = Sizes.class,
            description = "Total decompressed bytes per file: zip parts, PNG text, PDF streams (default: 128M).")
    Long maxDecompressed;

    @Option(names = "--max-metadata", paramLabel = "SIZE", converter = Sizes.class,
            description = "Largest single metadata carrier: XMP, JSON, C2PA store (default: 16M).")
    Long maxMetadata;

    @Option(names = "--max-xml-nodes", paramLabel = "N",
            description = "XML elements and attributes per XMP packet (default: 100000).")
    Integer maxXmlNodes;

    @Option(names = "--max-json-nodes", paramLabel = "N",
            description = "Values per JSON or CBOR document: labels, C2PA items (default: 100000).")
    Integer maxJsonNodes;

    @Option(names = "--max-boxes", paramLabel = "N",
            description = "Boxes, chunks, segments or blocks per file (default: 100000).")
    Integer maxBoxes;

    @Option(names = "--max-depth", paramLabel = "N", description = "Nesting of boxes (default: 32).")
    Integer maxDepth;

    @Option(names = "--max-zip-entries", paramLabel = "N", description = "Entries of an OOXML package (default: 10000).")
    Integer maxZipEntries;

    /** {@code base} with the options given; {@code marking} decides which timeouts the time options set. */
    ReadLimits apply(ReadLimits base, boolean marking) {
        ReadLimits.Builder b = base.toBuilder();
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
