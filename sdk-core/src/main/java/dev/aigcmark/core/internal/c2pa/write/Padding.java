package dev.aigcmark.core.internal.c2pa.write;

import java.util.function.IntFunction;

/**
 * Finds the pad length that makes an encoding exactly {@code target} bytes long. C2PA writers reserve sizes
 * before the final values are known (offsets, hashes, signatures) and fill the difference with a zero pad,
 * so nothing in the file moves between the placeholder and the final pass.
 */
public final class Padding {
    private Padding() {
    }

    public static byte[] fit(IntFunction<byte[]> encodeWithPad, int target, String what) {
        byte[] none = encodeWithPad.apply(0);
        if (none.length > target) {
            throw new IllegalStateException(what + " needs " + none.length + " bytes, only " + target + " reserved");
        }
        // The pad's own CBOR length header grows at 24, 256 and 65536 bytes: try the few candidates around the gap.
        int guess = target - none.length;
        for (int pad = Math.max(0, guess - 8); pad <= guess; pad++) {
            byte[] b = encodeWithPad.apply(pad);
            if (b.length == target) {
                return b;
            }
        }
        throw new IllegalStateException("cannot pad " + what + " to exactly " + target + " bytes");
    }
}
