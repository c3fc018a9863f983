package dev.aigcmark.server;

import dev.aigcmark.core.Verifier;
import dev.aigcmark.core.report.BatchSummary;
import dev.aigcmark.core.report.ExitCodes;
import dev.aigcmark.core.report.ReportJson;
import dev.aigcmark.core.report.Requirement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/verify}: verifies one file (the body) or several (multipart parts) and answers 200 with the
 * document {@code aigc verify --json} prints for them, built by the same code ({@link ReportJson#batchDocument}).
 * The verdict is in the body ({@code exitCode}, each report's {@code state}) and in {@code Aigc-Exit-Code}; the
 * HTTP status says only whether verification ran.
 */
final class VerifyEndpoint implements Endpoint {
    private static final Set<String> PARAMETERS = Set.of("name", "require");

    private final Intake intake;
    private final Verifier verifier;
    private final ServerConfig config;
    private final ServerMetrics metrics;

    VerifyEndpoint(Intake intake, ServerConfig config, ServerMetrics metrics) {
        this.intake = intake;
        this.verifier = new Verifier(config.verification());
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange ex) throws Exception {
        intake.receive(ex, PARAMETERS, (ticket, params, files) -> {
            Set<Requirement> required = requirements(params.list("require"));
            List<Requirement.Outcome> outcomes = intake.work(ticket, () -> {
                List<Requirement.Outcome> list = new ArrayList<>();
                for (Uploads.Upload file : files) {
                    list.add(Requirement.apply(verifier.verify(file.file(), file.name()), required));
                }
                return list;
            }, config.verifyDeadline());
            BatchSummary summary = new BatchSummary();
            List<Map<String, Object>> reports = new ArrayList<>();
            List<Integer> codes = new ArrayList<>();
            for (Requirement.Outcome o : outcomes) {
                summary.add(o.report());
                reports.add(o.toMap());
                codes.add(o.exitCode());
                metrics.verdict(BatchSummary.stateOf(o.report()));
            }
            int exit = ExitCodes.worst(codes);
            ex.outcome("exit=" + exit + " states=" + outcomes.stream().map(o -> BatchSummary.stateOf(o.report()))
                    .collect(Collectors.joining(",")));
            ex.response().getHeaders().put("Aigc-Exit-Code", Integer.toString(exit));
            Responses.text(ex.response(), 200, Responses.JSON,
                    ReportJson.toJson(ReportJson.batchDocument(reports, summary, exit)) + "\n");
        });
    }

    private static Set<Requirement> requirements(List<String> names) throws ApiException {
        Set<Requirement> set = EnumSet.noneOf(Requirement.class);
        for (String n : names) {
            try {
                set.add(Requirement.valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("require=" + n + ": use label, c2pa or watermark");
            }
        }
        return set;
    }
}
