package dev.aigcmark.cli.docs;

import dev.aigcmark.cli.SamplePicture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The public API's documentation is checked like code (issue 16): every API package (a package of sdk-core or
 * sdk-video outside {@code internal}) has a package javadoc, every public type in it has a javadoc comment, and
 * every example introduced as "Example (run by {@code ApiExamplesTest})" compiles against the API and runs on real
 * files. In an example, {@code Path.of("name")} names a file of a scratch folder that holds {@code photo.jpg} (a
 * 480x320 picture, unmarked), and {@code System.out.println(x); // prints: TEXT} asserts that {@code x} prints
 * {@code TEXT}.
 */
class ApiExamplesTest {
    private static final List<Path> API_ROOTS = List.of(
            Path.of("../sdk-core/src/main/java/dev/aigcmark/core"),
            Path.of("../sdk-video/src/main/java/dev/aigcmark/video"));
    private static final Pattern EXAMPLE = Pattern.compile(
            "Example \\(run by \\{@code ApiExamplesTest}\\).*?<pre>\\{@code\\s*\\n(.*?)\\n\\s*\\*\\s*}</pre>", Pattern.DOTALL);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern PRINTLN = Pattern.compile("^(\\s*)System\\.out\\.println\\((.*)\\);\\s*(?:// prints: (.*))?$");
    private static final Pattern PATH_OF = Pattern.compile("Path\\.of\\(\"([^\"]+)\"\\)");
    private static final String IMPORTS = Stream.of("dev.aigcmark.core", "dev.aigcmark.core.label",
                    "dev.aigcmark.core.report", "dev.aigcmark.core.mark", "dev.aigcmark.core.identity",
                    "dev.aigcmark.core.trust", "dev.aigcmark.core.crypto", "dev.aigcmark.core.io", "dev.aigcmark.video",
                    "java.nio.file", "java.time", "java.util")
            .map(p -> "import " + p + ".*;\n").reduce("", String::concat);

    @TempDir
    Path scratch;

    @Test
    void everyApiPackageAndPublicTypeHasJavadoc() throws IOException {
        List<Path> packages = apiFiles().map(Path::getParent).distinct().toList();
        assertThat(packages).as("the API packages were found").hasSizeGreaterThanOrEqualTo(10);
        List<String> missing = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.exists(info) || !Files.readString(info).contains("/**")) {
                missing.add(dir + ": no package javadoc");
            }
        }
        for (Path file : apiFiles().filter(f -> !f.endsWith("package-info.java")).toList()) {
            String source = Files.readString(file);
            Matcher m = PUBLIC_TYPE.matcher(source);
            if (m.find()) {
                String before = source.substring(0, m.start()).replaceAll("(?s)(\\s*@\\w+(\\([^)]*\\))?)+\\s*$", "").strip();
                if (!before.endsWith("*/")) {
                    missing.add(file + ": public type " + m.group(1) + " without javadoc");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** One example of the javadoc: its test name, the class it becomes, and that class's source. */
    private record Example(String name, String className, String source) {
    }

    /**
     * All examples compiled in one javac task (one compiler start, one pass over the class path) and run from one
     * class loader; each stays its own test, failing with its own compiler messages or its own "prints:" mismatch.
     */
    @TestFactory
    Stream<DynamicTest> everyExampleCompilesAndRuns() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path file : apiFiles().toList()) {
            Matcher m = EXAMPLE.matcher(Files.readString(file));
            int n = 0;
            while (m.find()) {
                String code = m.group(1).replaceAll("(?m)^\\s*\\* ?", "");
                String className = "Example" + (examples.size() + 1);
                examples.add(new Example(file.getParent().getFileName() + "/" + file.getFileName() + "#" + ++n,
                        className, body(className, code)));
            }
        }
        assertThat(examples).as("examples found in the API's javadoc").hasSizeGreaterThanOrEqualTo(2);
        Path classes = Files.createDirectories(scratch.resolve("classes"));
        Map<String, List<String>> errors = compile(examples, classes);
        if (!errors.isEmpty()) { // javac writes no class when any file fails: the others again, on their own
            compile(examples.stream().filter(e -> !errors.containsKey(e.className())).toList(), classes);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ApiExamplesTest.class.getClassLoader());
        return examples.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            assertThat(errors.getOrDefault(e.className(), List.of()))
                    .as("the example compiles against the API:\n" + e.source()).isEmpty();
            run(e, loader);
        })).onClose(() -> {
            try {
                loader.close();
            } catch (IOException ignored) {
                // a class loader over a temporary folder: nothing to release that matters
            }
        });
    }

    private void run(Example example, ClassLoader loader) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve(example.className()));
        ImageIO.write(SamplePicture.of(480, 320, 0), "jpeg", dir.resolve("photo.jpg").toFile());
        List<String> printed = new ArrayList<>();
        try {
            loader.loadClass(example.className()).getMethod("run", Path.class, List.class).invoke(null, dir, printed);
        } catch (InvocationTargetException e) {
            fail(example.name() + " threw " + e.getCause() + " after printing " + printed, e.getCause());
        }
    }

    /** The example as a method: its files in the scratch folder, its "prints:" comments as assertions. */
    private static String body(String className, String example) {
        StringBuilder b = new StringBuilder();
        for (String line : example.split("\n")) {
            Matcher p = PRINTLN.matcher(line);
            if (p.matches() && p.group(3) != null) {
                line = p.group(1) + "check__(printed__, String.valueOf(" + p.group(2) + "), \""
                        + p.group(3).strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\");";
            } else if (p.matches()) {
                line = p.group(1) + "printed__.add(String.valueOf(" + p.group(2) + "));";
            }
            b.append(PATH_OF.matcher(line).replaceAll("dir__.resolve(\"$1\")")).append('\n');
        }
        return IMPORTS + "public class " + className + " {\n"
                + "  public static void run(Path dir__, List<String> printed__) throws Exception {\n" + b + "  }\n"
                + "  static void check__(List<String> printed, String actual, String expected) {\n"
                + "    printed.add(actual);\n"
                + "    if (!actual.equals(expected)) throw new AssertionError(\"prints \" + actual + \", the javadoc says \" + expected);\n"
                + "  }\n}\n";
    }

    /** Compiles every example in one task; returns the error messages by example class (none: it compiled). */
    private static Map<String, List<String>> compile(List<Example> examples, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> sources = new ArrayList<>();
        for (Example e : examples) {
            sources.add(Files.writeString(classes.resolve(e.className() + ".java"), e.source(), StandardCharsets.UTF_8));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (var files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            javac.getTask(null, files, diagnostics, List.of("-classpath", classpath, "-d", classes.toString(),
                    "-proc:none"), null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        Map<String, List<String>> errors = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
                errors.computeIfAbsent(file.replace(".java", ""), k -> new ArrayList<>()).add(d.toString());
            }
        }
        return errors;
    }

    private static Stream<Path> apiFiles() {
        return API_ROOTS.stream().flatMap(root -> {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !root.relativize(f).toString().contains("internal")).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sorted();
    }
}
