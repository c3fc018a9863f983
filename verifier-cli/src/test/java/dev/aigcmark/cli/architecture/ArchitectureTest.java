package dev.aigcmark.cli.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.aigcmark.testing.ArchitectureRules;
import dev.aigcmark.testing.SdkModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture rules (dev.aigcmark.testing.ArchitectureRules, each shown to fail by ArchitectureRulesTest)
 * applied to the production classes of every module on this module's test class path: the five SDK modules,
 * verifier-server and verifier-cli. sdk-spark applies the printing rules to its own classes.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("dev.aigcmark");

    @Test
    void theClassesOfEveryModuleAreImported() {
        assertThat(CLASSES.containPackage("dev.aigcmark.core.internal.bmff")).isTrue();
        assertThat(CLASSES.containPackage("dev.aigcmark.video.ffmpeg.internal")).isTrue();
        assertThat(CLASSES.containPackage("dev.aigcmark.text.internal")).isTrue();
        assertThat(CLASSES.containPackage("dev.aigcmark.server")).isTrue();
        assertThat(CLASSES.containPackage("dev.aigcmark.testing")).as("test-jar classes are not production").isFalse();
    }

    @Test
    void onlyTheCommandLinePrintsOrExits() {
        ArchitectureRules.noPrintingOrExiting(List.of("dev.aigcmark.cli.."), List.of()).check(CLASSES);
    }

    @Test
    void onlyTheCommandLineReadsTheEnvironment() {
        // No exception: even identity.json's passwordEnv is looked up in the environment the CLI hands the SDK.
        ArchitectureRules.noEnvironment(List.of("dev.aigcmark.cli.."), List.of()).check(CLASSES);
    }

    @Test
    void apiSignaturesNameNoInternalType() {
        ArchitectureRules.apiSignaturesNameNoInternalType(SdkModule.allApiPackages()).check(CLASSES);
    }

    @Test
    void apiPackagesDoNotDependOnServiceProviders() {
        ArchitectureRules.apiDoesNotDependOnProviders(SdkModule.allApiPackages(), SdkModule.providerPackagePatterns())
                .check(CLASSES);
    }

    @Test
    void everySdkPackageIsApiOrInternal() {
        ArchitectureRules.everyPackageIsApiOrInternal(SdkModule.allPackagePatterns(), SdkModule.allApiPackages())
                .check(CLASSES);
    }
}
