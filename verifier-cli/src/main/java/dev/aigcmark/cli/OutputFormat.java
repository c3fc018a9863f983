package dev.aigcmark.cli;

/** How {@code aigc verify} prints: one option for every form, so new forms (e.g. crJSON) slot in beside these. */
enum OutputFormat {
    /** A report per file for people, then a summary line. */
    TEXT,
    /** One JSON document: schemaVersion, exitCode, summary, reports (held until the end: for small batches). */
    JSON,
    /** JSON Lines: one report per line as soon as it is ready, then one summary line (constant memory). */
    JSONL,
    /**
     * The C2PA view: one crJSON document (C2PA's Content Credentials JSON report) per file, one per line, each
     * naming its file in {@code extras:source}; no summary line. The exit code is the same as for the other forms.
     */
    CRJSON
}
