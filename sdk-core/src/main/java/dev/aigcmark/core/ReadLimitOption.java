package dev.aigcmark.core;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The per-file limits of {@link ReadLimits} a platform sets from a command line or a configuration: one list, so
 * {@code aigc verify}, {@code aigc mark}, {@code aigc serve} and {@code aigc-spark} offer the same options with the
 * same names, syntax ({@link Quantities}) and checks. Options not given keep the base limits.
 */
public enum ReadLimitOption {
    CPU_TIMEOUT(Unit.DURATION, "CPU time one file's work may take, the same on a loaded machine, e.g. 500ms, 30s, 2m "
            + "(plain numbers are seconds; default: 10s to verify or inspect, 10m to mark).",
            clock(ReadLimits.Builder::markCpuTimeout, ReadLimits.Builder::verifyCpuTimeout), "--cpu-timeout", "--timeout"),
    WALL_TIMEOUT(Unit.DURATION, "Wall-clock time one file may hold the worker (default: 60s to verify or inspect, 1h to mark).",
            clock(ReadLimits.Builder::markWallTimeout, ReadLimits.Builder::verifyWallTimeout), "--wall-timeout"),
    MAX_PIXELS(Unit.COUNT, "Largest image (width x height) decoded for pixel work (default: 50000000).",
            (b, v, marking) -> b.maxPixels(Quantities.count(v)), "--max-pixels"),
    MAX_IN_MEMORY(Unit.SIZE, "Largest input loaded whole, e.g. 256M (default: 256M).",
            (b, v, marking) -> b.maxInMemoryBytes(Quantities.size(v)), "--max-in-memory"),
    MAX_DECOMPRESSED(Unit.SIZE, "Total decompressed bytes per file: zip parts, PNG text, PDF streams (default: 128M).",
            (b, v, marking) -> b.maxDecompressedBytes(Quantities.size(v)), "--max-decompressed"),
    MAX_METADATA(Unit.SIZE, "Largest single metadata carrier: XMP, JSON, C2PA store (default: 16M).",
            (b, v, marking) -> b.maxMetadataBytes((int) Math.min(Integer.MAX_VALUE - 8, Quantities.size(v))),
            "--max-metadata"),
    MAX_XML_NODES(Unit.COUNT, "XML elements and attributes per XMP packet (default: 100000).",
            count(ReadLimits.Builder::maxXmlNodes), "--max-xml-nodes"),
    MAX_JSON_NODES(Unit.COUNT, "Values per JSON or CBOR document: labels, C2PA items (default: 100000).",
            count(ReadLimits.Builder::maxJsonNodes), "--max-json-nodes"),
    MAX_BOXES(Unit.COUNT, "Boxes, chunks, segments or blocks per file (default: 100000).",
            count(ReadLimits.Builder::maxBoxCount), "--max-boxes"),
    MAX_DEPTH(Unit.COUNT, "Nesting of boxes (default: 32).", count(ReadLimits.Builder::maxBoxDepth), "--max-depth"),
    MAX_ZIP_ENTRIES(Unit.COUNT, "Entries of an OOXML package (default: 10000).", count(ReadLimits.Builder::maxZipEntries),
            "--max-zip-entries");

    /** How a value is written: what {@link #check} accepts. */
    public enum Unit {
        /** {@link Quantities#duration}. */
        DURATION("DURATION"),
        /** {@link Quantities#size}. */
        SIZE("SIZE"),
        /** {@link Quantities#count}. */
        COUNT("N");

        private final String paramLabel;

        Unit(String paramLabel) {
            this.paramLabel = paramLabel;
        }

        /** The placeholder help texts show for the value. */
        public String paramLabel() {
            return paramLabel;
        }
    }

    /** Sets one limit from its written value; {@code marking} picks marking's clock over verifying's. */
    private interface Setter {
        void set(ReadLimits.Builder b, String value, boolean marking);
    }

    private final Unit unit;
    private final String description;
    private final Setter setter;
    private final List<String> names;

    ReadLimitOption(Unit unit, String description, Setter setter, String... names) {
        this.unit = unit;
        this.description = description;
        this.setter = setter;
        this.names = List.of(names);
    }

    public Unit unit() {
        return unit;
    }

    /** The option's help text, with its default. */
    public String description() {
        return description;
    }

    /** The option's names, the preferred one first ({@code --timeout} is {@code --cpu-timeout}'s older name). */
    public List<String> names() {
        return names;
    }

    /**
     * Checks that {@code value} is written as this option's {@link #unit()} says, so a typo is a usage error when the
     * command line is read.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public void check(String value) {
        switch (unit) {
            case DURATION -> Quantities.duration(value);
            case SIZE -> Quantities.size(value);
            case COUNT -> Quantities.count(value);
        }
    }

    /**
     * {@code base} with {@code value} set for this option; {@code marking} decides which timeouts the time options set
     * (those of marking, else those of verifying and inspecting).
     *
     * @throws IllegalArgumentException when the value is malformed, out of range, or makes the limits invalid
     */
    public ReadLimits applyTo(ReadLimits base, String value, boolean marking) {
        try {
            ReadLimits.Builder b = base.toBuilder();
            setter.set(b, value, marking);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(names.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** A time limit, set on marking's clock or verifying's. */
    private static Setter clock(BiConsumer<ReadLimits.Builder, Duration> marking,
            BiConsumer<ReadLimits.Builder, Duration> verifying) {
        return (b, value, isMarking) -> (isMarking ? marking : verifying).accept(b, atMostADay(value));
    }

    /** A count held in an {@code int}. */
    private static Setter count(BiConsumer<ReadLimits.Builder, Integer> limit) {
        return (b, value, marking) -> {
            long n = Quantities.count(value);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + value + "' is more than " + Integer.MAX_VALUE);
            }
            limit.accept(b, (int) n);
        };
    }

    /** One file's budget; a longer one is more likely a unit mistake (seconds for milliseconds) than a wish. */
    private static Duration atMostADay(String value) {
        Duration t = Quantities.duration(value);
        if (t.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("'" + value + "' is more than one file's budget may be (at most 24h)");
        }
        return t;
    }
}
