package dev.aigcmark.cli;

import dev.aigcmark.core.identity.IdentityStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;

/**
 * {@code --home DIR}: the per-user folder with this platform's identity (keys, certificates) and its local
 * trust registry. Defaults to the SDK's ({@code $AIGC_HOME}, else {@code ~/.aigcmark}); tests pass a temporary one.
 */
final class HomeOption implements OptionGroup {

    private final OptionSpec home = OptionSpec.builder("--home").paramLabel("DIR").type(Path.class)
            .description("Folder with the identity and the local trust registry (default: $AIGC_HOME, else ~/.aigcmark).")
            .build();

    @Override
    public void addTo(CommandSpec command) {
        command.addOption(home);
    }

    Path resolve() {
        Path given = home.getValue();
        return given != null ? given : IdentityStore.defaultHome(System.getenv());
    }
}
