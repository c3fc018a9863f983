/**
 * What verification finds, as facts: {@link dev.aigcmark.core.report.VerificationReport} (marks, cross-checks,
 * diagnostics), typed status codes in one registry ({@link dev.aigcmark.core.report.StatusCodes}; C2PA codes
 * verbatim), trust states, exit codes, the platform verdict with its prompt, and the JSON and text forms of the CLI.
 *
 * <p>Example (run by {@code ApiExamplesTest}): the report of an unmarked picture, as JSON.
 * <pre>{@code
 * VerificationReport report = new Verifier(SdkContext.defaults()).verify(Path.of("photo.jpg"));
 * System.out.println(report.state()); // prints: NONE
 * System.out.println(report.marks().isEmpty()); // prints: true
 * Map<String, Object> json = ReportJson.toMap(report); // what ReportJson.toJson(report) writes
 * System.out.println(json.get("state") + " " + json.get("format")); // prints: NONE jpeg
 * }</pre>
 */
package dev.aigcmark.core.report;
