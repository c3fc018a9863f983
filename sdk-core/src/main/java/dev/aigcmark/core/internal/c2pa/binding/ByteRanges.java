package dev.aigcmark.core.internal.c2pa.binding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorted, merged {@code [start, end)} ranges: the excluded parts of an asset. */
final class ByteRanges {
    private ByteRanges() {
    }

    record Range(long start, long end) {
    }

    static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::start));
        List<Range> out = new ArrayList<>();
        for (Range r : sorted) {
            if (r.end() <= r.start()) {
                continue;
            }
            if (!out.isEmpty() && r.start() <= out.get(out.size() - 1).end()) {
                Range last = out.remove(out.size() - 1);
                out.add(new Range(last.start(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
