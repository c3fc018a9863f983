package dev.aigcmark.video.internal.pipeline;

import org.jcodec.common.logging.LogSink;
import org.jcodec.common.logging.Logger;
import org.jcodec.common.logging.Message;

/**
 * jcodec logs to standard output unless a sink is installed before its first message ("[ERROR] Broken atom"
 * millions of times on a damaged file, in the middle of a command's result). This sends its messages to the
 * JDK's {@link System.Logger} facade under {@code org.jcodec}, like every other library the SDK uses, where the
 * application decides what to keep (the {@code aigc} CLI: nothing, unless {@code --log-level} says otherwise).
 */
final class JcodecLogging {
    private static final System.Logger LOG = System.getLogger("org.jcodec");
    private static boolean installed;

    private JcodecLogging() {
    }

    static synchronized void install() {
        if (!installed) {
            LogSink sink = JcodecLogging::forward;
            Logger.addSink(sink);
            installed = true;
        }
    }

    private static void forward(Message m) {
        System.Logger.Level level = switch (m.getLevel()) {
            case ERROR -> System.Logger.Level.ERROR;
            case WARN -> System.Logger.Level.WARNING;
            case INFO -> System.Logger.Level.INFO;
            default -> System.Logger.Level.DEBUG;
        };
        if (LOG.isLoggable(level)) {
            LOG.log(level, m.getMessage());
        }
    }
}
