package dev.aigcmark.core.internal.c2pa.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.internal.c2pa.C2paFormatException;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.cbor.CborText;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.internal.io.BoundedJson;
import dev.aigcmark.core.report.StatusCodes;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One manifest of a store: its superbox, the assertion store, the claim and the raw COSE_Sign1 bytes. Parsing
 * a manifest never fails on an unknown assertion; only a missing or broken claim or signature box, or a listed
 * assertion whose CBOR is not valid (text that is not UTF-8), is fatal for that manifest.
 */
public final class Manifest {
    /** JSON assertions: the same nesting bound as CBOR ones; their value count is bounded as they are read. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(16 << 20).build())
            .build());
    private final JumbfBox box;
    private final Claim claim;
    private final JumbfBox claimBox;
    private final JumbfBox signatureBox;
    private final byte[] signature;

    private Manifest(JumbfBox box, Claim claim, JumbfBox claimBox, JumbfBox signatureBox, byte[] signature) {
        this.box = box;
        this.claim = claim;
        this.claimBox = claimBox;
        this.signatureBox = signatureBox;
        this.signature = signature;
    }

    static Manifest parse(JumbfBox box) throws C2paFormatException {
        JumbfBox claimBox = box.child("c2pa.claim.v2").or(() -> box.child("c2pa.claim"))
                .orElseThrow(() -> new C2paFormatException(StatusCodes.CLAIM_MISSING, "manifest " + box.label() + " has no claim"));
        int version = claimBox.label().equals("c2pa.claim.v2") ? 2 : 1;
        JumbfBox cbor = claimBox.content("cbor")
                .orElseThrow(() -> new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "claim box without CBOR content"));
        byte[] raw = cbor.payload();
        JsonNode map;
        try {
            map = Cbor.parse(raw);
        } catch (IOException e) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "claim CBOR is malformed: " + e.getMessage(), e);
        }
        if (!map.isObject()) {
            throw new C2paFormatException(StatusCodes.CLAIM_MALFORMED, "claim is not a CBOR map");
        }
        // read as U+FFFD above, but not valid CBOR: the reference refuses such a claim, and so do we
        Optional<String> invalidText = CborText.invalidText(raw);
        if (invalidText.isPresent()) {
            throw new C2paFormatException(StatusCodes.CLAIM_CBOR_INVALID, "claim CBOR is not valid: "
                    + invalidText.get() + " (RFC 8949 3.1)");
        }
        JumbfBox sigBox = box.child("c2pa.signature")
                .orElseThrow(() -> new C2paFormatException(StatusCodes.CLAIM_SIGNATURE_MISSING, "manifest " + box.label() + " has no signature box"));
        JumbfBox sigCbor = sigBox.content("cbor")
                .orElseThrow(() -> new C2paFormatException(StatusCodes.CLAIM_SIGNATURE_MISSING, "signature box without CBOR content"));
        Claim claim = new Claim(version, map, raw);
        invalidAssertionText(box, claim);
        return new Manifest(box, claim, claimBox, sigBox, sigCbor.payload());
    }

    /**
     * Refuses the manifest when a CBOR assertion its claim lists holds text that is not valid UTF-8, whatever its
     * hash: the reference reader decodes the assertions before it checks anything and refuses the whole store
     * ("AssertionDecoding: could not decode assertion c2pa.actions.v2 ...: Invalid UTF-8"), the specification's
     * {@code assertion.cbor.invalid}; read as U+FFFD, such an assertion was validated on, and one signed as it is
     * would have passed. The assertion store is walked once, only the boxes the claim names looked at.
     */
    private static void invalidAssertionText(JumbfBox box, Claim claim) throws C2paFormatException {
        Optional<JumbfBox> store = box.child("c2pa.assertions");
        if (store.isEmpty()) {
            return;
        }
        Set<String> listed = new HashSet<>();
        for (HashedUri ref : claim.assertions()) {
            listed.add(ref.label());
        }
        for (JumbfBox assertion : store.get().children()) {
            if (!assertion.isSuperbox() || !listed.contains(assertion.label())) {
                continue;
            }
            Optional<JumbfBox> cbor = assertion.content("cbor");
            Optional<String> invalid = cbor.isEmpty() ? Optional.empty() : CborText.invalidText(cbor.get().payload());
            if (invalid.isPresent()) {
                throw new C2paFormatException(StatusCodes.ASSERTION_CBOR_INVALID, "the CBOR of assertion "
                        + assertion.label() + " is not valid: " + invalid.get() + " (RFC 8949 3.1)");
            }
        }
    }

    public String label() {
        return box.label();
    }

    public JumbfBox box() {
        return box;
    }

    public Claim claim() {
        return claim;
    }

    public JumbfBox claimBox() {
        return claimBox;
    }

    public JumbfBox signatureBox() {
        return signatureBox;
    }

    /** The raw COSE_Sign1 bytes. */
    public byte[] signature() {
        return signature;
    }

    /** True for an update manifest ({@code c2um}). */
    public boolean isUpdate() {
        return box.typeCode().equals("c2um");
    }

    public Optional<JumbfBox> assertionStore() {
        return box.child("c2pa.assertions");
    }

    /** An assertion superbox by label. */
    public Optional<JumbfBox> assertion(String label) {
        return assertionStore().flatMap(s -> s.child(label));
    }

    /**
     * The data of an assertion: CBOR or JSON content parsed to a tree; empty for other kinds (thumbnails,
     * embedded files) or when unreadable.
     */
    public Optional<JsonNode> assertionData(String label) {
        return assertion(label).flatMap(Manifest::data);
    }

    public static Optional<JsonNode> data(JumbfBox assertion) {
        try {
            Optional<JumbfBox> cbor = assertion.content("cbor");
            if (cbor.isPresent()) {
                return Optional.of(Cbor.parse(cbor.get().payload()));
            }
            Optional<JumbfBox> json = assertion.content("json");
            if (json.isPresent()) {
                try (JsonParser parser = JSON.getFactory().createParser(json.get().payload())) {
                    return Optional.ofNullable(BoundedJson.readTree(JSON, parser, "a JSON assertion"));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
