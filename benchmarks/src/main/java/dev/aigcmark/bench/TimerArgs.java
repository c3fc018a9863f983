package dev.aigcmark.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a CPU-time harness: positional arguments, the leading ones required, the rest with defaults.
 * Too few arguments print the usage line and exit 64 (EX_USAGE), as every harness did on its own before.
 */
final class TimerArgs {
    private final String[] args;

    private TimerArgs(String[] args) {
        this.args = args;
    }

    /** {@code args}, of which the first {@code required} must be given; else {@code usage} on stderr and exit 64. */
    static TimerArgs of(String[] args, int required, String usage) {
        if (args.length < required) {
            System.err.println("usage: " + usage);
            System.exit(64);
        }
        return new TimerArgs(args);
    }

    String text(int index, String absent) {
        return index < args.length ? args[index] : absent;
    }

    int number(int index, int absent) {
        return index < args.length ? Integer.parseInt(args[index]) : absent;
    }

    double decimal(int index, double absent) {
        return index < args.length ? Double.parseDouble(args[index]) : absent;
    }

    /** The arguments from {@code index} on, as numbers ({@code absent} when there are none). */
    List<Integer> numbersFrom(int index, List<Integer> absent) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = index; i < args.length; i++) {
            numbers.add(Integer.parseInt(args[i]));
        }
        return numbers.isEmpty() ? absent : numbers;
    }
}
