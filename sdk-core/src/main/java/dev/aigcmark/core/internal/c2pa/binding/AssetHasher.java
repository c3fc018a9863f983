package dev.aigcmark.core.internal.c2pa.binding;

import dev.aigcmark.core.io.MediaInput;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Streams parts of an asset into a digest in fixed-size chunks, so a large video is never loaded whole. */
public final class AssetHasher {
    private static final int CHUNK = 1 << 16;

    private AssetHasher() {
    }

    /** The JCA digest for a C2PA hash name ({@code sha256}, {@code sha384}, {@code sha512}). */
    public static Optional<MessageDigest> digest(String c2paName) {
        String jca = switch (c2paName == null ? "sha256" : c2paName.toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageDigest.getInstance(jca));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    public static byte[] hash(String alg, byte[] data) {
        MessageDigest md = digest(alg).orElseThrow(() -> new IllegalArgumentException("unsupported hash " + alg));
        return md.digest(data);
    }

    /** Feeds {@code [from, to)} of the input minus {@code excluded} (merged, sorted) into {@code md}. */
    static void update(MessageDigest md, MediaInput in, long from, long to, List<ByteRanges.Range> excluded) throws IOException {
        long pos = from;
        for (ByteRanges.Range r : excluded) {
            if (r.end() <= pos || r.start() >= to) {
                continue;
            }
            copy(md, in, pos, Math.min(r.start(), to));
            pos = Math.max(pos, r.end());
        }
        copy(md, in, pos, to);
    }

    private static void copy(MessageDigest md, MediaInput in, long from, long to) throws IOException {
        byte[] buf = new byte[CHUNK];
        long pos = from;
        while (pos < to) {
            int n = (int) Math.min(buf.length, to - pos);
            int read = in.read(pos, buf, 0, n);
            if (read <= 0) {
                throw new IOException("asset ended at " + pos + " while hashing");
            }
            md.update(buf, 0, read);
            pos += read;
        }
    }
}
