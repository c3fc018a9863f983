package dev.aigcmark.core.internal.watermark;

import dev.aigcmark.core.identity.WatermarkKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Payload layout, keyed tag, CRC and the soft Viterbi decoder. */
class PayloadCodeTest {
    static final WatermarkKey KEY = new WatermarkKey(0xABCD, "payload-code-test-key-01".getBytes(StandardCharsets.US_ASCII));
    static final WatermarkKey OTHER = new WatermarkKey(0xABCD, "payload-code-test-key-02".getBytes(StandardCharsets.US_ASCII));

    @Test
    void layoutIsVersionIssuerSerialTag() {
        WatermarkPayload p = WatermarkPayload.of(KEY, 0x12345678L);
        byte[] b = p.toBytes();
        assertThat(b).hasSize(8);
        assertThat(p.hex()).startsWith("2abcd12345678"); // version 2: the tile of aigcmark.image.v2
        assertThat(WatermarkPayload.parse(b, KEY)).contains(p);
    }

    @Test
    void anotherKeyOrATamperedPayloadIsRejected() {
        byte[] b = WatermarkPayload.of(KEY, 77).toBytes();
        assertThat(WatermarkPayload.parse(b, OTHER)).isEmpty(); // same issuer id, different secret: tag fails
        b[5] ^= 1;
        assertThat(WatermarkPayload.parse(b, KEY)).isEmpty();
    }

    @Property(tries = 100)
    void noisySoftValuesDecodeExactly(@ForAll long serialBits, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        byte[] payload = WatermarkPayload.of(KEY, serialBits & 0xFFFF_FFFFL).toBytes();
        int[] code = PayloadCode.encode(payload);
        assertThat(code).hasSize(PayloadCode.CODED_BITS);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] soft = new float[code.length];
        for (int i = 0; i < code.length; i++) {
            // Eb/N0 = 6 dB: about 4 of the 172 hard decisions are wrong; the code corrects them
            soft[i] = (float) (code[i] + 0.5 * gaussian(rnd));
        }
        assertThat(PayloadCode.decode(soft)).hasValueSatisfying(d -> assertThat(d).isEqualTo(payload));
    }

    @Test
    void randomSoftValuesRarelyPassTheCrcAndNeverTheTag() {
        SplittableRandom rnd = new SplittableRandom(3);
        int crcPassed = 0;
        for (int t = 0; t < 2000; t++) {
            float[] soft = new float[PayloadCode.CODED_BITS];
            for (int i = 0; i < soft.length; i++) {
                soft[i] = (float) gaussian(rnd);
            }
            var decoded = PayloadCode.decode(soft);
            if (decoded.isPresent()) {
                crcPassed++;
                assertThat(WatermarkPayload.parse(decoded.get(), KEY)).isEmpty();
            }
        }
        assertThat(crcPassed).isLessThan(5); // expected 2000 / 65536
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
