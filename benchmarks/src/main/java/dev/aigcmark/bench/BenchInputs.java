package dev.aigcmark.bench;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real-content inputs for the baseline-paired benchmarks: the camera photos in {@code ../shared/vectors/photos}
 * (re-encoded without their metadata, so we mark plain pixels), synthetic pictures of the same size when that
 * folder is absent, and a large MP4 made by stream-copying a short clip with ffmpeg.
 */
final class BenchInputs {
    /** JPEG quality of the re-encoded photos; the baselines encode at the same quality the marker keeps. */
    static final float JPEG_QUALITY = 0.90f;

    private BenchInputs() {
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

    static void encode(BufferedImage img, String format, OutputStream out) throws IOException {
        if (format.equals("png")) {
            ImageIO.write(img, "png", out);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
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

    /**
     * An MP4 of about {@code megabytes} MB: a 4 s 1280x720 lossless H.264 clip (ffmpeg), looped by stream copy
     * (no re-encoding, so making 1 GB takes seconds). Without ffmpeg: the 2 s jcodec clip, and a message.
     */
    static Path largeMp4(Path dir, int megabytes) throws IOException, InterruptedException {
        Path seed = dir.resolve("seed.mp4");
        if (!ffmpeg("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30", "-t", "4", "-c:v", "libx264",
                "-preset", "ultrafast", "-qp", "0", seed.toString())) {
            System.err.println("benchmarks: ffmpeg is not available; the large MP4 is a 2 s jcodec clip");
            return BenchFiles.clip(dir);
        }
        long loops = Math.max(0, (long) megabytes * 1_000_000 / Files.size(seed) - 1);
        Path big = dir.resolve("large.mp4");
        if (!ffmpeg("-stream_loop", Long.toString(loops), "-i", seed.toString(), "-c", "copy", big.toString())) {
            throw new IOException("ffmpeg could not loop the seed clip");
        }
        Files.delete(seed);
        return big;
    }

    private static boolean ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error", "-nostdin"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return false;
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
