package dev.aigcmark.video.testing;

import dev.aigcmark.testing.ExternalTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test clips made by the real ffmpeg (tests call {@code ExternalTools.assumeTool("ffmpeg")} first). */
public final class Clips {
    private Clips() {
    }

    /**
     * A clip with motion and a tone: {@code ffmpeg -f lavfi testsrc2 + sine}, encoded with {@code codecArgs}
     * then {@code extraArgs}, e.g. {@code -movflags +faststart}.
     */
    public static Path make(Path dir, String name, String size, double seconds, List<String> codecArgs,
                            String... extraArgs) {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", Double.toString(seconds)));
        cmd.addAll(codecArgs);
        cmd.addAll(List.of(extraArgs));
        cmd.add(out.toString());
        ExternalTools.run(cmd).requireSuccess();
        return out;
    }

    public static final List<String> H264_AAC = List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt",
            "yuv420p", "-c:a", "aac", "-b:a", "64k");

    /** Every frame's luma as ffmpeg decodes it (gray rawvideo), optionally through extra output filters/args. */
    public static List<byte[]> lumaFrames(Path file, int width, int height) {
        return lumaFrames(file, width, height, List.of());
    }

    /** {@code inputArgs} go before {@code -i} (e.g. {@code -noautorotate}). */
    public static List<byte[]> lumaFrames(Path file, int width, int height, List<String> inputArgs) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error"));
        cmd.addAll(inputArgs);
        cmd.addAll(List.of("-i", file.toString()));
        cmd.addAll(List.of("-f", "rawvideo", "-pix_fmt", "gray", "-"));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] all = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new AssertionError("ffmpeg failed decoding " + file);
            }
            List<byte[]> frames = new ArrayList<>();
            int n = width * height;
            for (int off = 0; off + n <= all.length; off += n) {
                frames.add(Arrays.copyOfRange(all, off, off + n));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** PSNR of two equally sized planes in dB. */
    public static double psnr(byte[] a, byte[] b) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xFF) - (b[i] & 0xFF);
            se += d * d;
        }
        return se == 0 ? 99 : 10 * Math.log10(255.0 * 255 * a.length / se);
    }

    /** One ffprobe entry, e.g. {@code stream=codec_name,profile} of {@code v:0}. */
    public static String ffprobe(Path file, String select, String entries) {
        return ExternalTools.run("ffprobe", "-v", "error", "-select_streams", select, "-show_entries", entries,
                "-of", "default=noprint_wrappers=1", file.toString()).requireSuccess().stdout().strip();
    }

    /** The AIGC format tag as ffprobe reports it, or "" when absent. */
    public static String ffprobeAigcTag(Path file) {
        return ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format_tags=AIGC",
                "-of", "default=noprint_wrappers=1:nokey=1", file.toString()).requireSuccess().stdout().strip();
    }

    /** Per-frame checksums of every stream as decoded by ffmpeg; decoding errors fail the call. */
    public static String frameChecksums(Path file) {
        ExternalTools.Result r = ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0",
                "-f", "framemd5", "-");
        r.requireSuccess();
        if (!r.stderr().isBlank()) {
            throw new AssertionError("ffmpeg reported errors decoding " + file + ": " + r.stderr());
        }
        return r.stdout().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    /** Packet checksums of the streams {@code map} selects ({@code 0:a}, {@code 0:s}), as {@code ffmpeg -f framemd5} gives them. */
    public static List<String> packetChecksums(Path file, String map) {
        return ExternalTools.run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", map, "-c", "copy",
                        "-f", "framemd5", "-").requireSuccess().stdout().lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    /** Every video frame's presentation time and duration as ffprobe decodes them (timing only, no pixels). */
    public static List<String> frameTimes(Path file) {
        return ExternalTools.run("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                        "frame=pts_time,duration_time", "-of", "csv=p=0", file.toString()).requireSuccess().stdout()
                .lines().map(l -> l.replace(",", " ").strip()).filter(l -> !l.isEmpty()).toList();
    }

    /** ffprobe's container duration in seconds. */
    public static double duration(Path file) {
        return Double.parseDouble(ExternalTools.run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "default=nw=1:nk=1", file.toString()).requireSuccess().stdout().strip());
    }
}
