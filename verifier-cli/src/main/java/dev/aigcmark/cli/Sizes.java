package dev.aigcmark.cli;

import dev.aigcmark.core.Quantities;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@link Quantities#size}'s syntax for every size option of the CLI: {@code 1048576}, {@code 256K}, {@code 2G}. */
final class Sizes implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Quantities.size(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
