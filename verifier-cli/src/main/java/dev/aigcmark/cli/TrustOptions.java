package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier trusts beyond the defaults (the local trust registry under the home folder and this
 * platform's own entry): registries and C2PA trust anchors named on the command line.
 */
final class TrustOptions {

    @Option(names = "--trust", paramLabel = "REGISTRY.json",
            description = "A trust registry file (platforms whose marks count as TRUSTED). Repeatable.")
    List<Path> registries = new ArrayList<>();

    @Option(names = "--anchors", paramLabel = "PEM",
            description = "PEM certificates trusted as C2PA trust anchors. Repeatable.")
    List<Path> anchors = new ArrayList<>();

    SdkContext verificationContext(Workspace workspace) {
        return workspace.verificationContext(registries, anchors);
    }
}
