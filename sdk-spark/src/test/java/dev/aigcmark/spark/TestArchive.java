package dev.aigcmark.spark;

import dev.aigcmark.cli.AigcCommand;
import dev.aigcmark.core.MarkIntent;
import dev.aigcmark.core.Marker;
import dev.aigcmark.core.PropagationRequest;
import dev.aigcmark.core.Propagator;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.testing.TestContexts;
import dev.aigcmark.testing.TestSeed;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jcodec.api.awt.AWTSequenceEncoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A generated archive of mixed files, the same on every run (every choice from {@link TestSeed}): small pictures
 * (JPEG, PNG, GIF, TIFF) unmarked and marked, Markdown and plain text unmarked, marked and edited after marking,
 * a few PDFs and MP4s, damaged copies of all of them (truncated, bytes flipped, a range overwritten), files no handler
 * reads (BMP, random bytes, empty). Marked by a configured platform "A" whose registry entry the verifier trusts
 * (TRUSTED), by a development identity the verifier does not know (signed, untrusted), and propagated by it.
 * Files sit in folders of a hundred, named so Spark's listing skips none (no leading '_' or '.').
 */
final class TestArchive {
    static final String CODE_A = "001191110102MACQD9K64010000";
    /** The names of the archive's pictures (all below the watermark's smallest size: 48–144 × 40–112 px). */
    static final Pattern PICTURES = Pattern.compile("\\.(jpg|png|gif|tif)$");

    final Path root;
    /** Platform A's home: a configured (not development) identity, the one the mark jobs use. */
    final Path platformHome;
    /** The verifier's home: no identity, A imported into its trust registry (what `aigc verify --home` trusts). */
    final Path verifierHome;
    /** A's registry entry as `aigc keys export` writes it (what `aigc-spark --trust` takes). */
    final Path registry;
    /** Every file, sorted. */
    final List<Path> files;

    private TestArchive(Path root, Path platformHome, Path verifierHome, Path registry, List<Path> files) {
        this.root = root;
        this.platformHome = platformHome;
        this.verifierHome = verifierHome;
        this.registry = registry;
        this.files = files;
    }

    /** The homes and registry only (for tests that make their own files). */
    static TestArchive platforms(Path dir) {
        Path a = dir.resolve("home-a");
        Path v = dir.resolve("home-verifier");
        Path registry = dir.resolve("platform-a.json");
        cli("keys", "init", "--home", a.toString(), "--platform", "Archive Platform A", "--producer", CODE_A);
        cli("keys", "export", "--home", a.toString(), "-o", registry.toString());
        cli("keys", "import", "--home", v.toString(), registry.toString());
        return new TestArchive(dir.resolve("archive"), a, v, registry, List.of());
    }

    static TestArchive create(Path dir, int count, String purpose) throws IOException {
        TestArchive homes = platforms(dir);
        Random random = TestSeed.random("TestArchive." + purpose);
        Templates t = new Templates(dir.resolve("templates"), homes.platformHome, dir.resolve("home-dev"));
        Path root = Files.createDirectories(dir.resolve("archive"));
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(root.resolve(String.format(Locale.ROOT, "d%02d", i / 100)));
            Kind kind = Kind.choose(random, i, count);
            Made made = kind.make(t, random);
            Path file = folder.resolve(String.format(Locale.ROOT, "f%05d-%s.%s", i, kind.tag, made.extension));
            Files.write(file, made.bytes);
            files.add(file);
        }
        Collections.sort(files);
        return new TestArchive(root, homes.platformHome, homes.verifierHome, homes.registry, List.copyOf(files));
    }

    /** The files as a list file, one absolute path per line (what --files-from takes). */
    Path listFile(Path where, List<Path> which) throws IOException {
        Files.write(where, which.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        return where;
    }

    /**
     * Runs {@code aigc} in-process; fails the test on a non-zero exit unless told otherwise. {@code verify} runs
     * without the per-file wall-clock deadline (as {@code TestContexts}; the CPU-time limit stays): the tests compare
     * its reports, which the wall clock of a loaded machine must not decide.
     */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (args.length > 0 && args[0].equals("verify")) {
            List<String> lifted = new ArrayList<>(Arrays.asList(args));
            lifted.addAll(1, List.of("--wall-timeout", "24h"));
            args = lifted.toArray(String[]::new);
        }
        int code = AigcCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != 0 && !Arrays.asList(args).contains("verify")) {
            throw new AssertionError("aigc " + String.join(" ", args) + " exited " + code + "\n" + err);
        }
        return out.toString();
    }

    /** Runs {@code aigc} in-process and returns its exit code (its output discarded). */
    static int cliExit(String... args) {
        return AigcCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), args);
    }

    /** What files are made of. */
    private enum Kind {
        PICTURE("pic", 30), MARKED_PICTURE("mpic", 20), DAMAGED("dmg", 12), TEXT("txt", 12), MARKED_TEXT("mtxt", 10),
        EDITED_TEXT("etxt", 3), FOREIGN("junk", 4), DOCUMENT("pdf", 0), MOVIE("mp4", 0);

        final String tag;
        final int weight;

        Kind(String tag, int weight) {
            this.tag = tag;
            this.weight = weight;
        }

        /** Mostly by weight; every 150th file a PDF and every 400th an MP4 (their verification costs most). */
        static Kind choose(Random random, int index, int count) {
            if (index % 150 == 75) {
                return DOCUMENT;
            }
            if (index % 400 == 200) {
                return MOVIE;
            }
            int total = Arrays.stream(values()).mapToInt(k -> k.weight).sum();
            int r = random.nextInt(total);
            for (Kind k : values()) {
                r -= k.weight;
                if (r < 0) {
                    return k;
                }
            }
            throw new IllegalStateException();
        }

        Made make(Templates t, Random random) throws IOException {
            return switch (this) {
                case PICTURE -> picture(random);
                case MARKED_PICTURE -> pick(random, t.markedPictures);
                case DAMAGED -> {
                    Made m = pick(random, t.damageable);
                    yield new Made(damage(m.bytes, random), m.extension);
                }
                case TEXT -> {
                    String text = text(random);
                    yield new Made(text.getBytes(StandardCharsets.UTF_8), text.startsWith("#") ? "md" : "txt");
                }
                case MARKED_TEXT -> pick(random, t.markedTexts);
                case EDITED_TEXT -> {
                    Made m = pick(random, t.markedTexts);
                    yield new Made(edit(m.bytes, random), m.extension);
                }
                case FOREIGN -> foreign(random);
                case DOCUMENT -> pick(random, t.documents);
                case MOVIE -> pick(random, t.movies);
            };
        }
    }

    /** A file's content and the extension its kind of file carries. */
    record Made(byte[] bytes, String extension) {
    }

    private static Made pick(Random random, List<Made> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A small photo-like picture (gradient plus noise) in one of the formats the SDK reads. */
    private static Made picture(Random random) throws IOException {
        int f = random.nextInt(5);
        String format = List.of("jpeg", "jpeg", "png", "gif", "tiff").get(f);
        return new Made(encode(image(48 + random.nextInt(96), 40 + random.nextInt(72), random.nextLong()), format),
                List.of("jpg", "jpg", "png", "gif", "tif").get(f));
    }

    static BufferedImage image(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(seed);
        int tint = noise.nextInt(256);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / width + y * 128 / height + noise.nextInt(24)) & 0xFF;
                img.setRGB(x, y, (v << 16) | (((255 - v) ^ tint) & 0xFF) << 8 | ((v + x / 16) & 0xFF));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    private static final String[] WORDS = ("tide moon ocean glacier river delta basalt granite monsoon current "
            + "estuary lagoon dune canyon aquifer plateau fjord reef atoll tundra").split(" ");

    static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        boolean markdown = random.nextBoolean();
        if (markdown) {
            sb.append("# Field notes ").append(random.nextInt(1000)).append("\n\n");
        }
        int sentences = 3 + random.nextInt(12);
        for (int s = 0; s < sentences; s++) {
            int words = 5 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                        .append(w == words - 1 ? ". " : " ");
            }
            if (s % 4 == 3) {
                sb.append(markdown ? "\n\n" : "\n");
            }
        }
        return sb.append('\n').toString();
    }

    private static byte[] edit(byte[] marked, Random random) {
        String s = new String(marked, StandardCharsets.UTF_8);
        int at = s.indexOf(". ") > 0 ? s.indexOf(". ") + 2 : s.length();
        return (s.substring(0, at) + "An editor added this sentence " + random.nextInt(100) + ". " + s.substring(at))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Truncated, a few bytes flipped, or a range overwritten. */
    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> b = Arrays.copyOf(b, 1 + random.nextInt(Math.max(1, b.length - 1)));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            default -> {
                int len = Math.min(b.length, 16 + random.nextInt(48));
                int at = random.nextInt(b.length - len + 1);
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    /** Content no handler reads: a BMP, random bytes, nothing at all. */
    private static Made foreign(Random random) throws IOException {
        return switch (random.nextInt(3)) {
            case 0 -> new Made(encode(image(32, 24, random.nextLong()), "bmp"), "bmp");
            case 1 -> {
                byte[] b = new byte[1 + random.nextInt(3000)];
                random.nextBytes(b);
                yield new Made(b, "bin");
            }
            default -> new Made(new byte[0], "bin");
        };
    }

    /** The marked files the archive copies, made once: marking is the costly part, copying is not. */
    private static final class Templates {
        final List<Made> markedPictures = new ArrayList<>();
        final List<Made> markedTexts = new ArrayList<>();
        final List<Made> documents = new ArrayList<>();
        final List<Made> movies = new ArrayList<>();
        final List<Made> damageable = new ArrayList<>();
        private final Path dir;
        private int n;

        Templates(Path dir, Path platformHome, Path devHome) throws IOException {
            this.dir = Files.createDirectories(dir);
            Random random = TestSeed.random("TestArchive.templates");
            SdkContext a = TestContexts.builder().identity(IdentityStore.load(platformHome)).build();
            SdkContext dev = TestContexts.builder().identity(IdentityStore.loadOrCreateDevelopment(devHome, Clock.systemUTC(),
                    TestSeed.randomSource("TestArchive.devIdentity"))).build();
            MarkIntent full = MarkIntent.builder().build();
            MarkIntent withC2pa = MarkIntent.builder().c2pa(true).build();
            MarkIntent labelOnly = MarkIntent.builder().explicitLabel(null).watermark(false).build();

            markedPictures.add(mark(a, encode(image(120, 90, random.nextLong()), "jpeg"), "jpg", full));
            markedPictures.add(mark(a, encode(image(96, 80, random.nextLong()), "png"), "png", withC2pa));
            markedPictures.add(mark(a, encode(image(64, 48, random.nextLong()), "gif"), "gif", labelOnly));
            markedPictures.add(mark(a, encode(image(80, 64, random.nextLong()), "tiff"), "tif", full));
            markedPictures.add(mark(dev, encode(image(100, 75, random.nextLong()), "jpeg"), "jpg", full));
            Made producedByA = mark(a, encode(image(90, 70, random.nextLong()), "jpeg"), "jpg", labelOnly);
            markedPictures.add(propagate(dev, producedByA.bytes, "jpg"));

            markedTexts.add(mark(a, ("# Survey\n\n" + text(random)).getBytes(StandardCharsets.UTF_8), "md", full));
            markedTexts.add(mark(a, text(random).replace("#", "").getBytes(StandardCharsets.UTF_8), "txt", full));
            markedTexts.add(mark(dev, ("# Log\n\n" + text(random)).getBytes(StandardCharsets.UTF_8), "md", full));

            Made pdf = new Made(pdf(random), "pdf");
            documents.add(pdf);
            documents.add(mark(a, pdf.bytes, "pdf", withC2pa));
            Made clip = new Made(clip(random), "mp4");
            movies.add(clip);
            movies.add(mark(a, clip.bytes, "mp4", labelOnly));

            damageable.addAll(markedPictures);
            damageable.addAll(markedTexts);
            damageable.add(documents.get(1));
            damageable.add(movies.get(1));
            damageable.add(new Made(encode(image(64, 64, random.nextLong()), "png"), "png"));
            damageable.add(new Made(encode(image(64, 64, random.nextLong()), "jpeg"), "jpg"));
        }

        private Made mark(SdkContext context, byte[] content, String extension, MarkIntent intent) throws IOException {
            Path in = dir.resolve("t" + n++ + "." + extension);
            Path out = dir.resolve("t" + n++ + "." + extension);
            Files.write(in, content);
            new Marker(context).mark(in, out, intent);
            return new Made(Files.readAllBytes(out), extension);
        }

        private Made propagate(SdkContext context, byte[] content, String extension) throws IOException {
            Path in = dir.resolve("t" + n++ + "." + extension);
            Path out = dir.resolve("t" + n++ + "." + extension);
            Files.write(in, content);
            if (!new Propagator(context).propagate(in, out, PropagationRequest.labelOnly()).written()) {
                throw new IllegalStateException("the propagation template was not written");
            }
            return new Made(Files.readAllBytes(out), extension);
        }

        private byte[] pdf(Random random) throws IOException {
            Path file = dir.resolve("t" + n++ + ".pdf");
            try (PDDocument doc = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A6);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 9);
                    cs.newLineAtOffset(20, 380);
                    cs.setLeading(12);
                    for (String line : text(random).split("\\. ")) {
                        cs.showText(line.replace("\n", " ").replace("#", "").strip());
                        cs.newLine();
                    }
                    cs.endText();
                }
                doc.save(file.toFile());
            }
            return Files.readAllBytes(file);
        }

        /** Eight frames of 96x64 H.264 (jcodec). */
        private byte[] clip(Random random) throws IOException {
            Path file = dir.resolve("t" + n++ + ".mp4");
            AWTSequenceEncoder enc = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 8);
            long seed = random.nextLong();
            for (int i = 0; i < 8; i++) {
                enc.encodeImage(image(96, 64, seed + i));
            }
            enc.finish();
            return Files.readAllBytes(file);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
