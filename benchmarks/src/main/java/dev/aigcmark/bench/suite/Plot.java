package dev.aigcmark.bench.suite;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws cost per frame (ms, log scale, one thread) against frame size (megapixels), one line per operation: the
 * watermark's operations on a luma plane beside copying it, and, when the run has them, the video pipeline per
 * backend (marking and the plain transcode, CPU time of the process per frame).
 */
final class Plot {
    private static final Map<String, Double> MEGAPIXELS = Map.of("360p", 640 * 360 / 1e6, "720p", 1280 * 720 / 1e6,
            "1080p", 1920 * 1080 / 1e6, "4k", 3840 * 2160 / 1e6);
    private static final String VIDEO = "video.VideoPipelineBenchmark";
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf), new Color(0xe377c2), new Color(0x000000)};
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private Plot() {
    }

    static void costPerFrame(List<Row> rows, Path png) throws IOException {
        Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.benchmark().equals(VIDEO)) {
                double mp = MEGAPIXELS.getOrDefault(r.param("size"), Double.NaN);
                int frames = dev.aigcmark.bench.video.VideoPipelineBenchmark.FRAMES;
                series.computeIfAbsent(r.param("backend") + " pipeline: transcode", k -> new TreeMap<>())
                        .put(mp, ms(r.baseline()) / frames);
                series.computeIfAbsent(r.param("backend") + " pipeline: mark", k -> new TreeMap<>())
                        .put(mp, ms(r.ours()) / frames);
                continue;
            }
            if (!r.benchmark().equals("WatermarkBenchmark") || r.threads() != 1) {
                continue;
            }
            double mp = MEGAPIXELS.getOrDefault(r.param("size"), Double.NaN);
            series.computeIfAbsent("copy plane (baseline)", k -> new TreeMap<>()).put(mp, ms(r.baseline()));
            series.computeIfAbsent(r.method(), k -> new TreeMap<>()).put(mp, ms(r.ours()));
        }
        if (series.isEmpty()) {
            return;
        }
        double maxX = 9;
        // a log axis: the copy and embed costs (~1 ms) and detection (~100 ms) differ by two decades
        double lo = Math.floor(Math.log10(series.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(0.1)));
        double hi = Math.ceil(Math.log10(series.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(1)));
        if (hi <= lo) {
            hi = lo + 1;
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Cost per frame: watermark on a luma plane (1 thread), video pipeline (process CPU); medians",
                LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x0 = LEFT;
        int y0 = H - BOTTOM;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        g.drawLine(x0, y0, x0 + pw, y0);
        g.drawLine(x0, y0, x0, TOP);
        int row = 0;
        for (Map.Entry<String, Double> e : MEGAPIXELS.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            if (series.values().stream().noneMatch(m -> m.containsKey(e.getValue()))) {
                continue; // a size this run did not measure
            }
            int x = x0 + (int) (e.getValue() / maxX * pw);
            g.drawLine(x, y0, x, y0 + 5);
            // sizes close together (360p, 720p) get their labels on alternate lines
            g.drawString(e.getKey() + String.format(Locale.ROOT, " (%.1f MP)", e.getValue()), x - 30, y0 + 20 + 14 * (row++ % 2));
        }
        for (int decade = (int) lo; decade <= (int) hi; decade++) {
            for (int m = 1; m < 10 && decade + Math.log10(m) <= hi; m++) {
                int y = y(Math.pow(10, decade) * m, lo, hi, y0, ph);
                g.setColor(new Color(m == 1 ? 0xc8c8c8 : 0xf0f0f0));
                g.drawLine(x0 + 1, y, x0 + pw, y);
                if (m == 1) {
                    g.setColor(Color.BLACK);
                    g.drawString(Numbers.format(Math.pow(10, decade)), x0 - 50, y + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("ms per frame (log scale)", 10, TOP - 10);
        g.drawString("frame size (megapixels)", x0 + pw / 2 - 60, H - 15);
        int i = 0;
        for (Map.Entry<String, TreeMap<Double, Double>> s : series.entrySet()) {
            g.setColor(COLOURS[i % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (Map.Entry<Double, Double> p : s.getValue().entrySet()) {
                int x = x0 + (int) (p.getKey() / maxX * pw);
                int y = y(p.getValue(), lo, hi, y0, ph);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int ly = TOP + 20 + 22 * i;
            g.fillRect(W - RIGHT + 20, ly - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), W - RIGHT + 40, ly);
            i++;
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** The pixel row of {@code ms} on the log axis from 10^lo (bottom) to 10^hi (top). */
    private static int y(double ms, double lo, double hi, int y0, int ph) {
        double v = Math.log10(Math.max(ms, Math.pow(10, lo)));
        return y0 - (int) ((v - lo) / (hi - lo) * ph);
    }

    private static double ms(Figure f) {
        return switch (f.unit()) {
            case "us/op" -> f.median() / 1000;
            case "ms/op CPU" -> f.median();
            case "ns/op" -> f.median() / 1e6;
            case "s/op" -> f.median() * 1000;
            default -> f.median();
        };
    }
}
