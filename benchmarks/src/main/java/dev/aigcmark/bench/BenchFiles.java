package dev.aigcmark.bench;

import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import org.jcodec.api.awt.AWTSequenceEncoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Inputs for the end-to-end benchmarks, made in @Setup: a development identity in a temporary home, and
 * photo-like pictures (gradients plus noise, so compressed sizes and watermark texture are realistic).
 */
final class BenchFiles {
    private BenchFiles() {
    }

    /** A context with a development identity created in {@code home}. */
    static SdkContext context(Path home) throws IOException {
        Clock clock = Clock.systemUTC();
        return SdkContext.defaults().toBuilder().clock(clock)
                .identity(IdentityStore.loadOrCreateDevelopment(home, clock)).build();
    }

    static BufferedImage picture(int width, int height, int seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / width + y * 128 / height + rnd.nextInt(24)) & 0xFF;
                img.setRGB(x, y, (v << 16) | ((255 - v) << 8) | ((v + x / 16) & 0xFF));
            }
        }
        return img;
    }

    static Path image(Path dir, String name, String format, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        if (!ImageIO.write(picture(width, height, 1), format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    static Path markdown(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("---\ntitle: Tides\n---\n# Tides\n\n");
        for (int i = 0; i < 40; i++) {
            text.append("The moon pulls the oceans toward it, and the earth turns beneath the bulge; paragraph ")
                    .append(i).append(".\n\n");
        }
        Path file = dir.resolve("note.md");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** 2 s of 320x240 H.264 at 12 fps (jcodec): a short clip, as in a feed. */
    static Path clip(Path dir) throws IOException {
        Path file = dir.resolve("clip.mp4");
        AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 12);
        for (int i = 0; i < 24; i++) {
            enc.encodeImage(picture(320, 240, i));
        }
        enc.finish();
        return file;
    }

    /** Marks {@code in} with everything the format takes (label, visible label, watermark, C2PA). */
    static Path marked(SdkContext context, Path in) throws IOException {
        Path out = in.resolveSibling("marked-" + in.getFileName());
        new Marker(context).mark(in, out, MarkIntent.builder().c2pa(true).build());
        return out;
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
