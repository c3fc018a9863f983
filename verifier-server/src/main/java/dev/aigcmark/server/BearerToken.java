package dev.aigcmark.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the marking endpoints require ({@code Authorization: Bearer <token>}). Only its SHA-256 is kept, and a
 * presented token is hashed and compared with {@link MessageDigest#isEqual}, whose time does not depend on where
 * the bytes differ; hashing first also hides the secret's length.
 */
public final class BearerToken {
    /** Shorter secrets can be guessed over the network; 16 characters of a random token are plenty. */
    public static final int MIN_LENGTH = 16;

    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * A token from its secret (surrounding white space dropped, as a token file ends with a newline).
     *
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters or has white space inside
     */
    public static BearerToken of(String secret) {
        String s = secret.strip();
        if (s.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a token needs at least " + MIN_LENGTH + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a token is one word: no spaces or control characters inside");
        }
        return new BearerToken(sha256(s));
    }

    /** Whether an {@code Authorization} header value carries this token (scheme name case-insensitive). */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
