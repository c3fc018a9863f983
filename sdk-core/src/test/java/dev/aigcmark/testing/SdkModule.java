package dev.aigcmark.testing;

import java.util.Arrays;
import java.util.List;

/**
 * The SDK's modules and the packages each exports to everyone (its API). Everything else in a module lies under an
 * {@code internal} package. The architecture rules, the API report (api/*.api) and the module-info checks all
 * read this one list; adding an API package means adding it here, to the module's module-info.java, and
 * regenerating the API report (docs/architecture.md, "API surface").
 */
public enum SdkModule {
    CORE("sdk-core", "dev.aigcmark.core", List.of("dev.aigcmark.core", "dev.aigcmark.core.label",
            "dev.aigcmark.core.report", "dev.aigcmark.core.mark", "dev.aigcmark.core.spi", "dev.aigcmark.core.io",
            "dev.aigcmark.core.crypto", "dev.aigcmark.core.identity", "dev.aigcmark.core.trust")),
    IMAGE("sdk-image", "dev.aigcmark.image", List.of()),
    VIDEO("sdk-video", "dev.aigcmark.video", List.of("dev.aigcmark.video")),
    VIDEO_FFMPEG("sdk-video-ffmpeg", "dev.aigcmark.video.ffmpeg", List.of()),
    TEXT("sdk-text", "dev.aigcmark.text", List.of());

    private final String directory;
    private final String moduleName;
    private final List<String> apiPackages;

    SdkModule(String directory, String moduleName, List<String> apiPackages) {
        this.directory = directory;
        this.moduleName = moduleName;
        this.apiPackages = apiPackages;
    }

    /** The Maven module's folder (and artifactId). */
    public String directory() {
        return directory;
    }

    /** The JPMS module name, also the root package of its classes. */
    public String moduleName() {
        return moduleName;
    }

    /** The packages exported to everyone. A pure service provider has none. */
    public List<String> apiPackages() {
        return apiPackages;
    }

    /** Whether the module only provides services (FormatHandler, MarkCodec, ...) and has no API of its own. */
    public boolean pureProvider() {
        return apiPackages.isEmpty();
    }

    /** The API packages of every module. */
    public static List<String> allApiPackages() {
        return Arrays.stream(values()).flatMap(m -> m.apiPackages.stream()).toList();
    }

    /** ArchUnit package patterns covering each module's classes ({@code dev.aigcmark.core..} ...). */
    public static List<String> allPackagePatterns() {
        return Arrays.stream(values()).map(m -> m.moduleName + "..").toList();
    }

    /** ArchUnit package patterns of the pure service providers, which no API type may depend on. */
    public static List<String> providerPackagePatterns() {
        return Arrays.stream(values()).filter(SdkModule::pureProvider).map(m -> m.moduleName + "..").toList();
    }
}
