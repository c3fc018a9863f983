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
import java.util.Optional;

/**
 * One manifest of a store: its superbox, the assertion store, the claim and the raw COSE_Sign1 bytes. Parsing
 * a manifest never fails on an unknown assertion; only a missing or broken claim or signature box is fatal
 * for that manifest.
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
        return new Manifest(box, new Claim(version, map, raw), claimBox, sigBox, sigCbor.payload());
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
