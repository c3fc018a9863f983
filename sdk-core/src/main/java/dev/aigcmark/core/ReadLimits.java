package dev.aigcmark.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The budget of one file: bounds every parser, decoder and detector respects, so hostile input ends as an
 * UNREADABLE report naming the limit ({@code asset.timeout}, {@code asset.tooLarge}, {@code asset.limit.*})
 * instead of an OutOfMemoryError, a hang or a stalled worker. The defaults suit uploads on a platform (a verify
 * stays under 512 MB of memory and 10 s); raise them deliberately with {@link #toBuilder()}.
 *
 * @param verifyTimeout        time one file may take to verify or inspect: its work (CPU time), the wall clock
 *                             capped at {@link dev.aigcmark.core.io.FileBudget#WALL_FACTOR} times this
 * @param markTimeout          the same for marking (marking video re-encodes it)
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
public record ReadLimits(Duration verifyTimeout, Duration markTimeout, long maxInMemoryBytes, int maxMetadataBytes,
                         int maxXmlNodes, int maxJsonNodes, int maxBoxDepth, int maxBoxCount, long maxPixels,
                         int maxZipEntries, int maxCompressionRatio, long maxDecompressedBytes, int maxReadFactor) {

    /** Slack added to {@link #maxReadFactor} times the size, so small files may be re-read for headers. */
    public static final long READ_SLACK = 64L << 20;

    public ReadLimits {
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        Objects.requireNonNull(markTimeout, "markTimeout");
        if (verifyTimeout.isNegative() || verifyTimeout.isZero() || markTimeout.isNegative() || markTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxInMemoryBytes <= 0 || maxMetadataBytes <= 0 || maxXmlNodes <= 0 || maxJsonNodes <= 0 || maxBoxDepth <= 0
                || maxBoxCount <= 0 || maxPixels <= 0 || maxZipEntries <= 0 || maxCompressionRatio <= 0
                || maxDecompressedBytes <= 0 || maxReadFactor <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ReadLimits defaults() {
        return new ReadLimits(Duration.ofSeconds(10), Duration.ofMinutes(10), 256L << 20, 16 << 20, 100_000, 100_000,
                32, 100_000, 50_000_000L, 10_000, 500, 128L << 20, 16);
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
        private Duration verifyTimeout;
        private Duration markTimeout;
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
            verifyTimeout = l.verifyTimeout;
            markTimeout = l.markTimeout;
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

        public Builder verifyTimeout(Duration v) {
            verifyTimeout = v;
            return this;
        }

        public Builder markTimeout(Duration v) {
            markTimeout = v;
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
            return new ReadLimits(verifyTimeout, markTimeout, maxInMemoryBytes, maxMetadataBytes, maxXmlNodes,
                    maxJsonNodes, maxBoxDepth, maxBoxCount, maxPixels, maxZipEntries, maxCompressionRatio,
                    maxDecompressedBytes, maxReadFactor);
        }
    }
}
