package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.crypto.Pem;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier trusts beyond the defaults (the local trust registry under the home folder and this
 * platform's own entry): registries, C2PA trust anchors and time-stamp authorities named on the command line.
 */
final class TrustOptions implements OptionGroup {

    private final OptionSpec registries = files("--trust", "REGISTRY.json",
            "A trust registry file (platforms whose marks count as TRUSTED). Repeatable.");

    private final OptionSpec anchors = files("--anchors", "PEM", "PEM certificates trusted as C2PA trust anchors. Repeatable.");

    private final OptionSpec tsaAnchors = files("--tsa-anchors", "PEM",
            "PEM certificates of trusted time-stamp authorities (RFC 3161). Repeatable.",
            "A C2PA v2 time-stamp from any other TSA does not count: the signer's certificate is then judged now.");

    private static OptionSpec files(String name, String label, String... description) {
        return OptionSpec.builder(name).paramLabel(label).type(List.class).auxiliaryTypes(Path.class)
                .description(description).build();
    }

    @Override
    public void addTo(CommandSpec command) {
        command.addOption(registries);
        command.addOption(anchors);
        command.addOption(tsaAnchors);
    }

    SdkContext verificationContext(Workspace workspace) {
        SdkContext base = workspace.verificationContext(OptionGroup.values(registries), OptionGroup.values(anchors));
        List<Path> tsaFiles = OptionGroup.values(tsaAnchors);
        if (tsaFiles.isEmpty()) {
            return base;
        }
        List<X509Certificate> tsas = new ArrayList<>();
        for (Path file : tsaFiles) {
            try {
                tsas.addAll(Pem.readCertificates(Pem.readFile(file)));
            } catch (IOException e) {
                throw CliException.unreadable("--tsa-anchors " + file + ": " + e.getMessage(), e);
            }
        }
        return base.toBuilder().tsaAnchors(tsas).build();
    }
}
