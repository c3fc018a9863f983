package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.Pem;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier trusts beyond the defaults (the local trust registry under the home folder and this
 * platform's own entry): registries, C2PA trust anchors and time-stamp authorities named on the command line.
 */
final class TrustOptions {

    @Option(names = "--trust", paramLabel = "REGISTRY.json",
            description = "A trust registry file (platforms whose marks count as TRUSTED). Repeatable.")
    List<Path> registries = new ArrayList<>();

    @Option(names = "--anchors", paramLabel = "PEM",
            description = "PEM certificates trusted as C2PA trust anchors. Repeatable.")
    List<Path> anchors = new ArrayList<>();

    @Option(names = "--tsa-anchors", paramLabel = "PEM",
            description = {"PEM certificates of trusted time-stamp authorities (RFC 3161). Repeatable.",
                    "A C2PA v2 time-stamp from any other TSA does not count: the signer's certificate is then judged now."})
    List<Path> tsaAnchors = new ArrayList<>();

    SdkContext verificationContext(Workspace workspace) {
        SdkContext base = workspace.verificationContext(registries, anchors);
        if (tsaAnchors.isEmpty()) {
            return base;
        }
        List<X509Certificate> tsas = new ArrayList<>();
        for (Path file : tsaAnchors) {
            try {
                tsas.addAll(Pem.readCertificates(Pem.readFile(file)));
            } catch (IOException e) {
                throw CliException.unreadable("--tsa-anchors " + file + ": " + e.getMessage(), e);
            }
        }
        return base.toBuilder().tsaAnchors(tsas).build();
    }
}
