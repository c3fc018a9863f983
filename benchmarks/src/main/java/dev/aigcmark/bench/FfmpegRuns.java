package dev.aigcmark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ffmpeg process runs the CPU timers share: a baseline from ffmpeg's own {@code -benchmark} report, and plain runs. */
final class FfmpegRuns {
    /** ffmpeg's {@code -benchmark} line: the process's user and system CPU time. */
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

    private FfmpegRuns() {
    }

    /** Runs {@code cmd} (an ffmpeg command with {@code -benchmark}) and returns the user + system CPU seconds it reports. */
    static double cpuSeconds(List<String> cmd) throws IOException, InterruptedException {
        String out = run(cmd);
        Matcher m = BENCH.matcher(out);
        if (!m.find()) {
            throw new IOException("no -benchmark line from ffmpeg: " + out);
        }
        return Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
    }

    /** Runs {@code cmd} to its end and returns what it printed (stdout and stderr); a failure is an IOException. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + cmd + "\n" + out);
        }
        return out;
    }

    /** The median of {@code xs} (the upper one of an even count), for rounds of a timer. */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
