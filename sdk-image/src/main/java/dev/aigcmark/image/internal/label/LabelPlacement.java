package dev.aigcmark.image.internal.label;

import java.util.Locale;

/** Where the visible label goes: a corner or the middle of an edge (GB 45438 asks for an edge or corner). */
public enum LabelPlacement {
    TOP_LEFT, TOP, TOP_RIGHT, LEFT, RIGHT, BOTTOM_LEFT, BOTTOM, BOTTOM_RIGHT;

    public static final LabelPlacement DEFAULT = BOTTOM_RIGHT;

    /** Parses {@code bottom-right}, {@code top_left}, {@code TOP}...; null or blank gives the default. */
    public static LabelPlacement parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown label placement '" + text
                    + "' (use top-left, top, top-right, left, right, bottom-left, bottom, bottom-right)");
        }
    }

    /** -1 left, 0 centre, 1 right. */
    int horizontal() {
        return switch (this) {
            case TOP_LEFT, LEFT, BOTTOM_LEFT -> -1;
            case TOP, BOTTOM -> 0;
            default -> 1;
        };
    }

    /** -1 top, 0 middle, 1 bottom. */
    int vertical() {
        return switch (this) {
            case TOP_LEFT, TOP, TOP_RIGHT -> -1;
            case LEFT, RIGHT -> 0;
            default -> 1;
        };
    }
}
