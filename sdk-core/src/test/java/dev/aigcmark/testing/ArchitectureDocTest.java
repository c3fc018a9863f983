package dev.aigcmark.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md stays true to the code: every module its table names is a Maven module of the build, and
 * every package it names ({@code dev.aigcmark.core.spi}, or {@code .internal.io} in a module's row, read against
 * that row's root package) has Java sources in some module.
 */
class ArchitectureDocTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private static final Pattern FULL = Pattern.compile("dev\\.aigcmark(\\.[a-z0-9_]+)+");
    private static final Pattern RELATIVE = Pattern.compile("`(\\.[a-z0-9_]+(\\.[a-z0-9_]+)*)`");
    private static final Pattern MODULE_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|");

    @Test
    void everyModuleNamedIsInTheBuild() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String line : doc()) {
            Matcher m = MODULE_ROW.matcher(line);
            if (m.find()) {
                named.add(m.group(1));
                if (!pom.contains("<module>" + m.group(1) + "</module>") || !Files.exists(ROOT.resolve(m.group(1)).resolve("pom.xml"))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertThat(named).contains("sdk-core", "verifier-cli");
        assertThat(missing).as("modules docs/architecture.md names that the build does not have").isEmpty();
    }

    @Test
    void everyPackageNamedHasSources() throws IOException {
        TreeSet<String> named = new TreeSet<>();
        for (String line : doc()) {
            Matcher full = FULL.matcher(line);
            String root = null;
            while (full.find()) {
                named.add(full.group());
                if (root == null) {
                    String[] parts = full.group().split("\\.");
                    root = parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : null;
                }
            }
            if (root != null && MODULE_ROW.matcher(line).find()) {
                Matcher relative = RELATIVE.matcher(line);
                while (relative.find()) {
                    named.add(root + relative.group(1));
                }
            }
        }
        assertThat(named).contains("dev.aigcmark.core.spi", "dev.aigcmark.core.internal.io");
        List<String> missing = named.stream().filter(p -> !hasSources(p)).toList();
        assertThat(missing).as("packages docs/architecture.md names that no module has").isEmpty();
    }

    private static List<String> doc() throws IOException {
        return Files.readAllLines(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
    }

    private static boolean hasSources(String packageName) {
        String path = packageName.replace('.', '/');
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.flatMap(m -> Stream.of(m.resolve("src/main/java").resolve(path), m.resolve("src/test/java").resolve(path)))
                    .filter(Files::isDirectory).anyMatch(ArchitectureDocTest::containsJava);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean containsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
