package dev.aigcmark.cli.robustness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a file's length fields and structural units are: what a mutator aims at to reach the parsers' size
 * checks rather than only their signature checks. Deliberately independent of the handlers' own parsers (a
 * shared bug would hide itself), and lenient: it walks as far as the bytes allow and stops.
 */
final class Structures {
    enum Kind { JPEG, PNG, GIF, TIFF, RIFF, BMFF, ZIP, PDF, NONE }

    /** A binary length or offset field. */
    record Field(String name, int offset, int width, boolean bigEndian) {
    }

    /** A decimal number written as text (PDF offsets and /Length). */
    record TextNumber(String name, int offset, int length) {
    }

    /** A whole unit (segment, chunk, box, zip entry, object) that can be removed or duplicated. */
    record Span(String name, int start, int end) {
    }

    final List<Field> fields = new ArrayList<>();
    final List<TextNumber> numbers = new ArrayList<>();
    final List<Span> spans = new ArrayList<>();

    private final byte[] b;

    private Structures(byte[] bytes) {
        this.b = bytes;
    }

    static Structures of(Kind kind, byte[] bytes) {
        Structures s = new Structures(bytes);
        switch (kind) {
            case JPEG -> s.jpeg();
            case PNG -> s.png();
            case GIF -> s.gif();
            case TIFF -> s.tiff();
            case RIFF -> s.riff();
            case BMFF -> s.bmff(0, bytes.length, 0, "");
            case ZIP -> s.zip();
            case PDF -> s.pdf();
            case NONE -> { }
        }
        return s;
    }

    private long read(int off, int width, boolean be) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int x = b[off + i] & 0xFF;
            v = be ? (v << 8) | x : v | ((long) x << (8 * i));
        }
        return v;
    }

    private boolean has(int off, int n) {
        return off >= 0 && n >= 0 && off + (long) n <= b.length;
    }

    private void jpeg() {
        int p = 2;
        while (has(p, 4) && (b[p] & 0xFF) == 0xFF) {
            int marker = b[p + 1] & 0xFF;
            int len = (int) read(p + 2, 2, true);
            String name = String.format("JPEG marker %02X at %d", marker, p);
            fields.add(new Field(name + " length", p + 2, 2, true));
            if (!has(p + 2, len)) {
                return;
            }
            spans.add(new Span(name, p, p + 2 + len));
            if (marker == 0xDA) {
                return; // entropy-coded data follows
            }
            p += 2 + len;
        }
    }

    private void png() {
        int p = 8;
        while (has(p, 12)) {
            long len = read(p, 4, true);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            fields.add(new Field("PNG " + type + " length at " + p, p, 4, true));
            if (!has(p, (int) Math.min(Integer.MAX_VALUE - 12, len) + 12)) {
                return;
            }
            if (!type.equals("IHDR") && !type.equals("IEND")) {
                spans.add(new Span("PNG " + type + " at " + p, p, p + 12 + (int) len));
            } else if (type.equals("IHDR")) {
                fields.add(new Field("PNG IHDR width", p + 8, 4, true));
                fields.add(new Field("PNG IHDR height", p + 12, 4, true));
            }
            p += 12 + (int) len;
        }
    }

    private void gif() {
        if (!has(0, 13)) {
            return;
        }
        fields.add(new Field("GIF screen width", 6, 2, false));
        int packed = b[10] & 0xFF;
        int p = 13 + ((packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0);
        while (has(p, 1)) {
            int intro = b[p] & 0xFF;
            int start = p;
            if (intro == 0x21 && has(p, 2)) {
                p = subBlocks(p + 2, "GIF extension " + (b[p + 1] & 0xFF));
            } else if (intro == 0x2C && has(p, 10)) {
                fields.add(new Field("GIF image width at " + p, p + 5, 2, false));
                int local = b[p + 9] & 0xFF;
                p += 10 + ((local & 0x80) != 0 ? 3 << ((local & 7) + 1) : 0) + 1;
                p = subBlocks(p, "GIF image data");
            } else {
                return;
            }
            if (p < 0) {
                return;
            }
            spans.add(new Span("GIF block " + intro + " at " + start, start, p));
        }
    }

    /** Walks GIF sub-blocks (a size byte, then that many bytes, until a 0): each size byte is a length field. */
    private int subBlocks(int p, String name) {
        int n = 0;
        while (has(p, 1)) {
            int size = b[p] & 0xFF;
            if (n++ < 4) {
                fields.add(new Field(name + " sub-block size at " + p, p, 1, true));
            }
            p += 1 + size;
            if (size == 0) {
                return p;
            }
        }
        return -1;
    }

    private void tiff() {
        if (!has(0, 8)) {
            return;
        }
        boolean be = b[0] == 'M';
        fields.add(new Field("TIFF first IFD offset", 4, 4, be));
        long ifd = read(4, 4, be);
        for (int depth = 0; depth < 4 && ifd > 0 && has((int) ifd, 2); depth++) {
            int p = (int) ifd;
            int count = (int) read(p, 2, be);
            fields.add(new Field("TIFF IFD entry count at " + p, p, 2, be));
            for (int i = 0; i < count && has(p + 2 + 12 * i, 12); i++) {
                int e = p + 2 + 12 * i;
                fields.add(new Field("TIFF tag " + read(e, 2, be) + " count", e + 4, 4, be));
                fields.add(new Field("TIFF tag " + read(e, 2, be) + " value/offset", e + 8, 4, be));
            }
            int next = p + 2 + 12 * count;
            if (!has(next, 4)) {
                return;
            }
            fields.add(new Field("TIFF next IFD offset at " + next, next, 4, be));
            ifd = read(next, 4, be);
        }
    }

    private void riff() {
        if (!has(0, 12)) {
            return;
        }
        fields.add(new Field("RIFF size", 4, 4, false));
        int p = 12;
        while (has(p, 8)) {
            long len = read(p + 4, 4, false);
            String fourcc = new String(b, p, 4, StandardCharsets.ISO_8859_1);
            fields.add(new Field("RIFF " + fourcc + " size at " + p, p + 4, 4, false));
            long end = p + 8 + len + (len & 1);
            if (end > b.length) {
                return;
            }
            spans.add(new Span("RIFF " + fourcc + " at " + p, p, (int) end));
            p = (int) end;
        }
    }

    private static final Set<String> BMFF_CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "udta",
            "edts", "dinf", "moof", "traf", "mvex", "ilst");

    private void bmff(int from, int to, int depth, String path) {
        int p = from;
        while (p + 8 <= to && depth < 8) {
            long size = read(p, 4, true);
            String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
            String name = path + "/" + type + " at " + p;
            fields.add(new Field("BMFF " + name + " size", p, 4, true));
            int header = 8;
            if (size == 1 && p + 16 <= to) {
                size = read(p + 8, 8, true);
                fields.add(new Field("BMFF " + name + " largesize", p + 8, 8, true));
                header = 16;
            } else if (size == 0) {
                size = to - p;
            }
            if (size < header || p + size > to) {
                return;
            }
            int end = (int) (p + size);
            spans.add(new Span("BMFF " + name, p, end));
            if (BMFF_CONTAINERS.contains(type)) {
                bmff(p + header, end, depth + 1, path + "/" + type);
            } else if (type.equals("meta")) {
                bmff(p + header + 4, end, depth + 1, path + "/" + type); // full box: version and flags first
            } else if (type.equals("stco") || type.equals("stsz")) {
                fields.add(new Field("BMFF " + name + " entry count", p + header + (type.equals("stsz") ? 8 : 4), 4, true));
                if (type.equals("stco") && p + header + 12 <= end) {
                    fields.add(new Field("BMFF " + name + " first chunk offset", p + header + 8, 4, true));
                }
            }
            p = end;
        }
    }

    private void zip() {
        for (int p = 0; p + 4 <= b.length; p++) {
            if (b[p] != 'P' || b[p + 1] != 'K') {
                continue;
            }
            if (b[p + 2] == 3 && b[p + 3] == 4 && has(p, 30)) {
                fields.add(new Field("zip local header compressed size at " + p, p + 18, 4, false));
                fields.add(new Field("zip local header size at " + p, p + 22, 4, false));
                fields.add(new Field("zip local header name length at " + p, p + 26, 2, false));
                fields.add(new Field("zip local header extra length at " + p, p + 28, 2, false));
                int next = indexOf(p + 30, 'P', 'K', (byte) 3, (byte) 4);
                int cd = indexOf(p + 30, 'P', 'K', (byte) 1, (byte) 2);
                int end = next < 0 ? cd : cd < 0 ? next : Math.min(next, cd);
                if (end > p) {
                    spans.add(new Span("zip entry at " + p, p, end));
                }
            } else if (b[p + 2] == 1 && b[p + 3] == 2 && has(p, 46)) {
                fields.add(new Field("zip central compressed size at " + p, p + 20, 4, false));
                fields.add(new Field("zip central size at " + p, p + 24, 4, false));
                fields.add(new Field("zip central name length at " + p, p + 28, 2, false));
                fields.add(new Field("zip central extra length at " + p, p + 30, 2, false));
                fields.add(new Field("zip central local header offset at " + p, p + 42, 4, false));
                int nameLength = (int) read(p + 28, 2, false);
                int end = p + 46 + nameLength + (int) read(p + 30, 2, false) + (int) read(p + 32, 2, false);
                if (end <= b.length) {
                    spans.add(new Span("zip central record at " + p, p, end));
                }
            } else if (b[p + 2] == 5 && b[p + 3] == 6 && has(p, 22)) {
                fields.add(new Field("zip end: entries on disk", p + 8, 2, false));
                fields.add(new Field("zip end: entries", p + 10, 2, false));
                fields.add(new Field("zip end: central directory size", p + 12, 4, false));
                fields.add(new Field("zip end: central directory offset", p + 16, 4, false));
                fields.add(new Field("zip end: comment length", p + 20, 2, false));
            }
        }
    }

    private int indexOf(int from, char a, char c, byte x, byte y) {
        for (int p = from; p + 4 <= b.length; p++) {
            if (b[p] == a && b[p + 1] == c && b[p + 2] == x && b[p + 3] == y) {
                return p;
            }
        }
        return -1;
    }

    private static final Pattern PDF_NUMBERS = Pattern.compile(
            "startxref\\s+(\\d+)|/Length\\s+(\\d+)|(?m)^(\\d{10}) \\d{5} [nf]|/Size\\s+(\\d+)|/Prev\\s+(\\d+)|/Count\\s+(\\d+)");
    private static final Pattern PDF_OBJECTS = Pattern.compile("(?s)\\d+ \\d+ obj.*?endobj\\s");

    private void pdf() {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = PDF_NUMBERS.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    numbers.add(new TextNumber("PDF " + m.group().split("\\s")[0] + " at " + m.start(g),
                            m.start(g), m.end(g) - m.start(g)));
                }
            }
        }
        Matcher o = PDF_OBJECTS.matcher(text);
        while (o.find()) {
            spans.add(new Span("PDF object at " + o.start(), o.start(), o.end()));
        }
    }
}
