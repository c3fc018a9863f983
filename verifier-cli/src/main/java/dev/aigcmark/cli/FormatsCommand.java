package dev.aigcmark.cli;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.ContentMarker;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.LabelCarrierSpec;
import dev.aigcmark.core.spi.LabelWriter;
import dev.aigcmark.core.spi.Placement;
import dev.aigcmark.core.spi.MarkCodec;
import dev.aigcmark.video.internal.pipeline.VideoBackends;
import dev.aigcmark.video.internal.pipeline.VideoCodecBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code aigc formats}: the format handlers and mark codecs on the class path, and what each can write. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = "Lists the supported formats (what each can read and write) and the marking schemes.")
final class FormatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        SdkContext context = SdkContext.defaults();
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> handlers = context.handlers().stream().map(FormatsCommand::handler).toList();
        List<Map<String, Object>> codecs = context.codecs().stream().map(FormatsCommand::codec).toList();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("handlers", handlers);
            m.put("codecs", codecs);
            m.put("videoBackends", VideoBackends.all().stream().map(FormatsCommand::videoBackend).toList());
            out.println(Json.write(m));
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FORMAT", "MEDIA TYPE", "EXTENSIONS", "LABEL", "CONTENT", "C2PA"));
        for (Map<String, Object> h : handlers) {
            rows.add(List.of(String.valueOf(h.get("id")), String.valueOf(h.get("mediaType")),
                    String.join(",", castList(h.get("extensions"))), yesNo(h.get("writesLabel")),
                    yesNo(h.get("writesContent")), yesNo(h.get("writesC2pa"))));
        }
        printTable(out, rows);
        if (handlers.isEmpty()) {
            out.println("(no format handlers on the class path)");
        }
        out.println();
        out.println("where the GB 45438 label is read (standard: where the standard puts it, written by `aigc mark`;");
        out.println("tolerated: where producers also put it, reported as non-standard and updated in place):");
        List<List<String>> places = new ArrayList<>();
        for (FormatHandler h : context.handlers()) {
            for (LabelCarrierSpec spec : h.labelCarriers()) {
                places.add(List.of("  " + h.id(), spec.placement() == Placement.STANDARD ? "standard" : "tolerated",
                        spec.written() ? "read+write" : "read", spec.where()));
            }
        }
        printTable(out, places);
        out.println();
        out.println("video codec backends (--codec; the first available is the default):");
        for (VideoCodecBackend b : VideoBackends.all()) {
            out.println("  " + b.name() + ": " + (b.unavailable() != null ? "unavailable (" + b.unavailable() + ")"
                    : b.describe() + ", encoders " + String.join(", ", b.encoders())));
        }
        out.println();
        out.println("marking schemes (codecs, in the order they run):");
        for (Map<String, Object> c : codecs) {
            out.println("  " + c.get("id"));
        }
        return 0;
    }

    static Map<String, Object> handler(FormatHandler h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("mediaType", h.mediaType());
        m.put("extensions", h.extensions());
        m.put("writesLabel", h instanceof LabelWriter);
        m.put("writesContent", h instanceof ContentMarker);
        m.put("writesC2pa", h instanceof C2paEmbedding);
        m.put("labelCarriers", h.labelCarriers().stream().map(c -> {
            Map<String, Object> carrier = new LinkedHashMap<>();
            carrier.put("where", c.where());
            carrier.put("placement", c.placement() == Placement.STANDARD ? "standard" : "tolerated");
            carrier.put("written", c.written());
            return carrier;
        }).toList());
        return m;
    }

    private static Map<String, Object> videoBackend(VideoCodecBackend b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("available", b.unavailable() == null);
        m.put("description", b.unavailable() == null ? b.describe() : b.unavailable());
        m.put("encoders", b.unavailable() == null ? b.encoders() : List.of());
        return m;
    }

    private static Map<String, Object> codec(MarkCodec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("order", c.order());
        return m;
    }

    /** Columns as wide as their widest cell, two spaces apart. */
    private static void printTable(PrintWriter out, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                sb.append(row.get(i));
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(width[i] - row.get(i).length() + 2));
                }
            }
            out.println(sb);
        }
    }

    private static String yesNo(Object b) {
        return Boolean.TRUE.equals(b) ? "yes" : "-";
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
