package dev.aigcmark.core.internal.bmff;

import java.util.ArrayList;
import java.util.List;

/**
 * How absolute file offsets move when a rewrite changes the size of some regions: an offset at or past
 * the old end of an edited region moves by that region's size change. An insertion is a region of old length
 * zero. Offsets before every edit stay where they are (a {@code moov} at the end moves no sample).
 */
public final class OffsetMap {
    private record Edit(long oldEnd, long delta) {
    }

    private final List<Edit> edits = new ArrayList<>();

    /** Region {@code [oldStart, oldEnd)} of the input becomes {@code delta} bytes longer (or shorter). */
    public OffsetMap edit(long oldEnd, long delta) {
        if (delta != 0) {
            edits.add(new Edit(oldEnd, delta));
        }
        return this;
    }

    public long map(long offset) {
        long moved = offset;
        for (Edit e : edits) {
            if (offset >= e.oldEnd) {
                moved += e.delta;
            }
        }
        return moved;
    }

    public boolean isIdentity() {
        return edits.isEmpty();
    }
}
