package dev.aigcmark.video.internal.frames;

import dev.aigcmark.core.label.ExplicitLabelWording;

import java.util.Objects;

/**
 * The explicit label drawn on a video's opening frames (GB 45438: at least 2 s at normal speed, glyphs at
 * least 5 % of the shortest side, on an edge or corner).
 *
 * @param text           the wording; must contain the AI and generation elements
 * @param seconds        how long it shows from the first frame, at least 2
 * @param heightFraction glyph height as a fraction of the shortest side, at least 0.05
 * @param corner         where: {@code bottom-right}, {@code bottom-left}, {@code top-right}, {@code top-left}
 */
public record LabelStyle(String text, double seconds, double heightFraction, String corner) {
    public static final double MIN_SECONDS = 2.0;
    public static final double MIN_HEIGHT_FRACTION = 0.05;

    public LabelStyle {
        ExplicitLabelWording.requireConforming(Objects.requireNonNull(text, "text"));
        if (!(seconds >= MIN_SECONDS)) {
            throw new IllegalArgumentException("the label must show for at least 2 s, not " + seconds);
        }
        if (!(heightFraction >= MIN_HEIGHT_FRACTION && heightFraction <= 0.5)) {
            throw new IllegalArgumentException("label height must be 5–50 % of the shortest side, not " + heightFraction);
        }
        corner = corner == null ? "bottom-right" : corner;
        if (!corner.matches("(top|bottom)-(left|right)")) {
            throw new IllegalArgumentException("corner must be top-left, top-right, bottom-left or bottom-right: " + corner);
        }
    }

    /** The default: "AI生成", 2.5 s (a margin over the 2 s minimum for frame timing), 6 % high, bottom right. */
    public static LabelStyle defaults(String text) {
        return new LabelStyle(text == null ? ExplicitLabelWording.DEFAULT : text, 2.5, 0.06, "bottom-right");
    }
}
