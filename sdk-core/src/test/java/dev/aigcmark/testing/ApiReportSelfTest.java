package dev.aigcmark.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API report lists what a caller can name and nothing else, and its diff shows an added public type. */
class ApiReportSelfTest {
    private static final String API = "dev.aigcmark.testing.fixture.arch.api";
    private static final Path TEST_CLASSES = Path.of(System.getProperty("basedir", ""), "target/test-classes");

    @Test
    void listsPublicAndProtectedMembersOfVisibleTypesOnly() throws IOException {
        String report = ApiReport.render("fixture", List.of(API), TEST_CLASSES);
        assertThat(report).contains(
                "public class " + API + ".Leaks extends dev.aigcmark.testing.fixture.arch.internal.Hidden"
                        + " implements dev.aigcmark.testing.fixture.arch.internal.HiddenService",
                "    public java.util.List<dev.aigcmark.testing.fixture.arch.internal.Hidden> generic()",
                "    protected " + API + ".Leaks(dev.aigcmark.testing.fixture.arch.internal.Hidden)",
                "    public void declares() throws dev.aigcmark.testing.fixture.arch.internal.HiddenException",
                "public static final class " + API + ".Leaks$Nested",
                "public final class " + API + ".Clean\n    public " + API + ".Clean()\n    public java.lang.String name()\n");
        assertThat(report).doesNotContain("helper", "field = ", "PackagePrivate", "notApi");
        assertThat(report.indexOf("Leaks$Nested")).isGreaterThan(report.indexOf("class " + API + ".Leaks "))
                .isLessThan(report.indexOf("UsesProvider"));
    }

    @Test
    void aNewPublicTypeOrAChangedSignatureShowsInTheDiff() throws IOException {
        String compiled = ApiReport.render("fixture", List.of(API), TEST_CLASSES);
        String committed = compiled
                .replace("\npublic final class " + API + ".UsesProvider\n    public " + API + ".UsesProvider()\n"
                        + "    public java.lang.String describe()\n", "\n")
                .replace("public java.lang.String name()", "public java.lang.CharSequence name()");
        assertThat(committed).isNotEqualTo(compiled);
        assertThat(ApiReport.diff(committed, compiled)).isEqualTo("""
                - public final class %1$s.Clean :: public java.lang.CharSequence name()
                + public final class %1$s.Clean :: public java.lang.String name()
                + public final class %1$s.UsesProvider
                + public final class %1$s.UsesProvider :: public %1$s.UsesProvider()
                + public final class %1$s.UsesProvider :: public java.lang.String describe()
                """.formatted(API));
    }
}
