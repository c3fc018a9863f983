package dev.aigcmark.cli.robustness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * Damaged variants of a valid file, reproducible from a seed: truncations, random byte and bit flips, length
 * fields bit-flipped, zeroed, off by one and set to all ones, whole units removed or duplicated, PDF offsets
 * and lengths rewritten. Counts are capped so the whole suite stays within a minute on a shared machine.
 */
final class Mutants {
    record Mutant(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    static final int TRUNCATIONS = 16;
    static final int RANDOM_FLIPS = 12;
    static final int FIELDS = 10;
    static final int SPANS = 6;

    private Mutants() {
    }

    static List<Mutant> of(byte[] original, Structures.Kind kind, long seed) {
        Random random = new Random(seed);
        Structures s = Structures.of(kind, original);
        List<Mutant> out = new ArrayList<>();
        truncations(original, s, random, out);
        for (int i = 0; i < RANDOM_FLIPS; i++) {
            byte[] m = original.clone();
            int flips = 1 + random.nextInt(8);
            StringBuilder where = new StringBuilder();
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(m.length);
                m[at] = (byte) random.nextInt(256);
                where.append(f == 0 ? "" : ",").append(at);
            }
            out.add(new Mutant("random bytes at " + where, m));
        }
        for (Structures.Field f : sample(s.fields, FIELDS, random)) {
            fieldMutants(original, f, random, out);
        }
        for (Structures.TextNumber n : sample(s.numbers, FIELDS, random)) {
            for (String value : List.of("0", "4294967295", "99999999999999999999", String.valueOf(random.nextInt(original.length)))) {
                out.add(new Mutant(n.name() + " := " + value, replace(original, n.offset(), n.length(),
                        value.getBytes(StandardCharsets.US_ASCII))));
            }
        }
        for (Structures.Span span : sample(s.spans, SPANS, random)) {
            out.add(new Mutant("removed " + span.name(), replace(original, span.start(), span.end() - span.start(), new byte[0])));
            byte[] unit = Arrays.copyOfRange(original, span.start(), span.end());
            out.add(new Mutant("duplicated " + span.name(), replace(original, span.end(), 0, unit)));
        }
        return out;
    }

    private static void truncations(byte[] original, Structures s, Random random, List<Mutant> out) {
        TreeSet<Integer> at = new TreeSet<>(List.of(0, 1, 2, 3, 4, 7, 8, 11, 12, 16, 20));
        at.add(original.length - 1);
        for (int i = 1; i <= TRUNCATIONS / 2; i++) {
            at.add((int) ((long) original.length * i / (TRUNCATIONS / 2 + 1)));
        }
        // Inside headers and right after length fields: where a reader has committed to a size.
        for (Structures.Field f : sample(s.fields, TRUNCATIONS / 2, random)) {
            at.add(f.offset() + f.width() / 2);
            at.add(Math.min(original.length - 1, f.offset() + f.width() + 1));
        }
        at.removeIf(n -> n < 0 || n >= original.length);
        for (int n : at) {
            out.add(new Mutant("truncated to " + n, Arrays.copyOf(original, n)));
        }
    }

    private static void fieldMutants(byte[] original, Structures.Field f, Random random, List<Mutant> out) {
        long ones = f.width() >= 8 ? -1L : (1L << (8 * f.width())) - 1;
        long current = read(original, f);
        int bit = random.nextInt(8 * f.width());
        out.add(new Mutant(f.name() + " bit " + bit + " flipped", write(original, f, current ^ (1L << bit))));
        out.add(new Mutant(f.name() + " := 0", write(original, f, 0)));
        out.add(new Mutant(f.name() + " := all ones", write(original, f, ones)));
        out.add(new Mutant(f.name() + " + 1", write(original, f, (current + 1) & ones)));
        if (f.width() >= 4) {
            out.add(new Mutant(f.name() + " := 0x7FFFFFF0", write(original, f, 0x7FFFFFF0L)));
        }
    }

    private static long read(byte[] b, Structures.Field f) {
        long v = 0;
        for (int i = 0; i < f.width(); i++) {
            int x = b[f.offset() + i] & 0xFF;
            v = f.bigEndian() ? (v << 8) | x : v | ((long) x << (8 * i));
        }
        return v;
    }

    private static byte[] write(byte[] original, Structures.Field f, long value) {
        byte[] m = original.clone();
        for (int i = 0; i < f.width(); i++) {
            int shift = f.bigEndian() ? 8 * (f.width() - 1 - i) : 8 * i;
            m[f.offset() + i] = (byte) (value >>> shift);
        }
        return m;
    }

    /**
     * The sample with one length field changed: the first whose name contains {@code part} and ends with
     * {@code suffix} (names as {@link Structures} gives them). For named regression cases.
     */
    static byte[] withField(byte[] original, Structures.Kind kind, String part, String suffix,
                            LongUnaryOperator change) {
        Structures.Field f = Structures.of(kind, original).fields.stream()
                .filter(x -> x.name().contains(part) && x.name().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no field '" + part + "..." + suffix + "'"));
        return write(original, f, change.applyAsLong(read(original, f)));
    }

    static byte[] replace(byte[] b, int at, int length, byte[] with) {
        byte[] m = new byte[b.length - length + with.length];
        System.arraycopy(b, 0, m, 0, at);
        System.arraycopy(with, 0, m, at, with.length);
        System.arraycopy(b, at + length, m, at + with.length, b.length - at - length);
        return m;
    }

    /** Up to {@code n} elements, the first few always (headers matter most) and the rest at random. */
    private static <T> List<T> sample(List<T> all, int n, Random random) {
        if (all.size() <= n) {
            return all;
        }
        List<T> rest = new ArrayList<>(all.subList(n / 2, all.size()));
        Collections.shuffle(rest, random);
        List<T> picked = new ArrayList<>(all.subList(0, n / 2));
        picked.addAll(rest.subList(0, n - n / 2));
        return picked;
    }
}
