package dev.aigcmark.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * A byte count as people write it, one syntax for every size option of the CLI: {@code 1048576}, {@code 256K},
 * {@code 256M}, {@code 2G}, with an optional {@code B} ({@code 256MB}); K, M and G are powers of 1024.
 */
final class Sizes implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
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
            throw new TypeConversionException("'" + value + "' is not a size (e.g. 1048576, 256K, 256M, 2G)");
        }
    }
}
