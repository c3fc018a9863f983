package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.internal.c2pa.cose.CoseSign1;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COSE_Sign1 as early and current writers lay it out: x5chain protected or unprotected, integer or string label. */
class CoseSign1Test {
    private static final byte[] CLAIM = "a claim".getBytes(StandardCharsets.US_ASCII);

    private static byte[] cose(CoseSigner signer, Object chainLabel, boolean inProtected) throws Exception {
        List<Object> ders = new ArrayList<>();
        for (X509Certificate c : signer.chain()) {
            ders.add(c.getEncoded());
        }
        Map<Object, Object> prot = new LinkedHashMap<>();
        prot.put(1, signer.algorithm().id());
        Map<Object, Object> unprot = new LinkedHashMap<>();
        (inProtected ? prot : unprot).put(chainLabel, ders);
        byte[] protRaw = Cbor.encode(prot);
        byte[] sig = signer.sign(CoseSign1.toBeSigned(protRaw, CLAIM));
        return Cbor.encode(new Cbor.Tagged(CoseSign1.TAG, Arrays.asList(protRaw, unprot, null, sig)));
    }

    @Test
    void x5chainIsFoundUnderEveryLabelAndHeader() throws Exception {
        CoseSigner signer = TestKeys.signer("es256");
        for (Object label : List.of(33, "x5chain")) {
            for (boolean prot : List.of(true, false)) {
                CoseSign1 c = CoseSign1.parse(cose(signer, label, prot));
                assertThat(c.algorithm()).contains(CoseAlgorithm.ES256);
                assertThat(c.certificates()).hasSize(2);
                assertThat(c.verify(CoseAlgorithm.ES256, c.certificates().get(0), CLAIM)).as(label + "/" + prot).isTrue();
                assertThat(c.verify(CoseAlgorithm.ES256, c.certificates().get(0), "another claim".getBytes())).isFalse();
            }
        }
    }

    @Test
    void aMissingAlgorithmIsReportedNotGuessed() throws Exception {
        byte[] protRaw = Cbor.encode(Map.of(33, new byte[] {1, 2}));
        CoseSign1 c = CoseSign1.parse(Cbor.encode(new Cbor.Tagged(18, Arrays.asList(protRaw, Map.of(), null, new byte[64]))));
        assertThat(c.algorithm()).isEmpty();
        assertThat(c.algorithmHeader()).isEqualTo("missing");
    }

    @Test
    void notACoseStructureIsAFormatProblem() {
        assertThatThrownBy(() -> CoseSign1.parse(Cbor.encode(List.of(1, 2, 3)))).isInstanceOf(C2paFormatException.class);
    }
}
