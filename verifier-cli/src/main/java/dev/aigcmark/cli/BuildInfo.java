package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.FormatHandler;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code aigc --version} prints: the version, the commit and build date it was built from (the build
 * date is the reproducible-build timestamp, so two builds of one commit say the same), the Java runtime, and
 * which format handlers this installation carries, grouped by media kind, so an operator can tell an
 * installation without the optional video or audio support from a full one.
 */
record BuildInfo(String version, String commit, String built) {

    private static final String UNFILTERED = "${";

    /** Read from the properties Maven filled in; "development build" when run from unfiltered classes. */
    static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(value(p, "version", "development build"), value(p, "commit", "unknown"),
                value(p, "built", "unknown"));
    }

    private static String value(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() || v.startsWith(UNFILTERED) ? fallback : v;
    }

    List<String> lines(SdkContext context) {
        List<String> lines = new ArrayList<>();
        lines.add("aigc " + version);
        lines.add("commit " + commit + ", built " + built);
        lines.add("java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")");
        Map<String, List<String>> byKind = new TreeMap<>();
        for (FormatHandler h : context.handlers()) {
            String kind = h.mediaType().contains("/") ? h.mediaType().substring(0, h.mediaType().indexOf('/')) : h.mediaType();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(h.id());
        }
        byKind.forEach((kind, ids) -> lines.add(kind + ": " + String.join(", ", ids)));
        return lines;
    }

    /** picocli's hook for {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return current().lines(SdkContext.defaults()).toArray(String[]::new);
        }
    }
}
