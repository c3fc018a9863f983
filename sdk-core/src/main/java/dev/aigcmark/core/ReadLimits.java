package dev.aigcmark.core;

/**
 * Bounds every parser respects, so hostile input yields a report entry instead of an OutOfMemoryError or a
 * hang. Defaults suit uploads on a platform; raise them deliberately.
 *
 * @param maxInMemoryBytes  largest input a handler may load whole (images, documents)
 * @param maxMetadataBytes  largest single metadata carrier (XMP packet, JSON, JUMBF store) we read
 * @param maxXmlNodes       XML element count limit for XMP
 * @param maxBoxDepth       nesting limit for ISO-BMFF / JUMBF boxes
 * @param maxBoxCount       total box/chunk/segment count limit
 * @param maxPixels         largest image (width x height) decoded for pixel work
 * @param maxZipEntries     entry count limit for OOXML packages
 * @param maxDecompressedBytes total decompressed size limit (zip, zTXt, PDF streams)
 */
public record ReadLimits(long maxInMemoryBytes, int maxMetadataBytes, int maxXmlNodes, int maxBoxDepth,
                         int maxBoxCount, long maxPixels, int maxZipEntries, long maxDecompressedBytes) {

    public static ReadLimits defaults() {
        return new ReadLimits(512L << 20, 16 << 20, 100_000, 32, 100_000, 100_000_000L, 10_000, 1L << 30);
    }
}
