package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;

/**
 * The per-file budget a platform may raise (or lower): options shared by {@code verify}, {@code inspect} and
 * {@code mark}. Unset options keep {@link ReadLimits#defaults()}. A file over any limit is UNREADABLE (exit 4)
 * with a status code naming the limit; the batch goes on.
 */
final class LimitOptions {

    @Option(names = {"--cpu-timeout", "--timeout"}, paramLabel = "SECONDS",
            description = "CPU time one file's work may take, the same on a loaded machine "
                    + "(default: 10 s to verify or inspect, 600 s to mark).")
    Double cpuTimeoutSeconds;

    @Option(names = "--wall-timeout", paramLabel = "SECONDS",
            description = "Wall-clock time one file may hold the worker (default: 60 s to verify or inspect, 3600 s to mark).")
    Double wallTimeoutSeconds;

    @Option(names = "--max-pixels", paramLabel = "N",
            description = "Largest image (width x height) decoded for pixel work (default: 50000000).")
    Long maxPixels;

    @Option(names = "--max-in-memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest input loaded whole, e.g. 256M (default: 256M).")
    Long maxInMemory;

    @Option(names = "--max-decompressed", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Total decompressed bytes per file: zip parts, PNG text, PDF streams (default: 128M).")
    Long maxDecompressed;

    @Option(names = "--max-metadata", paramLabel = "SIZE", converter = SizeConverter.class,
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
        if (cpuTimeoutSeconds != null) {
            Duration t = duration("--cpu-timeout", cpuTimeoutSeconds);
            if (marking) {
                b.markCpuTimeout(t);
            } else {
                b.verifyCpuTimeout(t);
            }
        }
        if (wallTimeoutSeconds != null) {
            Duration t = duration("--wall-timeout", wallTimeoutSeconds);
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

    private static Duration duration(String option, double seconds) {
        if (!(seconds > 0) || seconds > 86_400) {
            throw CliException.usage(option + " must be between 0 and 86400 seconds");
        }
        return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
    }

    /** A byte count: digits with an optional K, M or G suffix (powers of 1024). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G")) {
                unit = switch (v.charAt(v.length() - 1)) {
                    case 'K' -> 1L << 10;
                    case 'M' -> 1L << 20;
                    default -> 1L << 30;
                };
                v = v.substring(0, v.length() - 1);
            }
            long n = Long.parseLong(v);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new IllegalArgumentException("a size must be positive: " + value);
            }
            return n * unit;
        }
    }
}
