package dev.aigcmark.text.internal;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;

import java.io.IOException;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded font programs PDFBox reads as TrueType/OpenType (fontbox's {@code TTFParser}), checked before it does.
 * fontbox reads a program's table directory entry by entry and skips, with one warning each, every table that lies
 * past the program's end: a damaged directory (a mutated 3,423-byte subset whose 213 entries all point outside it)
 * made 213 warnings each time the font was made, about 230 records for one verification of a 13 KB file, and up to
 * 65,535 per font (the directory's count is 16 bits), so the log a host keeps grows with the damage an upload
 * carries. A directory with more than {@value #MAX_OUTSIDE} entries outside its program (or more entries than the
 * program holds) is no font's: the font is made without the program ({@link #withoutPrograms}), which is what PDFBox
 * does itself for a program it cannot parse (its fallback font; the text from the font's ToUnicode map, the widths
 * from the font dictionary), after one look at the directory. A program with a few such entries (a truncated subset)
 * is still read, its good tables used: fontbox then warns at most {@value #MAX_OUTSIDE} times for it, once per
 * document ({@link PdfResourceCache} makes each font once).
 *
 * <p>The program is decoded once, here, and the font made from a copy of its dictionaries that holds the decoded
 * program unfiltered ({@link #prepare}): PDFBox reads that copy instead of decoding the program again, so looking at
 * the directory costs no read of the file (a 4 MB CJK font embedded whole is 2.2 MB to decode at each of a mark's
 * several loads, and marking such a file is close to its bytes-read limit: {@code PdfResourceCacheTest}).
 */
final class FontPrograms {
    private static final COSName CID_FONT_TYPE2 = COSName.getPDFName("CIDFontType2");
    private static final COSName OPEN_TYPE = COSName.getPDFName("OpenType");
    /** In the order PDFBox looks for a CIDFontType2's program. */
    private static final List<COSName> PROGRAMS = List.of(COSName.FONT_FILE2, COSName.FONT_FILE3, COSName.FONT_FILE);
    /** What a stream's dictionary says about its encoding, left out of the decoded copy. */
    private static final List<COSName> ENCODING = List.of(COSName.FILTER, COSName.DECODE_PARMS, COSName.LENGTH,
            COSName.F, COSName.F_FILTER, COSName.F_DECODE_PARMS, COSName.DL);
    /** The sfnt header: version, numTables, searchRange, entrySelector, rangeShift. */
    private static final int HEADER = 12;
    /** One table record: tag, checksum, offset, length. */
    private static final int RECORD = 16;
    /** Table records pointing past the program's end that a program may have and still be read. */
    static final int MAX_OUTSIDE = 16;

    private FontPrograms() {
    }

    /**
     * The dictionary to make a font from, when it (or its descendant, for a Type 0 font) has a program PDFBox reads
     * as TrueType/OpenType: a copy whose programs are decoded and unfiltered, or have none when one's directory is
     * damaged ({@code damage} then says why); empty for a font with no such program (PDFBox makes it as usual).
     */
    record Prepared(COSDictionary font, Optional<String> damage) {
    }

    static Optional<Prepared> prepare(COSDictionary font) throws IOException {
        Map<COSDictionary, COSDictionary> descriptors = new IdentityHashMap<>();
        for (COSDictionary f : withDescendant(font)) {
            COSDictionary descriptor = f.getCOSDictionary(COSName.FONT_DESC);
            Optional<COSName> key = descriptor == null ? Optional.empty() : sfntProgram(f, descriptor);
            if (key.isEmpty()) {
                continue;
            }
            COSStream stream = (COSStream) descriptor.getDictionaryObject(key.get());
            byte[] program = decoded(stream);
            Optional<String> damage = directoryDamage(program);
            if (damage.isPresent()) {
                Map<COSDictionary, COSDictionary> stripped = new IdentityHashMap<>();
                for (COSDictionary g : withDescendant(font)) {
                    COSDictionary d = g.getCOSDictionary(COSName.FONT_DESC);
                    if (d != null) {
                        COSDictionary copy = new COSDictionary(d);
                        PROGRAMS.forEach(copy::removeItem);
                        stripped.put(g, copy);
                    }
                }
                return Optional.of(new Prepared(withDescriptors(font, stripped),
                        Optional.of("its embedded font program (" + key.get().getName() + ") " + damage.get())));
            }
            COSDictionary copy = new COSDictionary(descriptor);
            copy.setItem(key.get(), unfiltered(stream, program));
            descriptors.put(f, copy);
        }
        return descriptors.isEmpty() ? Optional.empty()
                : Optional.of(new Prepared(withDescriptors(font, descriptors), Optional.empty()));
    }

    /** A copy of {@code font} (and of its descendant) with the font descriptors given for them; the document's own unchanged. */
    private static COSDictionary withDescriptors(COSDictionary font, Map<COSDictionary, COSDictionary> descriptors) {
        COSDictionary copy = new COSDictionary(font);
        if (descriptors.containsKey(font)) {
            copy.setItem(COSName.FONT_DESC, descriptors.get(font));
        }
        if (font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants && descendants.size() > 0
                && descendants.getObject(0) instanceof COSDictionary descendant && descriptors.containsKey(descendant)) {
            COSDictionary d = new COSDictionary(descendant);
            d.setItem(COSName.FONT_DESC, descriptors.get(descendant));
            COSArray copies = new COSArray();
            copies.add(d);
            for (int i = 1; i < descendants.size(); i++) {
                copies.add(descendants.get(i));
            }
            copy.setItem(COSName.DESCENDANT_FONTS, copies);
        }
        return copy;
    }

    /** The font and its first descendant (the only one PDFBox makes), for a Type 0 font. */
    private static List<COSDictionary> withDescendant(COSDictionary font) {
        if (font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants
                && descendants.size() > 0 && descendants.getObject(0) instanceof COSDictionary descendant) {
            return List.of(font, descendant);
        }
        return List.of(font);
    }

    /**
     * The program PDFBox parses with fontbox's TrueType parser, if any: a CIDFontType2 takes the first of FontFile2,
     * FontFile3 and FontFile it has (Acrobat's leniency, which PDFBox copies); other fonts read FontFile2 that way,
     * and FontFile3 when its subtype is OpenType.
     */
    private static Optional<COSName> sfntProgram(COSDictionary font, COSDictionary descriptor) {
        boolean cidType2 = CID_FONT_TYPE2.equals(font.getCOSName(COSName.SUBTYPE));
        for (COSName key : PROGRAMS) {
            if (descriptor.getDictionaryObject(key) instanceof COSStream program) {
                boolean sfnt = cidType2 || COSName.FONT_FILE2.equals(key)
                        || COSName.FONT_FILE3.equals(key) && OPEN_TYPE.equals(program.getCOSName(COSName.SUBTYPE));
                return sfnt ? Optional.of(key) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The stream decoded as PDFBox decodes a font program (through the bounded filters). */
    private static byte[] decoded(COSStream stream) throws IOException {
        try (RandomAccessRead in = stream.createView()) {
            long length = in.length();
            if (length > Integer.MAX_VALUE - 16) {
                throw new IOException("font program of " + length + " bytes");
            }
            byte[] program = new byte[(int) length];
            in.readFully(program);
            return program;
        }
    }

    /** A stream with {@code stream}'s dictionary (its encoding left out) holding {@code decoded} as it is. */
    private static COSStream unfiltered(COSStream stream, byte[] decoded) throws IOException {
        COSStream copy = new COSStream();
        copy.addAll(stream);
        ENCODING.forEach(copy::removeItem);
        try (OutputStream out = copy.createRawOutputStream()) {
            out.write(decoded);
        }
        return copy;
    }

    /**
     * The directory checked as fontbox reads it (it does not check the version first): {@code numTables} records
     * after the 12-byte header, each table's offset and length inside the program.
     */
    static Optional<String> directoryDamage(byte[] program) {
        int size = program.length;
        if (size < HEADER) {
            return Optional.empty(); // fontbox refuses it with one exception: no flood
        }
        int tables = (program[4] & 0xFF) << 8 | program[5] & 0xFF;
        if (HEADER + (long) RECORD * tables > size) {
            return Optional.of("declares " + tables + " tables, more than its " + size + " bytes hold");
        }
        int outside = 0;
        for (int i = 0; i < tables; i++) {
            int at = HEADER + RECORD * i;
            if (uint32(program, at + 8) + uint32(program, at + 12) > size) {
                outside++;
            }
        }
        return outside <= MAX_OUTSIDE ? Optional.empty() : Optional.of("has " + outside + " of its " + tables
                + " tables' directory entries pointing past its " + size + " bytes");
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | b[at + 3] & 0xFFL;
    }
}
