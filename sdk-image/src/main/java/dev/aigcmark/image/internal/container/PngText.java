package dev.aigcmark.image.internal.container;

import dev.aigcmark.core.io.FileBudget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** PNG text chunks (tEXt, zTXt, iTXt): keyword and text, decompression bounded. */
public final class PngText {
    public static final String XMP_KEYWORD = "XML:com.adobe.xmp";

    /** A decoded text chunk. */
    public record Text(String keyword, byte[] text) {
    }

    private PngText() {
    }

    /**
     * Decodes a text chunk, or returns null when it is not one; {@code maxBytes} bounds the (decompressed) text.
     *
     * @throws java.io.IOException when the chunk is malformed or its text exceeds the limit; a
     *         {@link dev.aigcmark.core.io.BudgetExceededException} when compressed text inflates past it
     */
    public static Text decode(String type, byte[] b, int off, int len, int maxBytes) throws IOException {
        int end = off + len;
        int nul = indexOf(b, off, end);
        if (nul < 0 || nul - off > 79) {
            throw new IOException(type + " chunk has no valid keyword");
        }
        String keyword = new String(b, off, nul - off, StandardCharsets.ISO_8859_1);
        int p = nul + 1;
        switch (type) {
            case "tEXt":
                return new Text(keyword, latin1ToUtf8(b, p, end - p, maxBytes));
            case "zTXt":
                if (p + 1 > end) {
                    throw new IOException("zTXt chunk is cut short");
                }
                return new Text(keyword, latin1ToUtf8(inflate(b, p + 1, end - p - 1, maxBytes), 0, -1, maxBytes));
            case "iTXt": {
                if (p + 2 > end) {
                    throw new IOException("iTXt chunk is cut short");
                }
                boolean compressed = b[p] != 0;
                int lang = indexOf(b, p + 2, end);
                int translated = lang < 0 ? -1 : indexOf(b, lang + 1, end);
                if (translated < 0) {
                    throw new IOException("iTXt chunk lacks its language or translated keyword");
                }
                int t = translated + 1;
                byte[] text = compressed ? inflate(b, t, end - t, maxBytes) : copy(b, t, end - t, maxBytes);
                return new Text(keyword, text);
            }
            default:
                return null;
        }
    }

    /** An uncompressed iTXt chunk body (keyword, flags, empty language and translated keyword, UTF-8 text). */
    public static byte[] itxt(String keyword, byte[] utf8) {
        byte[] k = Bytes.ascii(keyword);
        byte[] d = new byte[k.length + 5 + utf8.length];
        System.arraycopy(k, 0, d, 0, k.length);
        System.arraycopy(utf8, 0, d, k.length + 5, utf8.length);
        return d;
    }

    /** A tEXt chunk body; the text must be Latin-1 (our label JSON is ASCII). */
    public static byte[] text(String keyword, String latin1) {
        return (keyword + "\0" + latin1).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] copy(byte[] b, int off, int len, int max) throws IOException {
        if (len > max) {
            throw new IOException("text of " + len + " bytes exceeds the limit " + max);
        }
        return Arrays.copyOfRange(b, off, off + len);
    }

    private static byte[] latin1ToUtf8(byte[] b, int off, int len, int max) throws IOException {
        int n = len < 0 ? b.length : len;
        if (n > max) {
            throw new IOException("text of " + n + " bytes exceeds the limit " + max);
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Inflates zlib data, stopping once the output passes {@code max} (a zip bomb costs nothing): the file's budget
     * is exceeded ({@link FileBudget.Limit#DECOMPRESSED_BYTES}, {@code asset.limit.decompressedBytes}), as it is
     * when all its compressed chunks together inflate past the file's decompressed-bytes limit.
     */
    public static byte[] inflate(byte[] b, int off, int len, int max) throws IOException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            FileBudget budget = FileBudget.current();
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                budget.decompressed(n); // the file's total over all its chunks, and a deadline checkpoint
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException("compressed text is cut short");
                }
                if (out.size() + n > max) {
                    // a decompression bomb as much as damage: the file is refused by the limit, named in its report
                    throw budget.exceed(FileBudget.Limit.DECOMPRESSED_BYTES, "has compressed text (zTXt/iTXt) that"
                            + " inflates past the limit of " + max + " bytes for one metadata carrier");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("compressed text is corrupt: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    private static int indexOf(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
