package dev.aigcmark.core;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.FormatHandler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/** Picks the handler for an input by its leading bytes (handlers in priority order; the first that accepts wins). */
public final class Formats {
    private static final int MAX_SNIFF = 4096;

    private Formats() {
    }

    public static Optional<FormatHandler> detect(SdkContext context, MediaInput input) throws IOException {
        int want = 0;
        for (FormatHandler h : context.handlers()) {
            want = Math.max(want, h.sniffLength());
        }
        want = (int) Math.min(Math.min(want, MAX_SNIFF), input.size());
        byte[] head = input.readFully(0, want);
        String fileName = fileName(input.name());
        for (FormatHandler h : context.handlers()) {
            if (h.sniff(head, head.length, fileName)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    static String describeHead(MediaInput input) {
        try {
            int n = (int) Math.min(8, input.size());
            if (n == 0) {
                return "empty file";
            }
            return "starts with " + HexFormat.ofDelimiter(" ").formatHex(input.readFully(0, n));
        } catch (IOException e) {
            return "cannot read its first bytes";
        }
    }

    /** The file-name part of an input's name (a path or a caller's label), for sniffing and titles. */
    public static String fileName(String name) {
        try {
            Path p = Path.of(name).getFileName();
            return p == null ? name : p.toString();
        } catch (RuntimeException e) {
            return name;
        }
    }
}
