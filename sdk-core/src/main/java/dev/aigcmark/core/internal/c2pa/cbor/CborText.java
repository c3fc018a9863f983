package dev.aigcmark.core.internal.c2pa.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether every text string of a CBOR item is valid UTF-8, as RFC 8949 (3.1, 5.3.1) requires of a valid item. Jackson's
 * CBOR parser does not check: it decodes a sequence beyond U+10FFFF into a lone surrogate and an overlong or surrogate
 * form into a character, and {@link Cbor#parse} then reads such text as U+FFFD. For a C2PA claim that is not enough:
 * the reference reader (c2pa-rs) refuses the claim ("claim_cbor: Invalid UTF-8"), the specification's
 * {@code claim.cbor.invalid}, so a claim signed with such text must not validate here either; the same for an
 * assertion the claim lists ("AssertionDecoding: ... Invalid UTF-8", {@code assertion.cbor.invalid}). The item is walked on its
 * raw bytes (map keys, indefinite-length chunks each on its own, under tags); an item this walk cannot follow is left
 * to the parser, which has read it already.
 */
public final class CborText {
    private static final int MAX_DEPTH = 64;

    private CborText() {
    }

    /** Where the first text string that is not valid UTF-8 starts, said in words; empty when there is none. */
    public static Optional<String> invalidText(byte[] bytes) {
        Walk w = new Walk(bytes);
        try {
            w.item(0);
        } catch (Stop stop) {
            return Optional.ofNullable(stop.invalid);
        }
        return Optional.empty();
    }

    /** Ends the walk: with the finding, or with null where the bytes are not CBOR the walk follows. */
    private static final class Stop extends Exception {
        final String invalid;

        Stop(String invalid) {
            super(invalid, null, false, false);
            this.invalid = invalid;
        }
    }

    private static final class Walk {
        private final byte[] b;
        private int pos;

        Walk(byte[] bytes) {
            this.b = bytes;
        }

        /** One item; returns false when it was the break of an indefinite-length container. */
        boolean item(int depth) throws Stop {
            if (depth > MAX_DEPTH || pos >= b.length) {
                throw new Stop(null);
            }
            int start = pos;
            int initial = b[pos++] & 0xFF;
            int major = initial >>> 5;
            int info = initial & 0x1F;
            if (initial == 0xFF) {
                return false;
            }
            if (info == 31) {
                if (major == 2 || major == 3 || major == 4 || major == 5) {
                    while (item(depth + 1)) {
                        // chunks (each a definite string of the same kind) or items, up to the break
                    }
                    return true;
                }
                throw new Stop(null);
            }
            long n = argument(info);
            switch (major) {
                case 2 -> skip(n);
                case 3 -> {
                    int from = pos;
                    skip(n);
                    if (!validUtf8(from, (int) n)) {
                        throw new Stop("the text string at byte " + start + " is not valid UTF-8");
                    }
                }
                case 4 -> each(n, depth);
                case 5 -> each(2 * n, depth);
                case 6 -> item(depth + 1);
                default -> {
                    // 0, 1: integers; 7: simple values and floats, their bytes read as the argument
                }
            }
            return true;
        }

        private void each(long count, int depth) throws Stop {
            if (count < 0 || count > b.length - pos) {
                throw new Stop(null); // every item takes at least one byte
            }
            for (long i = 0; i < count; i++) {
                if (!item(depth + 1)) {
                    throw new Stop(null);
                }
            }
        }

        private long argument(int info) throws Stop {
            if (info < 24) {
                return info;
            }
            int size = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new Stop(null);
            };
            if (size > b.length - pos) {
                throw new Stop(null);
            }
            long v = 0;
            for (int i = 0; i < size; i++) {
                v = v << 8 | b[pos++] & 0xFF;
            }
            return v;
        }

        private void skip(long n) throws Stop {
            if (n < 0 || n > b.length - pos) {
                throw new Stop(null);
            }
            pos += (int) n;
        }

        private boolean validUtf8(int from, int length) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, length));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }
    }
}
