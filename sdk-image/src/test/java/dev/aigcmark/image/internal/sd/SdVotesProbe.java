package dev.aigcmark.image.internal.sd;

import dev.aigcmark.image.internal.sd.SdWatermarkDetector.Convention;

import java.awt.image.BufferedImage;

/** The Stable Diffusion detector's per-block votes, for tests outside its package: one byte per block, a bit per convention. */
public final class SdVotesProbe {
    private SdVotesProbe() {
    }

    public static byte[] votes(BufferedImage image) {
        boolean[][] all = SdVotes.of(image).all();
        byte[] out = new byte[all[0].length];
        for (Convention c : Convention.values()) {
            for (int i = 0; i < out.length; i++) {
                out[i] |= (byte) (all[c.ordinal()][i] ? 1 << c.ordinal() : 0);
            }
        }
        return out;
    }
}
