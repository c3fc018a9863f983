package dev.aigcmark.spark.cli;

import dev.aigcmark.spark.TableFormat;

import java.util.Locale;

/** Option values shared by the commands. */
final class Formats {
    private Formats() {
    }

    static TableFormat table(String name) {
        try {
            return TableFormat.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown table format '" + name + "': parquet or jsonl");
        }
    }
}
