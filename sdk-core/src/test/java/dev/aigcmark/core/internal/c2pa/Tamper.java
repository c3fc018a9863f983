package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.ReadLimits;
import dev.aigcmark.core.internal.c2pa.cose.CoseSign1;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;

import java.nio.charset.StandardCharsets;

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
