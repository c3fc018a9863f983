package dev.aigcmark.image.internal.label;

import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the bundled label font: a subset of WenQuanYi Micro Hei (Apache-2.0; Debian package
 * {@code fonts-wqy-microhei}) holding printable ASCII and the characters of usual label wordings.
 * Run from the repository root when the character set changes:
 * <pre>
 * mvn -o -q -pl sdk-image test-compile &amp;&amp; java -cp "$(cat cp.txt):sdk-image/target/classes:sdk-image/target/test-classes" \
 *     dev.aigcmark.image.internal.label.BundledFontBuilder
 * </pre>
 */
public final class BundledFontBuilder {
    /** Characters of the label wordings we expect ("AI生成", "人工智能生成合成", "本内容由AI生成"...), and punctuation. */
    public static final String CJK = "人工智能生成合成本内容由图像视频音频文字片作品经过深度技术算法提供标识疑似可能为"
            + "，。：；！？、（）【】“”—·";

    private BundledFontBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
        Path target = Path.of(args.length > 1 ? args[1]
                : "sdk-image/src/main/resources/dev/aigcmark/image/internal/label/" + LabelFont.RESOURCE);
        try (TrueTypeCollection ttc = new TrueTypeCollection(new File(source.toString()))) {
            List<TrueTypeFont> fonts = new ArrayList<>();
            ttc.processAllFonts(fonts::add);
            // Outlines, metrics and names only: kerning (GPOS) and vertical metrics are not needed for a short label.
            TTFSubsetter subsetter = new TTFSubsetter(fonts.get(0), List.of("head", "hhea", "maxp", "loca", "glyf", "hmtx",
                    "cmap", "name", "OS/2", "post", "cvt ", "fpgm", "prep", "gasp"));
            for (int c = 0x20; c < 0x7F; c++) {
                subsetter.add(c);
            }
            CJK.codePoints().forEach(subsetter::add);
            try (OutputStream out = Files.newOutputStream(target)) {
                subsetter.writeToStream(out);
            }
        }
        System.out.println(target + ": " + Files.size(target) + " bytes");
    }
}
