package dev.aigcmark.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --home DIR}: the per-user folder with this platform's identity (keys, certificates) and its local
 * trust registry. Defaults to the SDK's per-user folder; tests and CI pass a temporary one.
 */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Folder with the identity and local trust registry (default: the per-user folder, "
                    + "or $AIGC_HOME).")
    Path home;

    Path resolve() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("AIGC_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".aigc-mark");
    }
}
