package dev.aigcmark.core.internal.xmp;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.testing.TestSeed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The text-filled packet for a file without XMP is byte for byte what the DOM path writes, or not used at all. */
class FreshPacketTest {
    private static final ReadLimits LIMITS = ReadLimits.defaults();
    /** Characters a label or source type can hold, the ones XML escapes and the ones the fast path declines. */
    private static final String ALPHABET = "aZ09 {}\":,._-/+=&<>'\n\t\r\u0001\u001f\u007f\u0085\u00a0é生成标识\u2028\ufeff\ud83d\ude00";

    @Test
    void everyValueGivesTheDomPathsBytesOrFallsBackToIt() throws XmpException {
        Random random = TestSeed.random("FreshPacketTest.values");
        int filled = 0;
        for (int i = 0; i < 1_000; i++) {
            String label = value(random);
            String dst = random.nextInt(3) == 0 ? null : value(random);
            byte[] fresh = FreshPacket.fill(label, dst);
            byte[] dom;
            try {
                dom = XmpWriter.throughDom(null, label, dst, LIMITS);
            } catch (XmpException unwritable) {
                // a lone surrogate: the DOM path refuses it, and the fast path must not write it either
                assertThat(fresh).as("label %s, dst %s", label, dst).isNull();
                continue;
            }
            if (fresh != null) {
                filled++;
                assertThat(new String(fresh, StandardCharsets.UTF_8)).as("label %s, dst %s", label, dst)
                        .isEqualTo(new String(dom, StandardCharsets.UTF_8));
            }
            assertThat(XmpWriter.update(null, label, dst, LIMITS)).isEqualTo(dom);
        }
        assertThat(filled).as("values the fast path took").isGreaterThan(200);
    }

    @Test
    void aRealLabelTakesTheFastPathAndReadsBack() throws XmpException {
        String json = "{\"Label\":\"1\",\"ContentProducer\":\"001191000000MA0000000N10000\",\"ProduceID\":\"a&b<c>\","
                + "\"ReservedCode1\":\"MEUCIQ+/=\"}";
        String dst = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
        byte[] fresh = FreshPacket.fill(json, dst);
        assertThat(fresh).isNotNull().isEqualTo(XmpWriter.throughDom(null, json, dst, LIMITS));
        XmpPacket read = XmpPacket.parse(fresh, LIMITS);
        assertThat(read.aigcLabelText()).contains(json);
        assertThat(read.digitalSourceType()).contains(dst);
    }

    @Test
    void aValueHoldingAMarkerOrAControlCharacterGoesThroughTheDom() {
        assertThat(FreshPacket.fill("x AIGCSOURCETYPEMARK", "y")).isNull();
        assertThat(FreshPacket.fill("x", "AIGCLABELVALUEMARK")).isNull();
        assertThat(FreshPacket.fill("a\u0001b", null)).isNull();
        assertThat(FreshPacket.fill("a\rb", null)).isNull();
    }

    private static String value(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                int at = random.nextInt(ALPHABET.length());
                char c = ALPHABET.charAt(at);
                // mostly whole surrogate pairs, sometimes a lone half
                if (Character.isHighSurrogate(c) && random.nextInt(4) != 0) {
                    sb.append(c).append(ALPHABET.charAt(at + 1));
                } else {
                    sb.append(c);
                }
            } else {
                sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
