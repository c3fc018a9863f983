package dev.aigcmark.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each architecture rule fails on classes that break it (the fixture package) and passes on those that keep it:
 * a rule that could never fail would let ArchitectureTest pass for nothing.
 */
class ArchitectureRulesTest {
    private static final String FIXTURE = "dev.aigcmark.testing.fixture.arch";
    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURE);
    private static final List<String> API = List.of(FIXTURE + ".api");

    @Test
    void printingAndExitingAreFoundOutsideTheCommandLine() {
        String report = violations(ArchitectureRules.noPrintingOrExiting(List.of(FIXTURE + ".cli.."), List.of()));
        assertThat(report).contains("Printer.progress", "System.err", "Printer.fail", "printStackTrace",
                "Exiter.giveUp", "System.exit");
        assertThat(report).doesNotContain("Main", "EnvironmentReader");

        ArchRule exempted = ArchitectureRules.noPrintingOrExiting(List.of(FIXTURE + ".cli.."),
                List.of(FIXTURE + ".lib.Printer", FIXTURE + ".lib.Exiter"));
        assertThat(exempted.evaluate(CLASSES).hasViolation()).isFalse();
    }

    @Test
    void environmentReadsAreFoundOutsideTheCommandLineAndTheNamedReaders() {
        String report = violations(ArchitectureRules.noEnvironment(List.of(FIXTURE + ".cli.."), List.of()));
        assertThat(report).contains("EnvironmentReader.home", "System.getenv").doesNotContain("Main");

        ArchRule exempted = ArchitectureRules.noEnvironment(List.of(FIXTURE + ".cli.."),
                List.of(FIXTURE + ".lib.EnvironmentReader"));
        assertThat(exempted.evaluate(CLASSES).hasViolation()).isFalse();
    }

    @Test
    void everyWayAnApiSignatureCanNameAnInternalTypeIsFound() {
        String report = violations(ArchitectureRules.apiSignaturesNameNoInternalType(API));
        assertThat(report).contains(
                "Leaks extends names the internal type " + FIXTURE + ".internal.Hidden",
                "Leaks implements names the internal type " + FIXTURE + ".internal.HiddenService",
                "Leaks.field names",
                "Leaks.<init>(" + FIXTURE + ".internal.Hidden) names",
                "Leaks.generic() names",
                "Leaks.array() names",
                "Leaks.declares() names the internal type " + FIXTURE + ".internal.HiddenException",
                "Leaks$Nested.nested() names");
        assertThat(report).doesNotContain("Clean");
    }

    @Test
    void anApiTypeDependingOnAProviderIsFound() {
        String report = violations(ArchitectureRules.apiDoesNotDependOnProviders(API, List.of(FIXTURE + ".provider..")));
        assertThat(report).contains("UsesProvider", "FormatImplementation").doesNotContain("Leaks", "Clean");
    }

    @Test
    void aPackageThatIsNeitherApiNorInternalIsFound() {
        String report = violations(ArchitectureRules.everyPackageIsApiOrInternal(
                List.of(FIXTURE + ".api..", FIXTURE + ".internal..", FIXTURE + ".stray.."), API));
        assertThat(report).contains("Stray").doesNotContain("Leaks", "Hidden");
    }

    @Test
    void theModuleListCoversTheApiThatDocsArchitectureNames() {
        assertThat(SdkModule.CORE.apiPackages()).contains("dev.aigcmark.core.spi", "dev.aigcmark.core.report");
        assertThat(SdkModule.providerPackagePatterns())
                .containsExactly("dev.aigcmark.image..", "dev.aigcmark.video.ffmpeg..", "dev.aigcmark.text..");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
