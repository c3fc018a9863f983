package dev.aigcmark.cli;

import dev.aigcmark.core.Formats;
import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.io.FileBudget;
import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.mark.ImplicitLabel;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.MarkFinding;
import dev.aigcmark.core.report.VerificationReport;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.spi.FormatHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code aigc inspect}: what the format handler found, before any verdict: every raw carrier (type, where,
 * offset, length, a preview of text carriers), container problems, and the provider codes in any label,
 * explained field by field. For people debugging a file another tool produced.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows the raw carriers (metadata blocks) a file holds, container problems, and the "
                + "provider codes in its labels.")
final class InspectCommand implements Callable<Integer>, OptionGroup.Carrier {
    /** Enough of a packet to recognise it; the full text is one exiftool call away. */
    static final int PREVIEW_CHARS = 400;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to inspect.")
    Path file;

    @Option(names = "--json", description = "Print JSON (schemaVersion, file, format, carriers, problems, providerCodes).")
    boolean json;

    final LimitOptions limitOptions = new LimitOptions();

    @Override
    public List<OptionGroup> optionGroups() {
        return List.of(limitOptions);
    }

    @Override
    @SuppressWarnings("try") // the scope is held, not used: it unbinds the budget on close
    public Integer call() {
        SdkContext context = SdkContext.builder().limits(limitOptions.apply(ReadLimits.defaults(), false)).build();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("schemaVersion", VerificationReport.SCHEMA_VERSION);
        result.put("file", file.toString());
        int carriers;
        // The scan runs under the file's budget, as verify's does: a hostile file ends at its deadline.
        try (MediaInput in = MediaInput.of(file);
             FileBudget.Scope ignored = FileBudget.forVerify(context.limits(), in.size()).bind()) {
            FormatHandler handler = Formats.detect(context, in).orElseThrow(() -> CliException.unreadable(
                    file + ": unsupported or unrecognised format (see 'aigc formats')", null));
            Container container = handler.scan(in, context);
            result.put("format", handler.id());
            result.put("mediaType", handler.mediaType());
            result.put("size", in.size());
            result.put("carriers", container.carriers().stream().map(InspectCommand::carrier).toList());
            result.put("problems", container.problems().stream().map(Json::status).toList());
            carriers = container.carriers().size();
        } catch (UnreadableInputException e) {
            throw CliException.unreadable(e.getMessage(), e);
        } catch (IOException e) {
            throw CliException.unreadable(file + ": " + e.getMessage(), e);
        }
        result.put("providerCodes", providerCodes(new Verifier(context).verify(file)));

        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(result) + "\n" : text(result));
        return carriers == 0 ? ExitCodes.NO_MARKS : ExitCodes.VALID;
    }

    private static Map<String, Object> carrier(Carrier c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("location", c.location());
        m.put("offset", c.offset());
        m.put("length", c.length());
        m.put("payloadBytes", c.data().length);
        if (isText(c)) {
            m.put("preview", preview(c.text()));
        }
        return m;
    }

    private static boolean isText(Carrier c) {
        return c.type().equals(CarrierType.XMP) || c.type().equals(CarrierType.AIGC_JSON)
                || c.type().equals(CarrierType.EXPLICIT_TEXT) || c.type().toLowerCase(Locale.ROOT).contains("json");
    }

    /** The start of a text carrier on one line, control characters shown as escapes, never a raw byte dump. */
    static String preview(String text) {
        String collapsed = text.strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder sb = new StringBuilder();
        collapsed.codePoints().limit(PREVIEW_CHARS).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        if (collapsed.codePointCount(0, collapsed.length()) > PREVIEW_CHARS) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Every provider code in the labels found, explained, or the reason it is not a valid code. */
    private static List<Object> providerCodes(VerificationReport report) {
        Set<List<String>> seen = new LinkedHashSet<>();
        for (MarkFinding f : report.findings(ImplicitLabel.class)) {
            AigcLabel label = ((ImplicitLabel) f.mark()).label();
            addCode(seen, "ContentProducer", label.contentProducer());
            addCode(seen, "ContentPropagator", label.contentPropagator());
        }
        List<Object> out = new ArrayList<>();
        for (List<String> fieldAndCode : seen) {
            String code = fieldAndCode.get(1);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", fieldAndCode.get(0));
            m.put("code", code);
            Optional<String> problem = ProviderCode.validate(code);
            m.put("valid", problem.isEmpty());
            m.put("explanation", problem.isEmpty() ? new ProviderCode(code).explain() : problem.get());
            out.add(m);
        }
        return out;
    }

    private static void addCode(Set<List<String>> seen, String field, String code) {
        if (code != null && !code.isEmpty()) {
            seen.add(List.of(field, code));
        }
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.get("file")).append(": ").append(r.get("format")).append(" (").append(r.get("mediaType"))
                .append("), ").append(r.get("size")).append(" bytes\n");
        List<Map<String, Object>> carriers = (List<Map<String, Object>>) r.get("carriers");
        sb.append("carriers: ").append(carriers.isEmpty() ? "none" : carriers.size()).append('\n');
        for (Map<String, Object> c : carriers) {
            sb.append("  ").append(c.get("type")).append(" at ").append(c.get("location")).append(" (");
            if (((Number) c.get("offset")).longValue() >= 0) {
                sb.append("offset ").append(c.get("offset")).append(", length ").append(c.get("length")).append(", ");
            }
            sb.append("payload ").append(c.get("payloadBytes")).append(" bytes)\n");
            if (c.containsKey("preview")) {
                sb.append("    ").append(c.get("preview")).append('\n');
            }
        }
        List<Map<String, Object>> problems = (List<Map<String, Object>>) r.get("problems");
        sb.append("container problems: ").append(problems.isEmpty() ? "none" : problems.size()).append('\n');
        for (Map<String, Object> p : problems) {
            sb.append("  ").append(p.get("severity")).append(' ').append(p.get("code")).append(": ")
                    .append(p.get("message")).append('\n');
        }
        List<Map<String, Object>> codes = (List<Map<String, Object>>) r.get("providerCodes");
        if (!codes.isEmpty()) {
            sb.append("provider codes:\n");
            for (Map<String, Object> c : codes) {
                sb.append("  ").append(c.get("field")).append(' ')
                        .append(Boolean.TRUE.equals(c.get("valid")) ? "" : "INVALID " + c.get("code") + ": ")
                        .append(c.get("explanation")).append('\n');
            }
        }
        return sb.toString();
    }
}
