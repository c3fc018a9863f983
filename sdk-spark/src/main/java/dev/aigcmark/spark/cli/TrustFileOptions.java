package dev.aigcmark.spark.cli;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.spark.VerifySettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the executors trust, read once on the driver from any Hadoop file system and shipped to them as a broadcast:
 * trust registries (as {@code aigc keys export} writes them), C2PA trust anchors and time-stamp authorities.
 */
final class TrustFileOptions {

    @Option(names = "--trust", paramLabel = "REGISTRY.json",
            description = "A trust registry file (platforms whose marks count as TRUSTED). Repeatable.")
    List<String> registries = new ArrayList<>();

    @Option(names = "--anchors", paramLabel = "PEM", description = "PEM certificates trusted as C2PA trust anchors. Repeatable.")
    List<String> anchors = new ArrayList<>();

    @Option(names = "--tsa-anchors", paramLabel = "PEM",
            description = "PEM certificates of trusted time-stamp authorities (RFC 3161). Repeatable.")
    List<String> tsaAnchors = new ArrayList<>();

    /** What the executors trust, with {@code limits} as each file's budget. */
    VerifySettings settings(Configuration conf, ReadLimits limits) {
        TrustRegistry trust = TrustRegistry.empty();
        for (String file : registries) {
            Path path = new Path(file);
            try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
                trust = trust.withAll(TrustRegistryJson.read(in, file));
            } catch (IOException e) {
                throw new IllegalArgumentException("--trust " + file + ": " + e.getMessage(), e);
            }
        }
        return VerifySettings.builder().trust(trust).trustAnchors(certificates(conf, anchors, "--anchors"))
                .tsaAnchors(certificates(conf, tsaAnchors, "--tsa-anchors")).limits(limits).build();
    }

    private static List<X509Certificate> certificates(Configuration conf, List<String> files, String option) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : files) {
            Path path = new Path(file);
            try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
                byte[] text = in.readNBytes(Pem.MAX_PEM_CHARS + 1);
                if (text.length > Pem.MAX_PEM_CHARS) {
                    throw new IOException("larger than " + Pem.MAX_PEM_CHARS + " bytes");
                }
                certificates.addAll(Pem.readCertificates(new String(text, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }
}
