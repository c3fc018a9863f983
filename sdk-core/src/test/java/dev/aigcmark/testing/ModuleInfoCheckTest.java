package dev.aigcmark.testing;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of {@link ModuleInfoCheck} reports a module-info that breaks it, and passes one that keeps them all. */
class ModuleInfoCheckTest {
    private static final String CODEC = "dev.aigcmark.core.spi.MarkCodec";
    private static final List<String> PROVIDERS = List.of("dev.aigcmark.core.internal.codec.B",
            "dev.aigcmark.core.internal.codec.A");

    @Test
    void aModuleInfoThatKeepsTheRulesPasses() {
        ModuleDescriptor d = core().provides(CODEC, PROVIDERS).build();
        assertThat(ModuleInfoCheck.problems(SdkModule.CORE, d, ModuleInfoCheck.services(Map.of(CODEC, PROVIDERS))))
                .isEmpty();
    }

    @Test
    void everyBrokenRuleIsNamed() {
        ModuleDescriptor.Builder b = ModuleDescriptor.newModule("dev.aigcmark.kore");
        SdkModule.CORE.apiPackages().stream().filter(p -> !p.equals("dev.aigcmark.core.trust")).forEach(b::exports);
        b.exports("dev.aigcmark.core.trust", Set.of("dev.aigcmark.image"));
        b.exports("dev.aigcmark.core.internal.io");
        b.exports("dev.aigcmark.core.internal.bmff", Set.of("dev.aigcmark.image", "com.example.platform"));
        b.opens("dev.aigcmark.core.internal.xml");
        b.packages(Set.of("dev.aigcmark.core.internal.codec"));
        b.provides(CODEC, List.of("dev.aigcmark.core.internal.codec.A"));

        List<String> problems = ModuleInfoCheck.problems(SdkModule.CORE, b.build(),
                ModuleInfoCheck.services(Map.of(CODEC, PROVIDERS, "dev.aigcmark.core.spi.FormatHandler",
                        List.of("dev.aigcmark.core.internal.codec.H"))));

        assertThat(problems).containsExactlyInAnyOrder(
                "the module is named dev.aigcmark.kore, not dev.aigcmark.core",
                "exports the API package dev.aigcmark.core.trust to [dev.aigcmark.image] only: export it to everyone",
                "the API package dev.aigcmark.core.trust is not exported",
                "exports dev.aigcmark.core.internal.io to everyone, but it is not an API package (SdkModule): export"
                        + " it to the modules that need it, or make it API",
                "exports dev.aigcmark.core.internal.bmff to com.example.platform, which is not an SDK module",
                "opens dev.aigcmark.core.internal.xml to everyone: open it to the module that reflects on it",
                "provides dev.aigcmark.core.spi.FormatHandler with [], but META-INF/services/dev.aigcmark.core.spi"
                        + ".FormatHandler lists [dev.aigcmark.core.internal.codec.H]: class-path and module-path users"
                        + " would get different providers",
                "provides " + CODEC + " with [dev.aigcmark.core.internal.codec.A], but META-INF/services/" + CODEC
                        + " lists [dev.aigcmark.core.internal.codec.A, dev.aigcmark.core.internal.codec.B]: class-path"
                        + " and module-path users would get different providers");
    }

    @Test
    void anOpenModuleIsRefused() {
        ModuleDescriptor.Builder b = ModuleDescriptor.newOpenModule("dev.aigcmark.core");
        SdkModule.CORE.apiPackages().forEach(b::exports);
        ModuleDescriptor open = b.build();
        assertThat(ModuleInfoCheck.problems(SdkModule.CORE, open, ModuleInfoCheck.services(Map.of())))
                .containsExactly("an open module lets anyone reflect on its internals: open single packages to named"
                        + " modules");
    }

    private static ModuleDescriptor.Builder core() {
        ModuleDescriptor.Builder b = ModuleDescriptor.newModule("dev.aigcmark.core");
        SdkModule.CORE.apiPackages().forEach(b::exports);
        b.exports("dev.aigcmark.core.internal.io", Set.of("dev.aigcmark.image", "dev.aigcmark.video"));
        b.opens("dev.aigcmark.core.internal.xml", Set.of("com.fasterxml.jackson.databind"));
        b.packages(Set.of("dev.aigcmark.core.internal.codec"));
        return b;
    }
}
