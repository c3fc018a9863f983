package dev.aigcmark.text.internal;

/**
 * Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt, Unicode 15): code points a renderer
 * draws as nothing. Sanitisers strip exactly these, which is why our invisible marks do not survive them.
 */
public final class Invisible {
    private static final int[][] RANGES = {
            {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
            {0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
            {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
            {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};

    private Invisible() {
    }

    public static boolean isDefaultIgnorable(int cp) {
        if (cp < 0x00AD) {
            return false; // below the first range: ASCII and most of Latin-1, without the loop
        }
        for (int[] r : RANGES) {
            if (cp >= r[0] && cp <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** The text as a person sees it: every default-ignorable code point removed. */
    public static String strip(CharSequence text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!isDefaultIgnorable(cp)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }
}
