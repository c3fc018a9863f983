package dev.aigcmark.core.spi;

import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.UnreadableInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 digest of a file's content under a named rule.
 *
 * @param scheme which bytes were covered: {@code <handler id>.<version>}, e.g. {@code jpeg.1}. The version changes
 *               whenever a handler changes what it covers, so an old binding reads as "cannot check" rather than
 *               as a transplant.
 * @param sha256 the 32-byte digest
 */
public record ContentDigest(String scheme, byte[] sha256) {

    /** The OID of SHA-256, named in the signed binding so the hash can change without ambiguity. */
    public static final String SHA256_OID = "2.16.840.1.101.3.4.2.1";

    public ContentDigest {
        Objects.requireNonNull(scheme, "scheme");
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a content digest is 32 bytes of SHA-256");
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The format part of the scheme ({@code jpeg} of {@code jpeg.1}). */
    public String format() {
        int dot = scheme.lastIndexOf('.');
        return dot < 0 ? scheme : scheme.substring(0, dot);
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    public boolean matches(ContentDigest other) {
        return other != null && scheme.equals(other.scheme) && MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentDigest d && matches(d);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return scheme + ":" + hex();
    }

    public static Builder builder(String scheme) {
        return new Builder(scheme);
    }

    /**
     * Feeds the covered parts into SHA-256. Every part is framed (a tag and its length go first), so two
     * different sequences of parts can never hash alike by shifting bytes from one part into the next.
     */
    public static final class Builder {
        private final String scheme;
        private final MessageDigest sha = sha256();
        /** A part's frame (tag and length), and for a number its 8 bytes after it: hashed in one update. */
        private final byte[] frame = new byte[20];

        private Builder(String scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
        }

        /** A part: a tag of up to 4 characters (a chunk type, a box type, a segment marker name) and its bytes. */
        public Builder part(String tag, byte[] bytes, int offset, int length) {
            header(tag, length);
            sha.update(bytes, offset, length);
            return this;
        }

        public Builder part(String tag, byte[] bytes) {
            return part(tag, bytes, 0, bytes.length);
        }

        public Builder part(String tag, String text) {
            return part(tag, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A number (a dimension, a table value), as its own framed part. */
        public Builder number(String tag, long value) {
            frame(tag, 8);
            for (int i = 0; i < 8; i++) {
                frame[12 + i] = (byte) (value >>> (56 - 8 * i));
            }
            sha.update(frame, 0, 20);
            return this;
        }

        /**
         * A part read from {@code input} in slices (sample data of a large video is never held whole); a large one
         * is hashed on a helper thread while the next slices are read (see the method below).
         */
        public Builder range(String tag, MediaInput input, long position, long length) throws IOException {
            return range(tag, input, position, length, null);
        }

        /**
         * The same part as {@link #range(String, MediaInput, long, long)}, written to {@code out} as it is hashed
         * (unless {@code out} is null): a writer that copies the content anyway digests it in the same read (one
         * pass over a large video's samples instead of two). Through direct buffers of at most 1 MB, so memory stays
         * flat in the file's size; a buffer is direct (outside the Java heap), so a file is read into it and written
         * from it with one copy each way, where a heap array takes two (the JDK copies it through a temporary direct
         * buffer): 0.80× the CPU time for 128 MB of an MP4's samples digested and copied (the session-11 note).
         * <p>A range of at least {@link OverlappedDigest#FROM} bytes, on a machine with more than one processor, is
         * hashed on a helper thread while this thread reads (and writes) the next megabytes
         * ({@link OverlappedDigest}): the same bytes are hashed and written, in the same order, from the same
         * buffers, and the wall time is that of the longer of the two (SHA-256 here) instead of their sum.
         */
        public Builder range(String tag, MediaInput input, long position, long length, WritableByteChannel out)
                throws IOException {
            return range(tag, input, position, length, out, OverlappedDigest.worthIt(length));
        }

        /** {@link #range(String, MediaInput, long, long, WritableByteChannel)}, overlapped or not (tests). */
        Builder range(String tag, MediaInput input, long position, long length, WritableByteChannel out,
                      boolean overlapped) throws IOException {
            if (position < 0 || length < 0 || position + length > input.size()) {
                throw new UnreadableInputException(input.name() + ": " + length + " bytes at " + position
                        + " run past the end (" + input.size() + " bytes)");
            }
            header(tag, length);
            if (out == null && input.updateDigest(sha, position, length)) {
                return this; // a file, hashed from a mapping: no copy to overlap
            }
            if (overlapped) {
                OverlappedDigest.copy(sha, input, position, length, out);
                return this;
            }
            ByteBuffer buf = OverlappedDigest.buffer(length);
            try {
                long done = 0;
                while (done < length) {
                    int n = OverlappedDigest.fill(buf, input, position + done, length - done);
                    sha.update(buf);
                    if (out != null) {
                        buf.rewind();
                        OverlappedDigest.writeAll(buf, out);
                    }
                    done += n;
                }
            } finally {
                OverlappedDigest.giveBack(buf);
            }
            return this;
        }

        public ContentDigest build() {
            return new ContentDigest(scheme, sha.digest());
        }

        private void header(String tag, long length) {
            frame(tag, length);
            sha.update(frame, 0, 12);
        }

        /** Writes a part's frame into {@link #frame}: the tag's ISO 8859-1 bytes padded with spaces, the length. */
        private void frame(String tag, long length) {
            byte[] t = tag.getBytes(StandardCharsets.ISO_8859_1);
            if (t.length > 4) {
                throw new IllegalArgumentException("a part tag has at most 4 characters: '" + tag + "'");
            }
            for (int i = 0; i < 4; i++) {
                frame[i] = i < t.length ? t[i] : (byte) ' ';
            }
            for (int i = 0; i < 8; i++) {
                frame[4 + i] = (byte) (length >>> (56 - 8 * i));
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
