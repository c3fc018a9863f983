package dev.aigcmark.cli;

import java.util.List;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One switch for everything the libraries log. The SDK and its libraries log through the JDK's facade
 * ({@link System.Logger}, backed by java.util.logging): PDFBox through commons-logging (which uses
 * java.util.logging when nothing else is present), jcodec through the SDK's bridge, ImageIO directly. So the
 * CLI configures java.util.logging once: silent by default (stdout carries the result, stderr our messages),
 * {@code --log-level LEVEL} or {@code --verbose} (warnings) lets library messages through to stderr, one line
 * each. Done in {@code main} only: logging is process-wide, and a host embedding the CLI keeps its own.
 */
final class LibraryLogging {
    /** Strong reference: java.util.logging holds loggers weakly, and a collected root would lose its level. */
    private static final Logger ROOT = Logger.getLogger("");

    /** The values of {@code --log-level}. */
    enum Threshold {
        off(Level.OFF), error(Level.SEVERE), warning(Level.WARNING), info(Level.INFO), debug(Level.ALL);

        final Level level;

        Threshold(Level level) {
            this.level = level;
        }
    }

    private LibraryLogging() {
    }

    static void configure(String[] args) {
        Level level = level(List.of(args));
        LogManager.getLogManager().reset(); // drops the default console handler and its two-line records
        ROOT.setLevel(level);
        if (level != Level.OFF) {
            ConsoleHandler handler = new ConsoleHandler(); // System.err
            handler.setLevel(level);
            handler.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord r) {
                    return "aigc: [" + r.getLevel().getName().toLowerCase(Locale.ROOT) + "] " + r.getLoggerName()
                            + ": " + formatMessage(r) + System.lineSeparator();
                }
            });
            ROOT.addHandler(handler);
        }
    }

    /** From {@code --log-level X} / {@code --log-level=X}; {@code --verbose} alone means warnings. */
    static Level level(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.startsWith("--log-level=") ? a.substring("--log-level=".length())
                    : a.equals("--log-level") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (value != null) {
                try {
                    return Threshold.valueOf(value.toLowerCase(Locale.ROOT)).level;
                } catch (IllegalArgumentException e) {
                    return Level.OFF; // picocli reports the bad value as a usage error
                }
            }
        }
        return args.contains("--verbose") ? Level.WARNING : Level.OFF;
    }
}
