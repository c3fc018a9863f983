package dev.aigcmark.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people write it, one syntax for every time option of the CLI: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 250us}, or plain seconds ({@code 30}, {@code 2.5}, {@code 1e-6}: scripts written
 * when the budget options took seconds keep working). Greater than zero and at most seven days.
 */
final class Durations implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?(?:e-?\\d{1,2})?)\\s*(ns|us|ms|s|m|h)?");
    private static final Duration LONGEST = Duration.ofDays(7);

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 1h)");
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
            throw new TypeConversionException("'" + value + "' is out of range (more than 0, at most 7 days)");
        }
        return Duration.ofNanos(Math.max(1, nanos.longValue()));
    }
}
