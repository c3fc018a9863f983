package dev.aigcmark.cli;

import dev.aigcmark.core.Quantities;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** {@link Quantities#duration}'s syntax for every time option of the CLI: {@code 500ms}, {@code 30s}, plain seconds. */
final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Quantities.duration(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
