package dev.aigcmark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a SDK module's module-info must say (docs/architecture.md, "Modules"): its name is the module's; it exports
 * exactly its API packages ({@link SdkModule#apiPackages()}, the packages api/MODULE.api lists) to everyone; every
 * other export or opening is of an {@code internal} package to named modules only; and its {@code provides} are
 * the META-INF/services files, which class-path users read instead. Each module's ApiReportTest runs it.
 */
public final class ModuleInfoCheck {
    private ModuleInfoCheck() {
    }

    /** Fails naming every rule {@code module}'s compiled module-info (run from its module folder) breaks. */
    public static void check(SdkModule module) throws IOException {
        Path classes = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/classes");
        if (!Files.exists(classes.resolve("module-info.class"))) {
            throw new AssertionError(module.directory() + " has no module-info.java (src/main/java/module-info.java)");
        }
        List<String> problems = problems(module, read(classes), serviceFiles(classes));
        if (!problems.isEmpty()) {
            throw new AssertionError(module.directory() + "'s module-info.java:\n  " + String.join("\n  ", problems));
        }
    }

    /** The rules {@code descriptor} breaks as the module-info of {@code module}, given its service files. */
    static List<String> problems(SdkModule module, ModuleDescriptor descriptor,
                                 SortedMap<String, List<String>> serviceFiles) {
        List<String> problems = new ArrayList<>();
        if (!descriptor.name().equals(module.moduleName())) {
            problems.add("the module is named " + descriptor.name() + ", not " + module.moduleName());
        }
        if (descriptor.isOpen()) {
            problems.add("an open module lets anyone reflect on its internals: open single packages to named modules");
        }
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports e : descriptor.exports()) {
            if (e.isQualified()) {
                problems.addAll(qualified("exports", e.source(), e.targets()));
            } else {
                exported.add(e.source());
            }
        }
        Set<String> api = new TreeSet<>(module.apiPackages());
        difference(api, exported).forEach(p -> problems.add("the API package " + p + " is not exported"));
        difference(exported, api).forEach(p -> problems.add("exports " + p + " to everyone, but it is not an API"
                + " package (SdkModule): export it to the modules that need it, or make it API"));
        for (ModuleDescriptor.Opens o : descriptor.opens()) {
            if (!o.isQualified()) {
                problems.add("opens " + o.source() + " to everyone: open it to the module that reflects on it");
            }
        }
        SortedMap<String, List<String>> provided = new TreeMap<>();
        descriptor.provides().forEach(p -> provided.put(p.service(), p.providers().stream().sorted().toList()));
        for (String service : union(provided.keySet(), serviceFiles.keySet())) {
            List<String> inModuleInfo = provided.getOrDefault(service, List.of());
            List<String> inFile = serviceFiles.getOrDefault(service, List.of());
            if (!inModuleInfo.equals(inFile)) {
                problems.add("provides " + service + " with " + inModuleInfo + ", but META-INF/services/" + service
                        + " lists " + inFile + ": class-path and module-path users would get different providers");
            }
        }
        return problems;
    }

    private static List<String> qualified(String directive, String pkg, Set<String> targets) {
        List<String> problems = new ArrayList<>();
        if (!pkg.contains(".internal")) {
            problems.add(directive + " the API package " + pkg + " to " + new TreeSet<>(targets)
                    + " only: export it to everyone");
        }
        Set<String> sdk = Arrays.stream(SdkModule.values()).map(SdkModule::moduleName).collect(Collectors.toSet());
        targets.stream().filter(t -> !sdk.contains(t)).sorted()
                .forEach(t -> problems.add(directive + " " + pkg + " to " + t + ", which is not an SDK module"));
        return problems;
    }

    /** The module descriptor compiled into {@code classes} (a target/classes folder). */
    public static ModuleDescriptor read(Path classes) throws IOException {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    /** The META-INF/services files under {@code classes}: service name to its providers, sorted, comments left out. */
    public static SortedMap<String, List<String>> serviceFiles(Path classes) throws IOException {
        SortedMap<String, List<String>> services = new TreeMap<>();
        Path dir = classes.resolve("META-INF/services");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    services.put(file.getFileName().toString(), Files.readAllLines(file).stream()
                            .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).sorted().toList());
                }
            }
        }
        return services;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** For the self-test: a service file's content as {@link #serviceFiles} reads it. */
    static SortedMap<String, List<String>> services(Map<String, List<String>> files) {
        SortedMap<String, List<String>> sorted = new TreeMap<>();
        files.forEach((service, providers) -> sorted.put(service, providers.stream().sorted().toList()));
        return sorted;
    }
}
