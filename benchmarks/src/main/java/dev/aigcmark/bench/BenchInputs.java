package dev.aigcmark.bench;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real-content inputs for the baseline-paired benchmarks: the camera photos in {@code ../shared/vectors/photos}
 * (re-encoded without their metadata, so we mark plain pixels), synthetic pictures of the same size when that
 * folder is absent, and a large MP4 made by stream-copying a short clip with ffmpeg. Each input file is made once
 * and kept in {@link #cacheDir()} (they are the same bytes every time), so a benchmark's setup does not re-encode
 * a 12 MP picture or re-make a 1 GB MP4 in every fork: in the quick profile that setup was a third of the time.
 * Benchmarks only read these files (a mark writes elsewhere).
 */
final class BenchInputs {
    /** JPEG quality of the re-encoded photos; the baselines encode at the same quality the marker keeps. */
    static final float JPEG_QUALITY = 0.90f;

    private BenchInputs() {
    }

    /** {@code src} resized to w×h with Java2D's bicubic interpolation, as packed RGB: the detection harnesses' 1080p photo. */
    static BufferedImage resizedBicubic(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** "1mp" (1024x759 Adobe photo) or "12mp" (4032x3024 Truepic photo) as pixels. */
    static BufferedImage photo(String size) throws IOException {
        String name = size.equals("12mp") ? "truepic-20230212-landscape.jpg" : "adobe-20220124-I.jpg";
        Optional<Path> file = sharedPhoto(name);
        if (file.isPresent()) {
            BufferedImage img = ImageIO.read(file.get().toFile());
            if (img != null) {
                return img;
            }
        }
        System.err.println("benchmarks: ../shared/vectors/photos/" + name + " not found; using a synthetic picture");
        return size.equals("12mp") ? BenchFiles.picture(4032, 3024, 12) : BenchFiles.picture(1024, 759, 1);
    }

    /** Writes {@code img} as a plain JPEG (quality {@link #JPEG_QUALITY}) or PNG, without metadata. */
    static Path write(BufferedImage img, String format, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            encode(img, format, out);
        }
        return file;
    }

    /**
     * The baseline encode: ImageIO's writer at its defaults (JPEG at {@code JPEG_QUALITY}), through a stream cached in
     * memory. (Until session 13 it went through {@code ImageIO.createImageOutputStream}, which caches in a temporary
     * file by ImageIO's default and copies it back, work the marker's encoders do not do: 1 MP PNG encode 0.87× CPU
     * without it. The baseline is the floor, so it is left out here too.)
     */
    static void encode(BufferedImage img, String format, OutputStream out) throws IOException {
        boolean png = format.equals("png");
        ImageWriter writer = png
                ? ImageIO.getImageWriters(javax.imageio.ImageTypeSpecifier.createFromRenderedImage(img), "png").next()
                : ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = null;
            if (!png) {
                param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static Optional<Path> sharedPhoto(String name) {
        String prop = System.getProperty("aigc.shared.dir");
        List<Path> roots = new ArrayList<>();
        if (prop != null) {
            roots.add(Path.of(prop));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            roots.add(p.resolveSibling("shared"));
            roots.add(p.resolve("shared"));
        }
        return roots.stream().map(r -> r.resolve("vectors/photos").resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    /** The photo of {@link #photo(String) size} written as {@code format} ("jpeg" or "png"), made once. */
    static Path photoFile(String size, String format) throws IOException {
        return cached("photo-" + size + "." + format, file -> write(photo(size), format, file));
    }

    /**
     * An MP4 of about {@code megabytes} MB: a 4 s 1280x720 lossless H.264 clip (ffmpeg), looped by stream copy
     * (no re-encoding, so making 1 GB takes seconds), made once. Without ffmpeg: the 2 s jcodec clip, and a message.
     */
    static Path largeMp4(int megabytes) throws IOException {
        if (!ffmpegWorks()) {
            System.err.println("benchmarks: ffmpeg is not available; the large MP4 is a 2 s jcodec clip");
            return cached("clip-jcodec.mp4", file -> Files.move(BenchFiles.clip(file.getParent()), file));
        }
        return cached("large-" + megabytes + "mb.mp4", big -> {
            Path seed = big.resolveSibling(big.getFileName() + ".seed.mp4");
            try {
                ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30", "-t", "4", "-c:v", "libx264",
                        "-preset", "ultrafast", "-qp", "0", seed.toString());
                long loops = Math.max(0, (long) megabytes * 1_000_000 / Files.size(seed) - 1);
                ffmpeg("-stream_loop", Long.toString(loops), "-i", seed.toString(), "-c", "copy", "-f", "mp4",
                        big.toString());
            } finally {
                Files.deleteIfExists(seed);
            }
        });
    }

    /** Makes an input file. */
    interface Maker {
        void make(Path file) throws IOException;
    }

    /**
     * {@code name} in the cache folder, made by {@code maker} when absent: into a temporary name first, then
     * renamed, so a run that is stopped (or two runs at once) never leave a half-made input behind.
     */
    static Path cached(String name, Maker maker) throws IOException {
        Path dir = Files.createDirectories(cacheDir());
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path temp = dir.resolve(name + "." + ProcessHandle.current().pid() + ".part");
        try {
            maker.make(temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    /**
     * Where made inputs are kept: {@code -Daigc.bench.inputs=DIR} ({@code benchmarks/run.sh} passes
     * {@code benchmarks/target/bench-inputs}, so {@code mvn clean} removes them), else a folder in the temp dir.
     */
    static Path cacheDir() {
        String dir = System.getProperty("aigc.bench.inputs");
        return dir != null ? Path.of(dir)
                : Path.of(System.getProperty("java.io.tmpdir"), "aigc-bench-inputs-" + System.getProperty("user.name"));
    }

    private static boolean ffmpegWorks() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void ffmpeg(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error", "-nostdin"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg took over 10 minutes: " + cmd);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg ran", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg failed (exit " + p.exitValue() + "): " + cmd);
        }
    }
}
