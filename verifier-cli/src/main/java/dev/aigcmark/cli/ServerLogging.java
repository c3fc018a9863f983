package dev.aigcmark.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where {@code aigc serve} logs: the service's loggers (one access line per request, start and stop) at INFO on
 * stderr, one line each with a UTC time stamp, as a log collector behind a load balancer expects; Jetty (through
 * SLF4J's java.util.logging binding) only from WARNING.
 */
final class ServerLogging {
    /** Strong references: java.util.logging holds loggers weakly, and a collected logger forgets its level. */
    private static final Logger SERVER = Logger.getLogger("dev.aigcmark.server");
    private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

    private ServerLogging() {
    }

    static void toStderr() {
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter(new OneLine());
        SERVER.setUseParentHandlers(false);
        SERVER.setLevel(Level.INFO);
        SERVER.addHandler(handler);
        JETTY.setUseParentHandlers(false);
        JETTY.setLevel(Level.WARNING);
        JETTY.addHandler(handler);
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder().append(r.getInstant()).append(' ').append(r.getLevel().getName())
                    .append(' ').append(shortName(r.getLoggerName())).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }

        private static String shortName(String logger) {
            if (logger == null) {
                return "-";
            }
            return logger.startsWith("dev.aigcmark.server.") ? logger.substring("dev.aigcmark.server.".length()) : logger;
        }
    }
}
