package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.identity.PlatformKeys;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.trust.TrustRegistry;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SdkModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK runs as JPMS modules (issue 16), so its module descriptors are exercised, not only compiled: a platform
 * module ({@code src/test/modules/com.example.platform}) that requires {@code dev.aigcmark.core} and
 * {@code dev.aigcmark.video} is compiled against the SDK's module path and run with {@code java --module-path ...
 * -m}. It marks a JPEG, an MP4, a PDF, a Markdown file and a DOCX with a C2PA manifest and verifies them (the
 * formats of all four provider modules, found through {@code provides}/{@code uses}; Jackson, BouncyCastle, PDFBox,
 * jcodec and FFmpeg inside the module graph). The module path is the SDK's exact runtime closure, which sdk-text and
 * sdk-video-ffmpeg write to {@code target/runtime-module-path.txt} (parent pom, maven-dependency-plugin): none of
 * the CLI's libraries (jcodec-javase splits jcodec's packages) can hide a missing {@code requires}.
 */
class ModulePathTest {
    private static final String MAIN = "com.example.platform/com.example.platform.MarkAndVerify";
    private static final List<String> FILES = List.of("photo.jpg", "clip.mp4", "report.pdf", "note.md", "memo.docx");

    @TempDir
    static Path work;
    private static List<Path> modulePath;
    private static Path platform;
    private static Path emptyClassPath;

    @BeforeAll
    static void compileThePlatform() throws IOException {
        // javac run in this JVM would take the test class path as its class path (the unnamed module) otherwise.
        emptyClassPath = Files.createDirectories(work.resolve("empty"));
        modulePath = sdkModulePath();
        platform = work.resolve("platform");
        Path sources = Path.of("src/test/modules/com.example.platform");
        List<String> args = new ArrayList<>(List.of("--module-path", join(modulePath), "-cp", emptyClassPath.toString(),
                "-d", platform.toString(), "-proc:none"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        String errors = javac(args);
        assertThat(errors).as("the platform module compiles against the SDK's exports").isEqualTo("0\n");
    }

    @Test
    void theModulePathIsTheSdkWithoutTheCliLibraries() throws IOException {
        Map<String, ModuleReference> modules = modules(modulePath);
        for (SdkModule m : SdkModule.values()) {
            assertThat(modules).as(m.moduleName()).containsKey(m.moduleName());
            assertThat(modules.get(m.moduleName()).descriptor().isAutomatic()).as(m.moduleName() + " has a module-info")
                    .isFalse();
        }
        assertThat(modules).containsKeys("jcodec", "org.apache.pdfbox", "org.bouncycastle.provider",
                "com.fasterxml.jackson.databind", "org.bytedeco.ffmpeg")
                .doesNotContainKeys("jcodec.javase", "info.picocli", "dev.aigcmark.server");
    }

    @Test
    void aPlatformModuleCannotCompileAgainstAnInternalPackage() throws IOException {
        Path src = Files.createDirectories(work.resolve("sneaky/com/example/sneaky"));
        Files.writeString(src.getParent().getParent().resolve("module-info.java"),
                "module com.example.sneaky { requires dev.aigcmark.core; }");
        Files.writeString(src.resolve("Sneaky.java"), "package com.example.sneaky;\n"
                + "public class Sneaky { Object o = dev.aigcmark.core.internal.io.AtomicOutput.class; }\n");
        String out = javac(List.of("--module-path", join(modulePath), "-cp", emptyClassPath.toString(),
                "-d", work.resolve("sneaky-out").toString(),
                src.getParent().getParent().resolve("module-info.java").toString(),
                src.resolve("Sneaky.java").toString()));
        assertThat(out).startsWith("1\n").contains("package dev.aigcmark.core.internal.io is not visible")
                .contains("does not export it to module com.example.sneaky");
    }

    @Test
    void aPlatformMarksAndVerifiesEveryKindOfFileWithTheSdkAsModules() throws IOException {
        Path dir = Files.createDirectories(work.resolve("files"));
        DemoSamples.JPEG.write(dir.resolve("photo.jpg"));
        DemoSamples.MP4.write(dir.resolve("clip.mp4"));
        DemoSamples.PDF.write(dir.resolve("report.pdf"));
        DemoSamples.MARKDOWN.write(dir.resolve("note.md"));
        DemoSamples.DOCX.write(dir.resolve("memo.docx"));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-Djava.awt.headless=true",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        work.resolve("javacpp").toString()),
                "--module-path", join(modulePath) + File.pathSeparator + platform,
                // JavaCPP's natives are modules nothing requires: a platform adds its own (docs/architecture.md).
                "--add-modules", String.join(",", natives(modules(modulePath))),
                "-m", MAIN, dir.toString()));
        command.addAll(FILES);
        ExternalTools.Result run = ExternalTools.run(command, null, 600);
        String out = run.stdout();
        assertThat(run.exitCode()).as("exit code; stdout:\n%s\nstderr:\n%s", out, run.stderr()).isZero();

        // Every provider module at work: image, video (decoded with FFmpeg through its natives module), text (the PDF's
        // visible label drawn with sdk-image's font), core's C2PA (BouncyCastle, CBOR) and label signing (SM2).
        assertThat(out.lines().filter(l -> l.startsWith("file ")).toList()).as(run.stderr()).containsExactly(
                "file photo.jpg jpeg TRUSTED AI_GENERATED c2pa,implicitLabel,iptc,watermark",
                "file clip.mp4 mp4 TRUSTED AI_GENERATED c2pa,implicitLabel,iptc,watermark",
                "file report.pdf pdf TRUSTED AI_GENERATED c2pa,explicitLabel,implicitLabel,iptc,watermark",
                "file note.md markdown TRUSTED AI_GENERATED explicitLabel,implicitLabel,watermark",
                "file memo.docx docx TRUSTED AI_GENERATED explicitLabel,implicitLabel,watermark");
        assertThat(out).containsPattern("(?m)^steps clip\\.mp4 .*decoded with ffmpeg");
        assertThat(out).contains("module dev.aigcmark.core named=true video=dev.aigcmark.video")
                .contains("dev.aigcmark.image/jpeg", "dev.aigcmark.video/mp4", "dev.aigcmark.text/pdf",
                        "dev.aigcmark.text/docx", "dev.aigcmark.video/wav")
                .contains("internal refused")
                .containsPattern("(?m)^json \\{\"schemaVersion\":.*\"state\":\"TRUSTED\"");

        // What the modules wrote, verified by the SDK on the class path (this JVM): the same verdict.
        Verifier classPath = new Verifier(SdkContext.builder()
                .trust(TrustRegistry.empty().with(PlatformKeys.entry(dir.resolve("platform-a"), Map.of()))).build());
        for (String file : FILES) {
            assertThat(classPath.verify(dir.resolve("marked-" + file)).state()).as(file).isEqualTo(TrustState.TRUSTED);
        }
    }

    /**
     * The SDK modules (their target/classes) and their runtime dependencies as sdk-text and sdk-video-ffmpeg list
     * them; sdk-core, sdk-image and sdk-video are dependencies of those two.
     */
    private static List<Path> sdkModulePath() throws IOException {
        List<Path> path = new ArrayList<>();
        for (String module : List.of("sdk-text", "sdk-video-ffmpeg")) {
            Path dir = Path.of("..", module, "target").toAbsolutePath().normalize();
            Path list = dir.resolve("runtime-module-path.txt");
            assertThat(list).as("written by maven-dependency-plugin when " + module + " is built (-am)").exists();
            path.add(dir.resolve("classes"));
            Arrays.stream(Files.readString(list).strip().split(File.pathSeparator)).map(Path::of).forEach(path::add);
        }
        // One entry per module: the two lists share sdk-core, sdk-image and their libraries.
        Map<String, Path> byModule = new LinkedHashMap<>();
        for (Path entry : path) {
            ModuleFinder.of(entry).findAll().forEach(m -> byModule.putIfAbsent(m.descriptor().name(), entry));
        }
        return List.copyOf(byModule.values());
    }

    private static Map<String, ModuleReference> modules(List<Path> path) {
        Map<String, ModuleReference> modules = new LinkedHashMap<>();
        ModuleFinder.of(path.toArray(Path[]::new)).findAll().forEach(m -> modules.put(m.descriptor().name(), m));
        return modules;
    }

    /** JavaCPP's platform natives: open modules of org.bytedeco that only carry libraries. */
    private static List<String> natives(Map<String, ModuleReference> modules) {
        return modules.values().stream().map(ModuleReference::descriptor)
                .filter(d -> d.name().startsWith("org.bytedeco.") && d.isOpen()).map(d -> d.name()).sorted().toList();
    }

    /** javac's exit code on the first line, then what it printed. */
    private static String javac(List<String> args) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        int code = ToolProvider.findFirst("javac").orElseThrow().run(writer, writer, args.toArray(String[]::new));
        return code + "\n" + out;
    }

    private static String join(List<Path> path) {
        return String.join(File.pathSeparator, path.stream().map(Path::toString).toList());
    }
}
