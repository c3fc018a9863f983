package dev.aigcmark.core.report;

/** The three groups C2PA sorts its status codes into; our own codes use the same groups. */
public enum Severity {
    SUCCESS, INFORMATIONAL, FAILURE
}
