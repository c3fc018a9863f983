package dev.aigcmark.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the SDK draws every random value it writes: ProduceIDs, C2PA manifest and instance ids, hash salts,
 * and (through an identity) key generation and signature nonces. Production uses {@link #secure()}; a test
 * injects a seeded {@link SecureRandom} through {@link #of} so the bytes it marks are the same on every run.
 * Thread-safe (as {@link SecureRandom} is).
 */
public final class RandomSource {
    private static final HexFormat HEX = HexFormat.of();

    /** The generator; for {@link #secure()}, null until the first draw. */
    private volatile SecureRandom random;

    private RandomSource(SecureRandom random) {
        this.random = random;
    }

    /**
     * The platform's strong source (a fresh {@link SecureRandom}, made at the first draw: seeding it starts the JCA
     * provider machinery, which a context that only verifies never needs).
     */
    public static RandomSource secure() {
        return new RandomSource(null);
    }

    /** Draws from {@code random}: a DRBG of the platform's choosing, or a seeded one in tests. */
    public static RandomSource of(SecureRandom random) {
        return new RandomSource(Objects.requireNonNull(random));
    }

    /** The underlying generator, for APIs that take one (key generation, signing, certificate serials). */
    public SecureRandom secureRandom() {
        SecureRandom r = random;
        if (r == null) {
            synchronized (this) {
                r = random;
                if (r == null) {
                    r = new SecureRandom();
                    random = r;
                }
            }
        }
        return r;
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        secureRandom().nextBytes(b);
        return b;
    }

    /** 32 lower-case hex digits (128 bits), the shape real producers use for ProduceID. */
    public String hexId() {
        return HEX.formatHex(bytes(16));
    }

    /** A version-4 (random) UUID drawn from this source. */
    public UUID uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0F) | 0x40);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xFF);
            lsb = (lsb << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(msb, lsb);
    }
}
