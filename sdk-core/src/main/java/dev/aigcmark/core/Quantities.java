package dev.aigcmark.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and byte sizes as people write them, one syntax for every command line and configuration of the SDK
 * ({@code aigc}, {@code aigc serve}, {@code aigc-spark}), so a budget written for one works in the others.
 */
public final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?(?:e-?\\d{1,2})?)\\s*(ns|us|ms|s|m|h)?");
    private static final Duration LONGEST = Duration.ofDays(7);

    private Quantities() {
    }

    /**
     * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 250us}, or plain seconds ({@code 30}, {@code 2.5},
     * {@code 1e-6}: scripts written when the budget options took seconds keep working); greater than zero and at most
     * seven days.
     *
     * @throws IllegalArgumentException when {@code text} is not such a duration
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 30s, 5m, 1h)");
        }
        // BigDecimal: "1e-9" seconds is one nanosecond exactly, not a double rounded down to zero.
        BigDecimal nanosPerUnit = BigDecimal.valueOf(switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        });
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
        if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.valueOf(LONGEST.toNanos())) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range (more than 0, at most 7 days)");
        }
        return Duration.ofNanos(Math.max(1, nanos.longValue()));
    }

    /**
     * A positive byte count: {@code 1048576}, {@code 256K}, {@code 256M}, {@code 2G}, with an optional {@code B}
     * ({@code 256MB}); K, M and G are powers of 1024.
     *
     * @throws IllegalArgumentException when {@code text} is not such a size
     */
    public static long size(String text) {
        String v = text.strip().toUpperCase(Locale.ROOT);
        if (v.endsWith("B")) {
            v = v.substring(0, v.length() - 1);
        }
        long unit = 1;
        if (!v.isEmpty() && "KMG".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(v.charAt(v.length() - 1)) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 1048576, 256K, 256M, 2G)");
        }
    }

    /**
     * A positive count ({@code 100000}).
     *
     * @throws IllegalArgumentException when {@code text} is not a positive whole number
     */
    public static long count(String text) {
        try {
            long n = Long.parseLong(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive count");
    }
}
