package dev.aigcmark.cli;

import dev.aigcmark.core.identity.IdentityStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --home DIR}: the per-user folder with this platform's identity (keys, certificates) and its local
 * trust registry. Defaults to the SDK's ({@code $AIGC_HOME}, else {@code ~/.aigcmark}); tests pass a temporary one.
 */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Folder with the identity and the local trust registry (default: $AIGC_HOME, else ~/.aigcmark).")
    Path home;

    Path resolve() {
        return home != null ? home : IdentityStore.defaultHome(System.getenv());
    }
}
