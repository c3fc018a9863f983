package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.testing.ExternalTools;

import java.util.Arrays;
import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attacks of the robustness table, each made by the real tool a platform would use: ffmpeg (mjpeg,
 * libx264, swscale and its filters), libjpeg-turbo's {@code cjpeg}, libwebp's {@code cwebp}, or the JDK's
 * resamplers; then {@code exiftool -all=} strips the metadata of the file that comes out, and the pixels are
 * read back from that file. Every attack starts from the marked image saved losslessly as PNG.
 */
public final class RealAttacks {
    /** The tools these attacks run; the table and the tests check them with {@code ExternalTools.assumeTool}. */
    public static final List<String> TOOLS = List.of("ffmpeg", "cjpeg", "cwebp", "dwebp", "exiftool");

    /** One attack: a name for the table, a family for the summary, and what it does to a PNG file. */
    public record Attack(String name, String family, Step step) {
    }

    @FunctionalInterface
    public interface Step {
        /** Attacks {@code png} (the marked image), writing into {@code dir}; returns the file to read back. */
        Path apply(Path png, Path dir) throws IOException;
    }

    private RealAttacks() {
    }

    /** Every attack of the full table, in table order. */
    public static List<Attack> all() {
        List<Attack> a = new ArrayList<>();
        a.add(new Attack("none (PNG)", "none", (in, dir) -> in));
        for (int q : new int[] {2, 5, 8, 11, 15}) {
            a.add(new Attack("ffmpeg mjpeg -q:v " + q, "JPEG", (in, dir) -> ffmpegJpeg(in, dir, "", q)));
        }
        for (int q : new int[] {30, 50, 70, 95}) {
            a.add(new Attack("cjpeg -quality " + q + " 4:2:0", "JPEG", (in, dir) -> cjpeg(in, dir, q)));
        }
        for (int q : new int[] {30, 50, 70, 90}) {
            a.add(new Attack("cwebp -q " + q, "WebP", (in, dir) -> cwebp(in, dir, q)));
        }
        for (int crf : new int[] {23, 28, 35}) {
            a.add(new Attack("x264 CRF " + crf + " (one frame)", "H.264", (in, dir) -> x264(in, dir, crf)));
        }
        for (String flags : new String[] {"bicubic", "bilinear", "area", "lanczos"}) {
            for (double s : new double[] {0.3, 0.5, 0.75, 1.5, 2.0}) {
                a.add(new Attack("swscale " + flags + " " + s + "x", "scale",
                        (in, dir) -> ffmpegPng(in, dir, scale(s, s, flags))));
            }
        }
        for (double s : new double[] {0.3, 0.5, 0.75}) {
            a.add(new Attack("Java bicubic " + s + "x", "scale", (in, dir) -> javaResize(in, dir, s)));
        }
        for (double deg : new double[] {-5, -2, 2, 5}) {
            a.add(new Attack("rotate " + fmt(deg) + "° + border crop", "geometry", (in, dir) -> ffmpegPng(in, dir, rotate(deg))));
        }
        a.add(new Attack("aspect 0.9×1.0", "geometry", (in, dir) -> ffmpegPng(in, dir, scale(0.9, 1.0, "bicubic"))));
        a.add(new Attack("aspect 1.0×0.9", "geometry", (in, dir) -> ffmpegPng(in, dir, scale(1.0, 0.9, "bicubic"))));
        a.add(new Attack("mirror", "geometry", (in, dir) -> ffmpegPng(in, dir, "hflip")));
        double[][] offsets = {{0, 0}, {1, 1}, {0.5, 0.5}, {0.13, 0.71}};
        for (double[] o : offsets) {
            a.add(new Attack("crop 40% area at (" + fmt(o[0]) + "," + fmt(o[1]) + ")", "crop",
                    (in, dir) -> ffmpegPng(in, dir, crop(0.4, o[0], o[1]))));
        }
        a.add(new Attack("crop 64% area at (0.3,0.6)", "crop", (in, dir) -> ffmpegPng(in, dir, crop(0.64, 0.3, 0.6))));
        a.add(new Attack("crop 70% + 0.6x + mjpeg -q:v 8", "combined",
                (in, dir) -> ffmpegJpeg(in, dir, crop(0.7, 0.37, 0.61) + "," + scale(0.6, 0.6, "bicubic"), 8)));
        a.add(new Attack("crop 50% + 0.5x + cjpeg 60", "combined",
                (in, dir) -> cjpeg(ffmpegPng(in, dir, crop(0.5, 0.8, 0.2) + "," + scale(0.5, 0.5, "area")), dir, 60)));
        a.add(new Attack("0.5x + mjpeg -q:v 3", "combined", (in, dir) -> ffmpegJpeg(in, dir, scale(0.5, 0.5, "bicubic"), 3)));
        a.add(new Attack("rotate 2° + crop + mjpeg -q:v 5", "combined", (in, dir) -> ffmpegJpeg(in, dir, rotate(2), 5)));
        a.add(new Attack("brightness +30%", "photometric", (in, dir) -> ffmpegPng(in, dir, gain(1.3))));
        a.add(new Attack("brightness -30%", "photometric", (in, dir) -> ffmpegPng(in, dir, gain(0.7))));
        for (double c : new double[] {0.6, 1.4}) {
            a.add(new Attack("contrast " + c, "photometric", (in, dir) -> ffmpegPng(in, dir, "eq=contrast=" + c)));
        }
        for (double g : new double[] {0.7, 1.5}) {
            a.add(new Attack("gamma " + g, "photometric", (in, dir) -> ffmpegPng(in, dir, "eq=gamma=" + g)));
        }
        a.add(new Attack("saturation 0 (greyscale)", "photometric", (in, dir) -> ffmpegPng(in, dir, "eq=saturation=0")));
        a.add(new Attack("saturation 2", "photometric", (in, dir) -> ffmpegPng(in, dir, "eq=saturation=2")));
        a.add(new Attack("Gaussian blur σ 1.2", "photometric", (in, dir) -> ffmpegPng(in, dir, "gblur=sigma=1.2")));
        a.add(new Attack("noise (ffmpeg alls=12)", "photometric", (in, dir) -> ffmpegPng(in, dir, "noise=alls=12:all_seed=7")));
        a.add(new Attack("sharpen (unsharp 5:5:1.5)", "photometric", (in, dir) -> ffmpegPng(in, dir, "unsharp=5:5:1.5")));
        a.add(new Attack("screenshot (0.8x bilinear, PNG)", "photometric", (in, dir) -> ffmpegPng(in, dir, scale(0.8, 0.8, "bilinear"))));
        a.add(new Attack("BT.601 → BT.709 matrix", "photometric",
                // the colorspace filter refuses odd sizes (a 1024×683 photo): pad by one black row or column as x264 does
                (in, dir) -> ffmpegPng(in, dir, "pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv444p,colorspace=all=bt709"
                        + ":iall=bt601-6-625:fast=1,format=rgb24")));
        a.add(new Attack("YUV 4:2:0 round trip", "photometric", (in, dir) -> ffmpegPng(in, dir, "format=yuv420p,format=rgb24")));
        return a;
    }

    /** The hardest setting of each attack family (the table tool's {@code representative} choice). */
    public static List<Attack> representative() {
        return named("ffmpeg mjpeg -q:v 15", "cjpeg -quality 30 4:2:0", "cwebp -q 30",
                "x264 CRF 35 (one frame)", "swscale bilinear 0.3x", "swscale lanczos 2.0x", "rotate -5° + border crop",
                "aspect 0.9×1.0", "mirror", "crop 40% area at (1,1)", "crop 70% + 0.6x + mjpeg -q:v 8",
                "brightness -30%", "contrast 0.6", "Gaussian blur σ 1.2", "screenshot (0.8x bilinear, PNG)");
    }

    /** The attacks of {@link #all} with these names, in this order; an unknown name is an error. */
    public static List<Attack> named(String... names) {
        Map<String, Attack> byName = new LinkedHashMap<>();
        all().forEach(x -> byName.put(x.name(), x));
        return Arrays.stream(names).map(n -> {
            Attack a = byName.get(n);
            if (a == null) {
                throw new IllegalArgumentException("no attack named " + n);
            }
            return a;
        }).toList();
    }

    /** Runs the attack and reads the result (metadata stripped by exiftool first). */
    public static BufferedImage apply(Attack attack, Path png, Path dir) {
        try {
            Path out = attack.step().apply(png, dir);
            if (!out.equals(png)) {
                ExternalTools.run("exiftool", "-q", "-all=", "-overwrite_original", out.toString()).requireSuccess();
            }
            return read(out, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(Path file, Path dir) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".webp")) {
            Path png = dir.resolve("dwebp.png");
            ExternalTools.run("dwebp", "-quiet", file.toString(), "-o", png.toString()).requireSuccess();
            file = png;
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("unreadable attack output " + file);
        }
        return img;
    }

    static String scale(double sx, double sy, String flags) {
        return String.format(Locale.ROOT, "scale=trunc(iw*%s/2)*2:trunc(ih*%s/2)*2:flags=%s", sx, sy, flags);
    }

    /** Rotation about the centre, then the largest centred crop without border (same aspect). */
    static String rotate(double deg) {
        double r = Math.toRadians(Math.abs(deg));
        // a centred w·k × h·k rectangle fits inside the rotated w × h one when k ≤ 1 / (cos r + (max/min)·sin r)
        return String.format(Locale.ROOT, "rotate=%s:bilinear=1,crop=trunc(iw/(cos(%s)+max(iw/ih\\,ih/iw)*sin(%s))/2)*2"
                + ":trunc(ih/(cos(%s)+max(iw/ih\\,ih/iw)*sin(%s))/2)*2", Math.toRadians(deg), r, r, r, r);
    }

    /** A crop keeping {@code area} of the area (same aspect), its top-left at the fractions (fx, fy) of the slack. */
    static String crop(double area, double fx, double fy) {
        double side = Math.sqrt(area);
        return String.format(Locale.ROOT, "crop=trunc(iw*%s):trunc(ih*%s):trunc((iw-iw*%s)*%s):trunc((ih-ih*%s)*%s)",
                side, side, side, fx, side, fy);
    }

    static String gain(double g) {
        return String.format(Locale.ROOT, "colorchannelmixer=rr=%s:gg=%s:bb=%s", g, g, g);
    }

    static Path ffmpegPng(Path in, Path dir, String vf) {
        Path out = dir.resolve("attack.png");
        ffmpeg(in, vf, out, List.of("-pix_fmt", "rgb24"));
        return out;
    }

    static Path ffmpegJpeg(Path in, Path dir, String vf, int q) {
        Path out = dir.resolve("attack.jpg");
        // mjpeg wants full-range YUV; the format filter gives it 4:2:0 like every camera and platform
        String chain = (vf.isEmpty() ? "" : vf + ",") + "format=yuvj420p";
        ffmpeg(in, chain, out, List.of("-q:v", Integer.toString(q)));
        return out;
    }

    static Path cjpeg(Path in, Path dir, int quality) {
        Path ppm = dir.resolve("cjpeg-in.ppm");
        ffmpeg(in, "", ppm, List.of("-pix_fmt", "rgb24"));
        Path out = dir.resolve("attack-cjpeg.jpg");
        ExternalTools.run("cjpeg", "-quality", Integer.toString(quality), "-sample", "2x2", "-optimize",
                "-outfile", out.toString(), ppm.toString()).requireSuccess();
        return out;
    }

    static Path cwebp(Path in, Path dir, int quality) {
        Path out = dir.resolve("attack.webp");
        ExternalTools.run("cwebp", "-quiet", "-q", Integer.toString(quality), in.toString(), "-o", out.toString()).requireSuccess();
        return out;
    }

    /** One frame through libx264 (yuv420p, the default preset), decoded back to PNG. */
    static Path x264(Path in, Path dir, int crf) {
        Path mp4 = dir.resolve("attack.mp4");
        ffmpeg(in, "pad=ceil(iw/2)*2:ceil(ih/2)*2", mp4, List.of("-c:v", "libx264", "-crf", Integer.toString(crf),
                "-pix_fmt", "yuv420p", "-frames:v", "1"));
        Path png = dir.resolve("attack-x264.png");
        ffmpeg(mp4, "", png, List.of("-pix_fmt", "rgb24", "-frames:v", "1"));
        return png;
    }

    static Path javaResize(Path in, Path dir, double s) throws IOException {
        BufferedImage src = ImageIO.read(in.toFile());
        int w = (int) Math.round(src.getWidth() * s);
        int h = (int) Math.round(src.getHeight() * s);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        Path file = dir.resolve("attack-java.png");
        ImageIO.write(out, "png", file.toFile());
        return file;
    }

    private static void ffmpeg(Path in, String vf, Path out, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", in.toString()));
        if (!vf.isEmpty()) {
            cmd.addAll(List.of("-vf", vf));
        }
        cmd.addAll(extra);
        cmd.add(out.toString());
        ExternalTools.run(cmd, null, 300).requireSuccess();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // scratch file
        }
    }
}
