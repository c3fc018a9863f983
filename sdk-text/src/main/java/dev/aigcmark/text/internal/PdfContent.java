package dev.aigcmark.text.internal;

import dev.aigcmark.core.io.UnreadableInputException;
import dev.aigcmark.core.spi.ContentDigest;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content digest of a PDF ({@code pdf.1}): the pages as they display. For every page in order: its boxes,
 * rotation and user unit, then its content streams, resources (fonts, images, forms), transparency group and
 * annotations, walked as a canonical object graph (dictionary keys sorted, streams by their raw bytes, an object
 * seen before by its visit number, so the digest does not depend on object numbers or file layout).
 *
 * <p>Left out: the document information dictionary and the catalog (metadata, C2PA associated files, outlines),
 * and within pages the keys that are metadata or back-links ({@code /Metadata}, {@code /PieceInfo},
 * {@code /LastModified}, {@code /AF}, {@code /Parent}, {@code /P}, {@code /StructParent(s)}). Incremental updates
 * that only touch those (ours, exiftool's) keep the digest.
 */
public final class PdfContent {
    public static final String SCHEME = "pdf.1";
    private static final Set<String> SKIPPED = Set.of("Metadata", "PieceInfo", "LastModified", "AF", "Parent", "P",
            "StructParent", "StructParents", "Popup", "IRT");
    private static final COSName USER_UNIT = COSName.getPDFName("UserUnit");
    private static final int MAX_OBJECTS = 2_000_000;
    private static final int MAX_DEPTH = 64;

    private final ContentDigest.Builder d = ContentDigest.builder(SCHEME);
    private final Map<COSBase, Integer> visited = new IdentityHashMap<>();
    private final long maxBytes;
    private long bytes;
    /** Each stream's own SHA-256 (reset by {@code digest()}) and read buffer, shared by the streams of one digest. */
    private final MessageDigest streamSha = sha256();
    private final byte[] streamBuffer = new byte[1 << 16];

    private PdfContent(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The digest of {@code doc}'s pages, hashing at most {@code maxBytes} of stream data. */
    public static ContentDigest digest(PDDocument doc, long maxBytes) throws IOException {
        PdfContent c = new PdfContent(maxBytes);
        int n = 0;
        for (PDPage page : doc.getPages()) {
            c.page(page, ++n);
        }
        return c.d.build();
    }

    private void page(PDPage page, int number) throws IOException {
        d.number("PAGE", number);
        rectangle("MBOX", page.getMediaBox());
        rectangle("CBOX", page.getCropBox());
        d.number("ROT", page.getRotation());
        COSDictionary dict = page.getCOSObject();
        value(dict.getDictionaryObject(USER_UNIT), 0);
        value(dict.getDictionaryObject(COSName.CONTENTS), 0);
        value(page.getResources() == null ? null : page.getResources().getCOSObject(), 0);
        value(dict.getDictionaryObject(COSName.GROUP), 0);
        value(dict.getDictionaryObject(COSName.ANNOTS), 0);
    }

    private void rectangle(String tag, PDRectangle r) {
        for (float f : new float[]{r.getLowerLeftX(), r.getLowerLeftY(), r.getUpperRightX(), r.getUpperRightY()}) {
            d.number(tag, Float.floatToIntBits(f));
        }
    }

    private void value(COSBase v, int depth) throws IOException {
        if (v instanceof COSObject o) {
            v = o.getObject();
        }
        if (depth > MAX_DEPTH) {
            throw new UnreadableInputException("PDF objects nest deeper than " + MAX_DEPTH);
        }
        if (v == null || v instanceof COSNull) {
            d.part("null", new byte[0]);
        } else if (v instanceof COSBoolean b) {
            d.number("bool", b.getValue() ? 1 : 0);
        } else if (v instanceof COSInteger i) {
            d.number("int", i.longValue());
        } else if (v instanceof COSFloat f) {
            d.number("real", Float.floatToIntBits(f.floatValue()));
        } else if (v instanceof COSName n) {
            d.part("name", n.getName());
        } else if (v instanceof COSString s) {
            d.part("str", s.getBytes());
        } else if (seen(v)) {
            d.number("ref", visited.get(v));
        } else if (v instanceof COSArray a) {
            d.number("arr", a.size());
            for (int i = 0; i < a.size(); i++) {
                value(a.get(i), depth + 1);
            }
        } else if (v instanceof COSDictionary dict) {
            dictionary(dict, depth);
        } else {
            d.part("?", v.getClass().getSimpleName());
        }
    }

    /** Records a container on first sight; true when it was seen before (then only its number is hashed). */
    private boolean seen(COSBase v) throws UnreadableInputException {
        if (visited.containsKey(v)) {
            return true;
        }
        if (visited.size() >= MAX_OBJECTS) {
            throw new UnreadableInputException("PDF pages reference more than " + MAX_OBJECTS + " objects");
        }
        visited.put(v, visited.size());
        return false;
    }

    private void dictionary(COSDictionary dict, int depth) throws IOException {
        List<COSName> keys = new ArrayList<>(dict.keySet());
        keys.removeIf(k -> SKIPPED.contains(k.getName()) || (dict instanceof COSStream && k.equals(COSName.LENGTH)));
        keys.sort((a, b) -> a.getName().compareTo(b.getName()));
        d.number("dict", keys.size());
        for (COSName k : keys) {
            d.part("key", k.getName());
            value(dict.getItem(k), depth + 1);
        }
        if (dict instanceof COSStream stream) {
            streamData(stream);
        }
    }

    /**
     * The stream's bytes as stored (filters are in the dictionary: decoding would let a flate bomb in), as their
     * own SHA-256, so a large image is hashed in slices.
     */
    private void streamData(COSStream stream) throws IOException {
        MessageDigest sha = streamSha;
        byte[] buf = streamBuffer;
        try (InputStream in = stream.createRawInputStream()) {
            int k;
            while ((k = in.read(buf)) > 0) {
                bytes += k;
                if (bytes > maxBytes) {
                    throw new UnreadableInputException("PDF page content is over " + maxBytes + " bytes");
                }
                sha.update(buf, 0, k);
            }
        }
        d.part("data", sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
