package dev.aigcmark.video.internal.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The codec backends on the class path ({@link ServiceLoader} of {@link VideoCodecBackend}): jcodec always, FFmpeg
 * when {@code sdk-video-ffmpeg} and its natives are present. The default is the available backend of highest
 * priority, so adding the FFmpeg module makes it the default and removing it (or natives that fail to load)
 * falls back to jcodec.
 */
public final class VideoBackends {
    private static volatile List<VideoCodecBackend> loaded;

    private VideoBackends() {
    }

    /** Every backend found, highest priority first (including unavailable ones, for {@code aigc formats}). */
    public static List<VideoCodecBackend> all() {
        List<VideoCodecBackend> list = loaded;
        if (list == null) {
            List<VideoCodecBackend> found = new ArrayList<>();
            ServiceLoader.load(VideoCodecBackend.class, VideoBackends.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparingInt(VideoCodecBackend::priority).reversed()
                    .thenComparing(VideoCodecBackend::name));
            loaded = list = List.copyOf(found);
        }
        return list;
    }

    /** The available backend of highest priority. */
    public static VideoCodecBackend preferred() {
        return all().stream().filter(b -> b.unavailable() == null).findFirst()
                .orElseGet(JcodecBackend::new);
    }

    /** The backend called {@code name}, if it is on the class path (it may still be unavailable). */
    public static Optional<VideoCodecBackend> named(String name) {
        return all().stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * {@code name} when given (an error naming the choices when it is absent or cannot run), else
     * {@link #preferred()}.
     */
    public static VideoCodecBackend choose(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
            return preferred();
        }
        VideoCodecBackend b = named(name).orElseThrow(() -> new IllegalArgumentException("no video backend '" + name
                + "'; available: " + all().stream().map(VideoCodecBackend::name).toList()));
        if (b.unavailable() != null) {
            throw new IllegalArgumentException("the " + b.name() + " video backend cannot run here: " + b.unavailable());
        }
        return b;
    }
}
