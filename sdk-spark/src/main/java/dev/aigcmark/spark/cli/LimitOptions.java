package dev.aigcmark.spark.cli;

import dev.aigcmark.core.ReadLimitOption;
import dev.aigcmark.core.ReadLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The per-file budget every executor applies ({@link dev.aigcmark.spark.VerifySettings.Builder#limits}): the same
 * {@link ReadLimitOption}s as {@code aigc verify} and {@code aigc mark}, added to each job command's model when the
 * command line is built, and read back from it.
 */
final class LimitOptions {

    private LimitOptions() {
    }

    static void addTo(CommandSpec command) {
        for (ReadLimitOption o : ReadLimitOption.values()) {
            command.addOption(OptionSpec.builder(o.names().toArray(String[]::new)).paramLabel(o.unit().paramLabel())
                    .type(String.class).description(o.description()).converters(value -> {
                        try {
                            o.check(value); // a typo fails the submission, not a task
                            return value;
                        } catch (IllegalArgumentException e) {
                            throw new TypeConversionException(e.getMessage());
                        }
                    }).build());
        }
    }

    /** The defaults with the options given to {@code command}; {@code marking} picks the time limits set. */
    static ReadLimits read(CommandSpec command, boolean marking) {
        ReadLimits limits = ReadLimits.defaults();
        for (ReadLimitOption o : ReadLimitOption.values()) {
            String value = command.findOption(o.names().get(0)).getValue();
            if (value != null) {
                limits = o.applyTo(limits, value, marking); // IllegalArgumentException: exit 2, as other usage errors
            }
        }
        return limits;
    }
}
