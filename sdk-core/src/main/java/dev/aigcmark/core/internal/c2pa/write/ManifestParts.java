package dev.aigcmark.core.internal.c2pa.write;

import dev.aigcmark.core.internal.c2pa.binding.AssetHasher;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfWriter;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** JUMBF pieces of a manifest: salted assertion boxes and the manifest superbox around them. */
public final class ManifestParts {
    private ManifestParts() {
    }

    /** An assertion superbox ({@code cbor} type) with its salt. */
    public static byte[] assertionBox(String label, byte[] salt, byte[] cbor) {
        return JumbfWriter.superbox("cbor", label, salt, List.of(JumbfWriter.box("cbor", cbor)));
    }

    /** The hashed URI of a box written by this writer: sha256 over the box without its 8-byte header. */
    public static HashedUri reference(String url, byte[] box) {
        return new HashedUri(url, AssetHasher.hash("sha256", Arrays.copyOfRange(box, 8, box.length)), null);
    }

    public static byte[] manifest(String label, List<byte[]> assertionBoxes, byte[] claimCbor, byte[] coseSign1) {
        byte[] assertions = JumbfWriter.superbox("c2as", "c2pa.assertions", null, assertionBoxes);
        byte[] claim = JumbfWriter.superbox("c2cl", "c2pa.claim.v2", null, List.of(JumbfWriter.box("cbor", claimCbor)));
        byte[] signature = JumbfWriter.superbox("c2cs", "c2pa.signature", null, List.of(JumbfWriter.box("cbor", coseSign1)));
        return JumbfWriter.superbox("c2ma", label, null, List.of(assertions, claim, signature));
    }

    public static byte[] store(List<byte[]> previousManifests, byte[] manifest) {
        List<byte[]> all = new ArrayList<>(previousManifests);
        all.add(manifest);
        return JumbfWriter.superbox("c2pa", "c2pa", null, all);
    }
}
