package dev.aigcmark.cli;

import dev.aigcmark.core.ReadLimitOption;
import dev.aigcmark.core.ReadLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

import java.util.EnumMap;
import java.util.Map;

/**
 * The per-file budget a platform may raise (or lower): the {@link ReadLimitOption}s, shared by {@code verify},
 * {@code inspect}, {@code mark} and {@code serve}. Unset options keep {@link ReadLimits#defaults()}. A file over any
 * limit is UNREADABLE (exit 4) with a status code naming the limit; the batch goes on.
 */
final class LimitOptions implements OptionGroup {

    private final Map<ReadLimitOption, OptionSpec> options = new EnumMap<>(ReadLimitOption.class);

    LimitOptions() {
        for (ReadLimitOption o : ReadLimitOption.values()) {
            options.put(o, OptionSpec.builder(o.names().toArray(String[]::new)).paramLabel(o.unit().paramLabel())
                    .type(String.class).description(o.description()).converters(value -> {
                        try {
                            o.check(value); // a malformed value is a usage error as the command line is read
                            return value;
                        } catch (IllegalArgumentException e) {
                            throw new TypeConversionException(e.getMessage());
                        }
                    }).build());
        }
    }

    @Override
    public void addTo(CommandSpec command) {
        options.values().forEach(command::addOption);
    }

    /** {@code base} with the options given; {@code marking} decides which timeouts the time options set. */
    ReadLimits apply(ReadLimits base, boolean marking) {
        ReadLimits limits = base;
        for (Map.Entry<ReadLimitOption, OptionSpec> e : options.entrySet()) {
            String value = e.getValue().getValue();
            if (value != null) {
                try {
                    limits = e.getKey().applyTo(limits, value, marking);
                } catch (IllegalArgumentException ex) {
                    throw CliException.usage("limits: " + ex.getMessage());
                }
            }
        }
        return limits;
    }
}
