/**
 * The SDK's core: reports, labels, marks, the service-provider interface, trust and identities, and the readers
 * every format shares. Only the API packages are exported to everyone; each {@code internal} package a format
 * module builds on is exported to that module alone, so a platform cannot bind to it. The packages exported here
 * are the ones {@code api/sdk-core.api} lists (its {@code ApiReportTest} fails when they differ).
 */
module dev.aigcmark.core {
    // BufferedImage appears in the SPI (ContentMarker), JsonNode/ObjectMapper in the trust registry and C2PA
    // reading, X500Name/KeyPurposeId in the trust policy: callers must read these modules too.
    requires transitive java.desktop;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.bouncycastle.provider;
    requires com.fasterxml.jackson.dataformat.cbor;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires java.management; // FileBudget: per-thread CPU time
    requires java.naming;
    requires java.net.http; // RemoteManifest: C2PA manifests by reference
    requires java.xml;

    exports dev.aigcmark.core;
    exports dev.aigcmark.core.crypto;
    exports dev.aigcmark.core.identity;
    exports dev.aigcmark.core.io;
    exports dev.aigcmark.core.label;
    exports dev.aigcmark.core.mark;
    exports dev.aigcmark.core.report;
    exports dev.aigcmark.core.spi;
    exports dev.aigcmark.core.trust;

    // The shared container readers and watermark primitives the format modules build on: not API.
    exports dev.aigcmark.core.internal.bmff to dev.aigcmark.image, dev.aigcmark.video;
    exports dev.aigcmark.core.internal.dsp to dev.aigcmark.image, dev.aigcmark.video;
    exports dev.aigcmark.core.internal.ebml to dev.aigcmark.video;
    exports dev.aigcmark.core.internal.io to dev.aigcmark.image, dev.aigcmark.video;
    exports dev.aigcmark.core.internal.riff to dev.aigcmark.video;
    exports dev.aigcmark.core.internal.watermark to dev.aigcmark.image, dev.aigcmark.video, dev.aigcmark.text;
    exports dev.aigcmark.core.internal.xml to dev.aigcmark.text;
    exports dev.aigcmark.core.internal.xmp to dev.aigcmark.image, dev.aigcmark.video, dev.aigcmark.text;

    uses dev.aigcmark.core.spi.FormatHandler;
    uses dev.aigcmark.core.spi.MarkCodec;

    // Keep in step with META-INF/services (read by class-path users); ApiReportTest checks that they agree.
    provides dev.aigcmark.core.spi.MarkCodec with
            dev.aigcmark.core.internal.c2pa.C2paCodec,
            dev.aigcmark.core.internal.codec.Gb45438Codec,
            dev.aigcmark.core.internal.codec.IptcCodec,
            dev.aigcmark.core.internal.codec.CrossCheckCodec;
}
