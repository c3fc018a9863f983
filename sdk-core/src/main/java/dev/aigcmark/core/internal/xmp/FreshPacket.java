package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;

import java.nio.charset.StandardCharsets;

/**
 * The packet {@link XmpWriter} makes for a file without XMP, filled in as text: the DOM path (parse the skeleton,
 * add the label, serialise) was a third of the CPU of labelling a 12 MP JPEG, and its output for a file without
 * XMP is always the same text around two values. The text is made once by that DOM path, with marker values, so
 * both paths give the same bytes by construction; a value whose escaping could differ between a hand-written
 * escaper and the JDK serialiser (control characters, C1 controls, characters beyond the BMP, carriage returns, an empty
 * value) is left to the DOM path.
 */
final class FreshPacket {
    private static final String LABEL_MARK = "AIGCLABELVALUEMARK";
    private static final String SOURCE_TYPE_MARK = "AIGCSOURCETYPEMARK";

    /** The packet's text with marker values, made on first use: with the label only, and with both values. */
    private static final class Templates {
        static final String LABEL_ONLY = make(null);
        static final String WITH_SOURCE_TYPE = make(SOURCE_TYPE_MARK);

        private static String make(String dst) {
            try {
                String t = new String(XmpWriter.throughDom(null, LABEL_MARK, dst, ReadLimits.defaults()),
                        StandardCharsets.UTF_8);
                if (t.indexOf(LABEL_MARK) != t.lastIndexOf(LABEL_MARK)
                        || (dst != null && t.indexOf(SOURCE_TYPE_MARK) != t.lastIndexOf(SOURCE_TYPE_MARK))) {
                    throw new IllegalStateException("the XMP skeleton holds a marker value twice");
                }
                return t;
            } catch (XmpException e) {
                throw new IllegalStateException("the built-in XMP skeleton failed to parse", e);
            }
        }
    }

    private FreshPacket() {
    }

    /** The new packet's bytes, or null when a value must go through the DOM's own escaping. */
    static byte[] fill(String aigcJson, String dstOrNull) {
        String label = escape(aigcJson);
        String dst = dstOrNull == null ? null : escape(dstOrNull);
        if (label == null || (dstOrNull != null && dst == null) || hasMark(aigcJson) || (dst != null && hasMark(dst))) {
            return null;
        }
        String packet = dst == null ? Templates.LABEL_ONLY.replace(LABEL_MARK, label)
                : Templates.WITH_SOURCE_TYPE.replace(LABEL_MARK, label).replace(SOURCE_TYPE_MARK, dst);
        return packet.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasMark(String value) {
        return value.contains(LABEL_MARK) || value.contains(SOURCE_TYPE_MARK);
    }

    /** Element text as the JDK serialiser writes it ({@code & < >} as entities), or null for anything else unusual. */
    static String escape(String text) {
        if (text.isEmpty()) {
            return null; // the serialiser writes an empty element as <a/>
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (entity == null && !plain(c)) {
                return null;
            }
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A character the serialiser writes as itself: printable ASCII, newline, tab, or a BMP character from U+00A0 on
     * (it writes characters beyond the BMP as numeric references, so surrogates are left to it).
     */
    private static boolean plain(char c) {
        if (c >= 0x20 && c < 0x7F || c == '\n' || c == '\t') {
            return true;
        }
        return c >= 0xA0 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
    }
}
