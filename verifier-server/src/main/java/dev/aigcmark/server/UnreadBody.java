package dev.aigcmark.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads and discards what is left of a request body before a refusal is answered (an unknown parameter, a missing
 * token, a busy service: all found before the body is read). Answering and closing while the client is still
 * sending makes the kernel reset the connection, and the reset can discard the answer before the client reads it:
 * the client sees "no bytes" instead of its 400 — by chance, depending on how much of the body had arrived (CI
 * failed on it at load 30). Kept open instead, the connection would carry the rest of the body into the next
 * request. So a body within the service's limits is drained first, as an upload would be read (the same size cap
 * and upload deadline); past them, or when reading fails, the connection closes, as for 408 and 413.
 */
final class UnreadBody {
    private static final int BUFFER = 64 * 1024;

    private UnreadBody() {
    }

    /** Whether the whole body has now been read (the connection can then serve the next request). */
    static boolean drain(Request request, long maxBytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes || System.nanoTime() - deadline > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
