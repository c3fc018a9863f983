package dev.aigcmark.core.label;

import java.util.Optional;

/**
 * A 27-character GB 45438 service provider code (TC260 guide 20252A):
 * {@code 00} format, subject type, binding, the 18-character unified social credit code (USCC), service
 * type, and the provider's own 4-character model/application code.
 *
 * <p>Codes come from configuration. This class parses and explains them; it never makes one up.
 */
public record ProviderCode(String value) {

    public static final int LENGTH = 27;
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Parses a code, throwing with the reason when it is not valid. */
    public static ProviderCode parse(String value) {
        validate(value).ifPresent(reason -> {
            throw new IllegalArgumentException("invalid provider code '" + value + "': " + reason);
        });
        return new ProviderCode(value);
    }

    /** Why the code is invalid, or empty when it is valid. */
    public static Optional<String> validate(String value) {
        if (value == null || value.length() != LENGTH) {
            return Optional.of("must have " + LENGTH + " characters, has " + (value == null ? 0 : value.length()));
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return Optional.of("character " + (i + 1) + " '" + c + "' is not a digit or capital letter");
            }
        }
        if (!value.startsWith("00")) {
            return Optional.of("positions 1-2 must be the format code 00");
        }
        if ("12".indexOf(value.charAt(2)) < 0) {
            return Optional.of("position 3 (subject type) must be 1 (organisation) or 2 (individual)");
        }
        if (value.charAt(3) == '1') {
            Optional<String> uscc = validateUscc(value.substring(4, 22));
            if (uscc.isPresent()) {
                return uscc;
            }
        }
        if ("012".indexOf(value.charAt(22)) < 0) {
            return Optional.of("position 23 (service type) must be 0, 1 (generation) or 2 (propagation)");
        }
        return Optional.empty();
    }

    /** Checks an 18-character unified social credit code, including its mod-31 check character. */
    public static Optional<String> validateUscc(String uscc) {
        if (uscc.length() != 18) {
            return Optional.of("USCC must have 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (USCC_CHARS.indexOf(uscc.charAt(i)) < 0) {
                return Optional.of("USCC character " + (i + 1) + " '" + uscc.charAt(i) + "' is outside its charset");
            }
        }
        char expected = usccCheckChar(uscc.substring(0, 17));
        if (uscc.charAt(17) != expected) {
            return Optional.of("USCC check character is '" + uscc.charAt(17) + "', expected '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The mod-31 check character for the first 17 characters of a USCC (GB 32100-2015). */
    public static char usccCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC_CHARS.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character '" + first17.charAt(i) + "' is outside the USCC charset");
            }
            sum += v * USCC_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return USCC_CHARS.charAt(check);
    }

    public String subjectType() {
        return value.charAt(2) == '1' ? "organisation" : "individual";
    }

    public boolean boundToUscc() {
        return value.charAt(3) == '1';
    }

    public String uscc() {
        return value.substring(4, 22);
    }

    public String serviceType() {
        return switch (value.charAt(22)) {
            case '1' -> "generation";
            case '2' -> "propagation";
            default -> "unused";
        };
    }

    public String applicationCode() {
        return value.substring(23);
    }

    /** One line a person can read, e.g. for {@code aigc inspect}. */
    public String explain() {
        return String.format("%s: %s, USCC %s%s, %s service, application %s", value, subjectType(), uscc(),
                boundToUscc() ? "" : " (not bound)", serviceType(), applicationCode());
    }

    @Override
    public String toString() {
        return value;
    }
}
