package dev.aigcmark.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/**
 * Options several commands share (home, trust, limits, codec), declared in code with picocli's model API rather than
 * by annotation: {@code aigc verify} is built without annotation reflection, which was the largest part of its
 * start-up (picocli reads each annotation through a generated proxy class). Each command holds its own instance, and
 * the values are read from the option specs after parsing.
 */
interface OptionGroup {

    /** Adds this group's options to {@code command}; once, since an option belongs to one command. */
    void addTo(CommandSpec command);

    /** An annotated command that carries option groups: {@link AigcCommand} adds them to its model. */
    interface Carrier {
        List<OptionGroup> optionGroups();
    }

    /** picocli's {@code -h/--help} and {@code -V/--version}, as {@code mixinStandardHelpOptions} declares them. */
    static void addStandardHelpOptions(CommandSpec command) {
        command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .description("Show this help message and exit.").build());
        command.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                .description("Print version information and exit.").build());
    }

    /** The value of a repeatable option: what was given, or an empty list when it was not. */
    static <T> List<T> values(picocli.CommandLine.Model.ArgSpec arg) {
        List<T> v = arg.getValue();
        return v == null ? List.of() : v;
    }
}
