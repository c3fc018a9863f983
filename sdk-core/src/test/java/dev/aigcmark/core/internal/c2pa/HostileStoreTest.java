package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfReader;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfWriter;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.testing.NeedsShared;
import dev.aigcmark.testing.SharedFiles;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken, truncated and hostile stores give failure statuses, never an exception, a hang or a huge allocation. */
class HostileStoreTest {
    private static final SdkContext CONTEXT = SdkContext.builder().handlers(List.of()).codecs(List.of())
            .clock(ReferenceVectorsTest.PINNED).build();

    /** A reference-signed picture from ../shared, read when first used so the tests without it run anywhere. */
    private static final class Signed {
        static final byte[] FILE;
        static final byte[] STORE;

        static {
            try {
                FILE = Files.readAllBytes(SharedFiles.vectors("c2pa").resolve("jpeg-ai-watermarked-es256.jpg"));
                STORE = StoreLocator.find(FILE).orElseThrow().store();
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static C2paValidation validate(byte[] store) {
        return new C2paValidator(CONTEXT).validate(store, MediaInput.of(Signed.FILE, "asset"), "test");
    }

    @AddLifecycleHook(NeedsShared.class)
    @Property(tries = 300)
    void flippedBytesNeverThrow(@ForAll @IntRange(min = 0, max = 21650) int at, @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] s = Signed.STORE.clone();
        int i = at % s.length;
        s[i] ^= (byte) mask;
        C2paValidation v = validate(s);
        assertThat(v.state()).isIn(TrustState.INVALID, TrustState.VALID);
    }

    @AddLifecycleHook(NeedsShared.class)
    @Property(tries = 200)
    void truncatedStoresAreInvalid(@ForAll @IntRange(min = 0, max = 21650) int length) {
        byte[] s = Arrays.copyOf(Signed.STORE, Math.min(length, Signed.STORE.length - 1));
        assertThat(validate(s).state()).isEqualTo(TrustState.INVALID);
    }

    @AddLifecycleHook(NeedsShared.class)
    @Property(tries = 200)
    void randomBytesAreInvalid(@ForAll @Size(max = 400) byte[] junk) {
        assertThat(validate(junk).state()).isEqualTo(TrustState.INVALID);
    }

    @Test
    void aBoxClaimingMoreThanItsParentIsRejectedBeforeAllocation() {
        byte[] inner = JumbfWriter.box("cbor", new byte[4]);
        inner[0] = 0x7F; // claims ~2 GB
        byte[] store = JumbfWriter.superbox("c2pa", "c2pa", null, List.of(inner));
        assertThatThrownBy(() -> JumbfReader.parseStore(store, ReadLimits.defaults()))
                .isInstanceOf(C2paFormatException.class).hasMessageContaining("claims");
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        byte[] box = JumbfWriter.superbox("c2pa", "x", null, List.of());
        for (int i = 0; i < 40; i++) {
            box = JumbfWriter.superbox("c2pa", "x", null, List.of(box));
        }
        byte[] deep = box;
        assertThatThrownBy(() -> JumbfReader.parseStore(deep, ReadLimits.defaults()))
                .isInstanceOf(C2paFormatException.class).hasMessageContaining("deeper");
    }

    @Test
    void derEcdsaSignaturesBecomeFixedWidthRawForm() throws Exception {
        // r with a leading sign byte (33 bytes in DER), s short (31 bytes): both padded to 32.
        byte[] r = new byte[33];
        r[1] = (byte) 0x80;
        byte[] s = new byte[31];
        s[0] = 0x01;
        byte[] der = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(new BigInteger(r)),
                new ASN1Integer(new BigInteger(1, s))}).getEncoded();
        byte[] raw = CoseSigner.derToRaw(der, 32);
        assertThat(raw).hasSize(64);
        assertThat(raw[0]).isEqualTo((byte) 0x80);
        assertThat(raw[32]).isEqualTo((byte) 0);
        assertThat(raw[33]).isEqualTo((byte) 0x01);
    }
}
