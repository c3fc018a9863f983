package dev.aigcmark.image.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.internal.watermark.PayloadCode;
import dev.aigcmark.core.internal.watermark.WatermarkPayload;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Marks every cover of the {@link Corpus}, runs every {@link RealAttacks} attack on it with the real external
 * tools, detects, and writes the attack × cover table (exact payload, coded bits right) with PSNR/SSIM per
 * cover. {@link #run} is shared by the full table (see {@code docs/watermark-robustness.md} for the command)
 * and by the representative subset {@code mvn verify} runs ({@code RealEncoderRobustnessTest}).
 */
public final class RobustnessTable {
    static final WatermarkKey KEY = new WatermarkKey(0x2A17, "robustness-table-key-0001".getBytes(StandardCharsets.US_ASCII));

    /**
     * One attack on one cover. {@code failure} is null when the attack ran; otherwise why it could not (an external
     * tool timed out or failed), and the cell counts in no total.
     */
    record Cell(String cover, String attack, String family, boolean exact, double bitsRight, double pnr, double rotation,
                boolean mirrored, String geometry, String failure) {
        static Cell failed(String cover, RealAttacks.Attack attack, String reason) {
            return new Cell(cover, attack.name(), attack.family(), false, 0, 0, 0, false, "failed: " + reason, reason);
        }

        boolean ran() {
            return failure == null;
        }
    }

    record CoverQuality(String cover, int width, int height, int period, double psnr, double ssim) {
    }

    record Result(List<CoverQuality> covers, List<RealAttacks.Attack> attacks, List<Cell> cells) {
        Cell cell(String cover, String attack) {
            return find(cover, attack).orElseThrow(() -> new IllegalArgumentException("not run: " + cover + " / " + attack));
        }

        Optional<Cell> find(String cover, String attack) {
            return cells.stream().filter(c -> c.cover.equals(cover) && c.attack.equals(attack)).findFirst();
        }
    }

    private RobustnessTable() {
    }

    /**
     * The payload marked on a cover: derived from its name, so a cell of {@code mvn verify}'s subset is the same
     * cell as in the full table, whatever else either runs.
     */
    static WatermarkPayload payloadFor(Corpus.Cover cover) {
        return WatermarkPayload.of(KEY, 0x5EED0000L + (cover.name().hashCode() & 0xFFFF));
    }

    /** One cover and the attacks to run on it. */
    record Plan(Corpus.Cover cover, List<RealAttacks.Attack> attacks) {
    }

    /** Every attack on every cover. */
    static Result run(List<Corpus.Cover> covers, List<RealAttacks.Attack> attacks, int threads) {
        return run(covers.stream().map(c -> new Plan(c, attacks)).toList(), threads);
    }

    /** The attacks of each plan on its cover; the result's attack list is their union in first-seen order. */
    static Result run(List<Plan> plans, int threads) {
        List<CoverQuality> qualities = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        Map<String, RealAttacks.Attack> attacks = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int ci = 0; ci < plans.size(); ci++) {
                Corpus.Cover cover = plans.get(ci).cover();
                BufferedImage original = cover.image().get();
                WatermarkPayload payload = payloadFor(cover);
                BufferedImage marked = ImageWatermarker.embed(original, KEY, payload.toBytes());
                qualities.add(new CoverQuality(cover.name(), original.getWidth(), original.getHeight(),
                        PreparedWatermark.period(original.getWidth(), original.getHeight()),
                        Quality.psnr(original, marked), Quality.ssim(original, marked)));
                Path dir = Files.createTempDirectory("wm-table");
                Path png = dir.resolve("marked.png");
                ImageIO.write(marked, "png", png.toFile());
                List<Future<Cell>> futures = new ArrayList<>();
                for (RealAttacks.Attack attack : plans.get(ci).attacks()) {
                    attacks.putIfAbsent(attack.name(), attack);
                    futures.add(pool.submit(() -> attackOne(cover, attack, png, payload)));
                }
                for (Future<Cell> f : futures) {
                    cells.add(f.get());
                }
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return new Result(qualities, List.copyOf(attacks.values()), cells);
    }

    private static Cell attackOne(Corpus.Cover cover, RealAttacks.Attack attack, Path png, WatermarkPayload payload)
            throws IOException {
        Path dir = Files.createTempDirectory(png.getParent(), "a");
        try {
            BufferedImage attacked;
            try {
                attacked = RealAttacks.apply(attack, png, dir);
            } catch (AssertionError | RuntimeException e) {
                // one tool call that times out or fails under load (exiftool on a 36 MB PNG at load 30 took > 300 s)
                // costs this cell, not the hours of cells around it: recorded with its reason, the run goes on
                return Cell.failed(cover.name(), attack, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            Detection d = ImageWatermarker.detect(attacked, KEY);
            boolean exact = d.found() && d.payload().orElseThrow().equals(payload);
            double bits = d.softBits().length == PayloadCode.CODED_BITS ? PayloadCode.agreement(d.softBits(), payload.toBytes()) : 0;
            String geometry = String.format(Locale.ROOT, "P %.1f, rot %.2f°, aspect %.3f%s", d.period(), d.rotation(),
                    d.aspect(), d.mirrored() ? ", mirrored" : "");
            return new Cell(cover.name(), attack.name(), attack.family(), exact, bits, d.pnr(), d.rotation(), d.mirrored(),
                    geometry, null);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(RealAttacks::deleteQuietly);
        }
    }

    /** The table as Markdown. */
    static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("| cover | size | tile period | PSNR (dB) | SSIM |\n|---|---|---|---|---|\n");
        for (CoverQuality q : r.covers()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d×%d | %d px | %.2f | %.4f |\n", q.cover(), q.width(), q.height(),
                    q.period(), q.psnr(), q.ssim()));
        }
        sb.append("\nEach cell: exact payload (✓ / ✗) and the share of the ").append(PayloadCode.CODED_BITS)
                .append(" coded bits read right.\n\n| attack | exact |");
        for (CoverQuality q : r.covers()) {
            sb.append(' ').append(q.cover()).append(" |");
        }
        sb.append("\n|---|---|");
        sb.append("---|".repeat(r.covers().size()));
        sb.append('\n');
        int exactAll = 0;
        for (RealAttacks.Attack a : r.attacks()) {
            int exact = 0;
            StringBuilder row = new StringBuilder();
            int run = 0;
            for (CoverQuality q : r.covers()) {
                Optional<Cell> c = r.find(q.cover(), a.name());
                run += c.filter(Cell::ran).isPresent() ? 1 : 0;
                exact += c.map(Cell::exact).orElse(false) ? 1 : 0;
                row.append(c.map(x -> !x.ran() ? " failed to run (below) |"
                        : String.format(Locale.ROOT, " %s %.0f%% |", x.exact() ? "✓" : "✗", 100 * x.bitsRight())).orElse(" · |"));
            }
            exactAll += exact;
            sb.append("| ").append(a.name()).append(" | ").append(exact).append('/').append(run).append(" |")
                    .append(row).append('\n');
        }
        List<Cell> failed = r.cells().stream().filter(c -> !c.ran()).toList();
        int ran = r.cells().size() - failed.size();
        sb.append(String.format(Locale.ROOT, "\n**Exact payload: %d of %d cells (%.1f %%).**\n", exactAll, ran,
                ran == 0 ? 0.0 : 100.0 * exactAll / ran));
        if (!failed.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "\n%d cell(s) failed to run and count in no total:\n\n", failed.size()));
            failed.forEach(c -> sb.append("* ").append(c.cover()).append(" / ").append(c.attack()).append(": ")
                    .append(c.failure()).append('\n'));
        }
        return sb.toString();
    }

    /** Outcome of the false-positive run: images tried, keys per image, payloads reported (must be 0). */
    record FalsePositives(int images, int keys, long detections, double seconds) {
    }

    /**
     * Detects with two keys on {@code n} unmarked images: random crops (10–100 % of each side, any offset) of
     * every cover of the corpus, half of them also rescaled (0.3–2×) and a third JPEG-compressed, and as
     * many random generated covers of every kind. Deterministic: the crops come from a seeded generator.
     */
    static FalsePositives falsePositives(List<Corpus.Cover> covers, int n, long seed, int threads) {
        List<WatermarkKey> keys = List.of(KEY, new WatermarkKey(0x0001, "second-key-for-false-positives".getBytes(StandardCharsets.US_ASCII)));
        List<BufferedImage> images = covers.stream().map(c -> c.image().get()).toList();
        long t0 = System.nanoTime();
        AtomicLong found = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (ImageWatermarker.detect(unmarked(images, index, seed), keys).found()) {
                        found.incrementAndGet();
                    }
                }));
            }
            int done = 0;
            for (Future<?> f : futures) {
                f.get();
                if (++done % 500 == 0) { // a long run shows where it is
                    System.out.printf(Locale.ROOT, "false positives: %d images, %d payloads, %.0f s%n", done, found.get(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return new FalsePositives(n, keys.size(), found.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** The false-positive run's unmarked image number {@code index} (of {@code seed}'s sequence, from {@code images}). */
    static BufferedImage unmarked(List<BufferedImage> images, int index, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
        BufferedImage img = index % 2 == 0 && !images.isEmpty()
                ? randomCrop(images.get(rnd.nextInt(images.size())), rnd)
                : TestImages.generate(rnd.nextInt(1 << 20), 128 + rnd.nextInt(640), 128 + rnd.nextInt(480));
        if (rnd.nextInt(3) == 0) {
            img = Attacks.jpeg(img, 0.5f + 0.4f * rnd.nextFloat());
        }
        return img;
    }

    private static BufferedImage randomCrop(BufferedImage img, SplittableRandom rnd) {
        int w = Math.max(96, (int) (img.getWidth() * (0.1 + 0.9 * rnd.nextDouble())));
        int h = Math.max(96, (int) (img.getHeight() * (0.1 + 0.9 * rnd.nextDouble())));
        w = Math.min(w, img.getWidth());
        h = Math.min(h, img.getHeight());
        BufferedImage crop = img.getSubimage(rnd.nextInt(img.getWidth() - w + 1), rnd.nextInt(img.getHeight() - h + 1), w, h);
        double scale = rnd.nextBoolean() ? 1 : 0.3 + 1.7 * rnd.nextDouble();
        scale = Math.min(scale, 1600.0 / Math.max(w, h)); // keep every image below ~2 MP so the run stays bounded
        return scale == 1 ? Corpus.rgb(crop) : Attacks.resize(crop, Math.max(scale, 96.0 / Math.min(w, h)));
    }

    /**
     * {@code [photos|synthetic|all|<regex on cover names>] [all|representative|<regex on attack names>] [output.md]
     * [section]}: runs the table and
     * prints it (and writes it into the file when given, after each cover); or {@code false-positives N [output.md]}.
     */
    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "all";
        if (which.equals("false-positives")) {
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            List<Corpus.Cover> covers = new ArrayList<>(Corpus.photoCovers());
            covers.addAll(Corpus.syntheticCovers());
            FalsePositives fp = falsePositives(covers, n, 20_261_205L, 2);
            String line = String.format(Locale.ROOT, "False positives: %d payloads on %d unmarked images × %d keys (%.0f s)%n",
                    fp.detections(), fp.images(), fp.keys(), fp.seconds());
            System.out.println(line);
            if (args.length > 2) {
                writeInto(Path.of(args[2]), FALSE_POSITIVES, line + "\nCommand: `mvn -B verify -pl sdk-image -am -DskipTests -P watermark-table "
                        + "-Dwatermark.table=\"false-positives " + n + " ../docs/watermark-robustness.md\"`\n");
            }
            return;
        }
        List<Corpus.Cover> covers = new ArrayList<>();
        if (!which.equals("synthetic")) {
            covers.addAll(Corpus.photoCovers());
        }
        if (!which.equals("photos")) {
            covers.addAll(Corpus.syntheticCovers());
        }
        if (!List.of("all", "photos", "synthetic").contains(which)) {
            covers.removeIf(c -> !c.name().matches(which)); // a regular expression on the cover names
        }
        List<RealAttacks.Attack> attacks = attacks(args.length > 1 ? args[1] : "all");
        // an optional fourth argument names a second generated table (e.g. the 12 MP originals, a longer run)
        String part = args.length > 3 ? "GENERATED TABLE " + args[3] + " (RobustnessTable)" : TABLE;
        long t0 = System.nanoTime();
        List<CoverQuality> qualities = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (Corpus.Cover cover : covers) {
            // one cover at a time, the document rewritten after each: a long run that is stopped keeps what it measured
            Result one = run(List.of(cover), attacks, 2);
            qualities.addAll(one.covers());
            cells.addAll(one.cells());
            for (Cell c : one.cells()) {
                if (!c.ran()) {
                    System.out.println("FAILED " + c.cover() + " / " + c.attack() + ": " + c.failure());
                } else if (!c.exact()) {
                    System.out.println("MISS " + c.cover() + " / " + c.attack() + ": bits " + c.bitsRight() + " pnr " + c.pnr()
                            + " " + c.geometry());
                }
            }
            Result r = new Result(qualities, attacks, cells);
            String md = markdown(r) + String.format(Locale.ROOT, "\n(%d of %d covers × %d attacks in %.0f s)\n", qualities.size(),
                    covers.size(), attacks.size(), (System.nanoTime() - t0) / 1e9);
            System.out.println(md);
            if (args.length > 2) {
                writeInto(Path.of(args[2]), part, md + "\nCommand: `mvn -B verify -pl sdk-image -am -DskipTests -P watermark-table "
                        + "-Dwatermark.table=\"" + String.join(" ", args) + "\"`\n");
            }
        }
    }

    /** {@code all}, {@code representative}, or a regular expression on the attack names (e.g. {@code crop.*}). */
    static List<RealAttacks.Attack> attacks(String which) {
        if (which.equals("all") || which.equals("representative")) {
            return which.equals("all") ? RealAttacks.all() : RealAttacks.representative();
        }
        List<RealAttacks.Attack> chosen = RealAttacks.all().stream().filter(a -> a.name().matches(which)).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no attack name matches " + which);
        }
        return chosen;
    }

    static final String TABLE = "GENERATED TABLE (RobustnessTable)";
    static final String FALSE_POSITIVES = "GENERATED FALSE POSITIVES";

    /**
     * Replaces the generated part {@code part} of {@code doc} (between {@code <!-- BEGIN part -->} and the next
     * {@code <!-- END GENERATED ... -->}), or writes the text alone when the document has no such part.
     */
    static void writeInto(Path doc, String part, String generated) throws IOException {
        String begin = "<!-- BEGIN " + part + " -->";
        if (Files.exists(doc)) {
            String text = Files.readString(doc);
            int b = text.indexOf(begin);
            int e = b < 0 ? -1 : text.indexOf("<!-- END GENERATED", b);
            if (b >= 0 && e > b) {
                Files.writeString(doc, text.substring(0, b + begin.length()) + "\n" + generated + text.substring(e));
                return;
            }
        }
        Files.writeString(doc, generated);
    }
}
