package dev.aigcmark.core.report;

import java.util.Map;

/** The human-readable form of a report, as {@code aigc verify} prints it without {@code --json}. */
public final class ReportText {

    private ReportText() {
    }

    public static String format(VerificationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.source()).append(": ").append(r.unreadable() ? "UNREADABLE" : r.state().name());
        if (r.format() != null) {
            sb.append(" (").append(r.format()).append(')');
        }
        PlatformVerdict.decide(r, false).ifPresent(v -> sb.append(", Label ").append(v.label().code()).append(" = ")
                .append(v.label().description()).append("\n  display: ").append(v.prompt().zh()).append(" / ")
                .append(v.prompt().en()));
        sb.append('\n');
        r.unreadableReason().ifPresent(reason -> sb.append("  error: ").append(reason).append('\n'));
        for (MarkFinding f : r.marks()) {
            sb.append("  [").append(f.state()).append("] ").append(f.mark().kind()).append(" in ")
                    .append(f.mark().carrier());
            if (f.signer() != null) {
                sb.append(", signed by ").append(f.signer());
            }
            sb.append('\n');
            for (Map.Entry<String, Object> e : f.mark().describe().entrySet()) {
                sb.append("      ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            f.statuses().forEach(s -> line(sb, "    ", s));
        }
        r.crossChecks().forEach(s -> line(sb, "  xref ", s));
        r.diagnostics().forEach(s -> line(sb, "  note ", s));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String indent, Status s) {
        String mark = switch (s.severity()) {
            case SUCCESS -> "ok  ";
            case INFORMATIONAL -> "info";
            case FAILURE -> "FAIL";
        };
        sb.append(indent).append(mark).append(' ').append(s.code().id());
        if (!s.message().isEmpty()) {
            sb.append(": ").append(s.message());
        }
        sb.append('\n');
    }
}
