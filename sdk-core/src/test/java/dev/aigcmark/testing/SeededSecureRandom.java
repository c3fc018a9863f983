package dev.aigcmark.testing;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.SplittableRandom;

/**
 * A {@link SecureRandom} whose every byte follows from a seed, for tests only: keys, nonces, salts and ids made
 * with it repeat from run to run. It ignores {@code setSeed} (a library reseeding it would break the repetition)
 * and never touches the system's entropy.
 */
final class SeededSecureRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeededSecureRandom(long seed) {
        super(new Spi(seed), null);
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final SplittableRandom random;

        Spi(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Deliberately ignored: see the class comment.
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8 && i + j < bytes.length; j++) {
                    bytes[i + j] = (byte) (v >>> (8 * j));
                }
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            engineNextBytes(b);
            return b;
        }
    }
}
