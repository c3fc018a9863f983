package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.c2pa.cose.CoseSign1;
import dev.aigcmark.core.internal.c2pa.binding.AssetHasher;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deliberate damage to a marked file, located through our own parser so each tamper hits exactly one
 * structure: an assertion's CBOR, the claim signature, or the content outside the store.
 */
public final class Tamper {
    private Tamper() {
    }

    /**
     * Where the store starts in the file ({@code storeOffset} is the file offset of its first JUMBF byte) and
     * the manifest to damage.
     */
    public record Located(byte[] file, int storeOffset, Manifest active) {
    }

    public static Located locate(byte[] file, int storeOffset, byte[] store) throws Exception {
        return new Located(file, storeOffset, ManifestStore.parse(store, ReadLimits.defaults()).active());
    }

    /** Like {@link #locate}, but aims at the store's manifest number {@code index} (0 = the first written). */
    public static Located locateManifest(byte[] file, int storeOffset, byte[] store, int index) throws Exception {
        return new Located(file, storeOffset, ManifestStore.parse(store, ReadLimits.defaults()).manifests().get(index));
    }

    /** Flips one character of the digital source type inside the actions assertion. */
    public static byte[] assertionByte(Located l) {
        JumbfBox actions = l.active().assertion("c2pa.actions.v2").orElseThrow().content("cbor").orElseThrow();
        byte[] needle = "trainedAlgorithmicMedia".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(actions.store(), needle, actions.payloadOffset());
        byte[] out = l.file().clone();
        out[l.storeOffset() + at] = 'T'; // "TrainedAlgorithmicMedia": still valid CBOR, different bytes
        return out;
    }

    /**
     * Puts {@code replacement} in place of the first byte of the digital source type text in the actions assertion
     * (0xFF: no UTF-8 sequence starts with it), then writes the assertion's new hash into the claim and signs the
     * claim again with {@code signer} (the key that made the file): everything else checks out, so the only fault
     * left is the text. All in place: the hash and an ES256 signature keep their sizes, so the store and the
     * content's data hash stay as they were.
     */
    public static byte[] assertionTextResigned(Located l, byte replacement, CoseSigner signer) throws Exception {
        JumbfBox assertion = l.active().assertion("c2pa.actions.v2").orElseThrow();
        JumbfBox actions = assertion.content("cbor").orElseThrow();
        byte[] store = actions.store().clone();
        byte[] oldHash = AssetHasher.hash("sha256", assertion.contents());
        store[indexOf(store, "trainedAlgorithmicMedia".getBytes(StandardCharsets.US_ASCII), actions.payloadOffset())]
                = replacement;
        byte[] newHash = AssetHasher.hash("sha256", Arrays.copyOfRange(store, assertion.payloadOffset(), assertion.end()));
        JumbfBox claim = l.active().claimBox().content("cbor").orElseThrow();
        System.arraycopy(newHash, 0, store, indexOf(store, oldHash, claim.payloadOffset()), newHash.length);
        CoseSign1 cose = CoseSign1.parse(l.active().signature());
        byte[] signature = signer.sign(CoseSign1.toBeSigned(cose.protectedRaw(),
                Arrays.copyOfRange(store, claim.payloadOffset(), claim.end())));
        if (signature.length != cose.signature().length) {
            throw new IllegalArgumentException("the new signature does not fit in place");
        }
        JumbfBox sigBox = l.active().signatureBox().content("cbor").orElseThrow();
        System.arraycopy(signature, 0, store, indexOf(store, cose.signature(), sigBox.payloadOffset()), signature.length);
        byte[] out = l.file().clone();
        System.arraycopy(store, 0, out, l.storeOffset(), store.length);
        return out;
    }

    /** Flips one bit in the middle of the COSE signature value. */
    public static byte[] signatureByte(Located l) throws Exception {
        CoseSign1 cose = CoseSign1.parse(l.active().signature());
        JumbfBox sigBox = l.active().signatureBox().content("cbor").orElseThrow();
        int at = indexOf(sigBox.store(), cose.signature(), sigBox.payloadOffset()) + cose.signature().length / 2;
        byte[] out = l.file().clone();
        out[l.storeOffset() + at] ^= 0x01;
        return out;
    }

    /** Flips one bit at {@code offset} (a content byte outside the store). */
    public static byte[] contentByte(byte[] file, int offset) {
        byte[] out = file.clone();
        out[offset] ^= 0x01;
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
