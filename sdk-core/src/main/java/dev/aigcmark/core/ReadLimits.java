package dev.aigcmark.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The budget of one file: bounds every parser, decoder and detector respects, so hostile input ends as an
 * UNREADABLE report naming the limit ({@code asset.timeout}, {@code asset.tooLarge}, {@code asset.limit.*})
 * instead of an OutOfMemoryError, a hang or a stalled worker. The defaults suit uploads on a platform (a verify
 * stays under 512 MB of memory and 10 s of work); raise them deliberately with {@link #toBuilder()}.
 *
 * <p>Time has two limits, because they answer different questions. The CPU time a file's work costs is what the
 * file itself decides (a parser made to spin), the same on an idle or a loaded machine, so a verdict never
 * depends on the machine's load. The wall clock bounds how long a worker is held whatever the cause (a slow
 * disk, a machine so loaded the work barely runs).
 *
 * <p>Serializable, so a distributed job (the Spark module) can ship the limits its driver was given to every worker;
 * deserializing runs the same checks as the constructor.
 *
 * @param verifyCpuTimeout     CPU time one file's work may take to verify or inspect
 * @param verifyWallTimeout    wall-clock time one file may hold a worker to verify or inspect
 * @param markCpuTimeout       CPU time one file's work may take to mark (marking video re-encodes it)
 * @param markWallTimeout      wall-clock time one file may take to mark
 * @param maxInMemoryBytes     largest input a handler may load whole (images, documents)
 * @param maxMetadataBytes     largest single metadata carrier (XMP packet, JSON, JUMBF store) we read
 * @param maxXmlNodes          element and attribute count limit of one XML document read into a tree (XMP)
 * @param maxJsonNodes         token count limit of one JSON or CBOR document
 * @param maxBoxDepth          nesting limit: ISO-BMFF / JUMBF boxes, XML elements, JSON and CBOR containers
 * @param maxBoxCount          count limit of boxes, chunks, segments, blocks and IFD entries in one file
 * @param maxPixels            largest image (width x height) decoded for pixel work; checked before decoding
 * @param maxZipEntries        entry count limit of OOXML packages
 * @param maxCompressionRatio  largest ratio of a zip entry's declared size to its compressed size
 * @param maxDecompressedBytes total decompressed size limit per file (zip entries, zTXt/iTXt, PDF streams)
 * @param maxReadFactor        bytes read per file, as a multiple of its size (plus 64 MB): ends re-reading loops
 */
public record ReadLimits(Duration verifyCpuTimeout, Duration verifyWallTimeout, Duration markCpuTimeout,
                         Duration markWallTimeout, long maxInMemoryBytes, int maxMetadataBytes,
                         int maxXmlNodes, int maxJsonNodes, int maxBoxDepth, int maxBoxCount, long maxPixels,
                         int maxZipEntries, int maxCompressionRatio, long maxDecompressedBytes, int maxReadFactor)
        implements Serializable {

    /** Slack added to {@link #maxReadFactor} times the size, so small files may be re-read for headers. */
    public static final long READ_SLACK = 64L << 20;

    public ReadLimits {
        positive(verifyCpuTimeout, "verifyCpuTimeout");
        positive(verifyWallTimeout, "verifyWallTimeout");
        positive(markCpuTimeout, "markCpuTimeout");
        positive(markWallTimeout, "markWallTimeout");
        if (maxInMemoryBytes <= 0 || maxMetadataBytes <= 0 || maxXmlNodes <= 0 || maxJsonNodes <= 0 || maxBoxDepth <= 0
                || maxBoxCount <= 0 || maxPixels <= 0 || maxZipEntries <= 0 || maxCompressionRatio <= 0
                || maxDecompressedBytes <= 0 || maxReadFactor <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ReadLimits defaults() {
        return new ReadLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofHours(1),
                256L << 20, 16 << 20, 100_000, 100_000,
                32, 100_000, 50_000_000L, 10_000, 500, 128L << 20, 16);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** The largest number of bytes a file of {@code size} bytes may have read from it. */
    public long maxBytesRead(long size) {
        long scaled = size > Long.MAX_VALUE / maxReadFactor ? Long.MAX_VALUE : size * maxReadFactor;
        return scaled > Long.MAX_VALUE - READ_SLACK ? Long.MAX_VALUE : scaled + READ_SLACK;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some limits, keeping the rest. */
    public static final class Builder {
        private Duration verifyCpuTimeout;
        private Duration verifyWallTimeout;
        private Duration markCpuTimeout;
        private Duration markWallTimeout;
        private long maxInMemoryBytes;
        private int maxMetadataBytes;
        private int maxXmlNodes;
        private int maxJsonNodes;
        private int maxBoxDepth;
        private int maxBoxCount;
        private long maxPixels;
        private int maxZipEntries;
        private int maxCompressionRatio;
        private long maxDecompressedBytes;
        private int maxReadFactor;

        private Builder(ReadLimits l) {
            verifyCpuTimeout = l.verifyCpuTimeout;
            verifyWallTimeout = l.verifyWallTimeout;
            markCpuTimeout = l.markCpuTimeout;
            markWallTimeout = l.markWallTimeout;
            maxInMemoryBytes = l.maxInMemoryBytes;
            maxMetadataBytes = l.maxMetadataBytes;
            maxXmlNodes = l.maxXmlNodes;
            maxJsonNodes = l.maxJsonNodes;
            maxBoxDepth = l.maxBoxDepth;
            maxBoxCount = l.maxBoxCount;
            maxPixels = l.maxPixels;
            maxZipEntries = l.maxZipEntries;
            maxCompressionRatio = l.maxCompressionRatio;
            maxDecompressedBytes = l.maxDecompressedBytes;
            maxReadFactor = l.maxReadFactor;
        }

        public Builder verifyCpuTimeout(Duration v) {
            verifyCpuTimeout = v;
            return this;
        }

        public Builder verifyWallTimeout(Duration v) {
            verifyWallTimeout = v;
            return this;
        }

        public Builder markCpuTimeout(Duration v) {
            markCpuTimeout = v;
            return this;
        }

        public Builder markWallTimeout(Duration v) {
            markWallTimeout = v;
            return this;
        }

        public Builder maxInMemoryBytes(long v) {
            maxInMemoryBytes = v;
            return this;
        }

        public Builder maxMetadataBytes(int v) {
            maxMetadataBytes = v;
            return this;
        }

        public Builder maxXmlNodes(int v) {
            maxXmlNodes = v;
            return this;
        }

        public Builder maxJsonNodes(int v) {
            maxJsonNodes = v;
            return this;
        }

        public Builder maxBoxDepth(int v) {
            maxBoxDepth = v;
            return this;
        }

        public Builder maxBoxCount(int v) {
            maxBoxCount = v;
            return this;
        }

        public Builder maxPixels(long v) {
            maxPixels = v;
            return this;
        }

        public Builder maxZipEntries(int v) {
            maxZipEntries = v;
            return this;
        }

        public Builder maxCompressionRatio(int v) {
            maxCompressionRatio = v;
            return this;
        }

        public Builder maxDecompressedBytes(long v) {
            maxDecompressedBytes = v;
            return this;
        }

        public Builder maxReadFactor(int v) {
            maxReadFactor = v;
            return this;
        }

        public ReadLimits build() {
            return new ReadLimits(verifyCpuTimeout, verifyWallTimeout, markCpuTimeout, markWallTimeout, maxInMemoryBytes, maxMetadataBytes, maxXmlNodes,
                    maxJsonNodes, maxBoxDepth, maxBoxCount, maxPixels, maxZipEntries, maxCompressionRatio,
                    maxDecompressedBytes, maxReadFactor);
        }
    }
}
