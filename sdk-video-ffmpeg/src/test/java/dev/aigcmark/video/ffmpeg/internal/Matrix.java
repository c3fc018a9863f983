package dev.aigcmark.video.ffmpeg.internal;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which cases the FFmpeg tests run. {@code mvn verify} runs a fixed representative subset (every bar of issue 14 once:
 * each container, codec family and attack kind the default build must handle); the full matrix adds the
 * variations and runs with {@code -Daigc.video.full=true} (see README "Video", test time). The choice is a
 * system property, never chance: the same command always runs the same cases.
 */
final class Matrix {
    static final String PROPERTY = "aigc.video.full";

    private Matrix() {
    }

    static boolean full() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** {@code always} in every run, {@code fullOnly} too with {@code -Daigc.video.full=true}. */
    static Stream<Arguments> cases(List<Arguments> always, List<Arguments> fullOnly) {
        List<Arguments> all = new ArrayList<>(always);
        if (full()) {
            all.addAll(fullOnly);
        }
        return all.stream();
    }
}
