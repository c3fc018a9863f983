package dev.aigcmark.core.c2pa;

/** The C2PA validation status codes we emit, spelled exactly as the specification spells them. */
public final class C2paStatus {
    private C2paStatus() {
    }

    public static final String CLAIM_SIGNATURE_VALIDATED = "claimSignature.validated";
    public static final String CLAIM_SIGNATURE_INSIDE_VALIDITY = "claimSignature.insideValidity";
    public static final String CLAIM_SIGNATURE_MISMATCH = "claimSignature.mismatch";
    public static final String CLAIM_SIGNATURE_MISSING = "claimSignature.missing";
    public static final String CLAIM_MISSING = "claim.missing";
    public static final String CLAIM_MALFORMED = "claim.malformed";
    public static final String HARD_BINDINGS_MISSING = "claim.hardBindings.missing";
    public static final String SIGNING_CREDENTIAL_TRUSTED = "signingCredential.trusted";
    public static final String SIGNING_CREDENTIAL_UNTRUSTED = "signingCredential.untrusted";
    public static final String SIGNING_CREDENTIAL_INVALID = "signingCredential.invalid";
    public static final String SIGNING_CREDENTIAL_EXPIRED = "signingCredential.expired";
    public static final String TIMESTAMP_VALIDATED = "timeStamp.validated";
    public static final String TIMESTAMP_MISMATCH = "timeStamp.mismatch";
    public static final String OCSP_SKIPPED = "signingCredential.ocsp.skipped";
    public static final String ALGORITHM_UNSUPPORTED = "algorithm.unsupported";
    public static final String HASHED_URI_MATCH = "assertion.hashedURI.match";
    public static final String HASHED_URI_MISMATCH = "assertion.hashedURI.mismatch";
    public static final String ASSERTION_MISSING = "assertion.missing";
    public static final String DATA_HASH_MATCH = "assertion.dataHash.match";
    public static final String DATA_HASH_MISMATCH = "assertion.dataHash.mismatch";
    public static final String DATA_HASH_MALFORMED = "assertion.dataHash.malformed";
    public static final String BMFF_HASH_MATCH = "assertion.bmffHash.match";
    public static final String BMFF_HASH_MISMATCH = "assertion.bmffHash.mismatch";
    public static final String BMFF_HASH_MALFORMED = "assertion.bmffHash.malformed";
    public static final String BMFF_ADDITIONAL_EXCLUSIONS = "assertion.bmffHash.additionalExclusionsPresent";
    public static final String INGREDIENT_MANIFEST_VALIDATED = "ingredient.manifest.validated";
    public static final String INGREDIENT_MANIFEST_MISMATCH = "ingredient.manifest.mismatch";
    public static final String INGREDIENT_MANIFEST_MISSING = "ingredient.manifest.missing";
    public static final String INGREDIENT_UNKNOWN_PROVENANCE = "ingredient.unknownProvenance";
    public static final String CAWG_SIGNATURE_VALIDATED = "cawg.x509.signature.validated";
    public static final String CAWG_SIGNATURE_MISMATCH = "cawg.x509.signature.mismatch";
    public static final String CAWG_WELL_FORMED = "cawg.identity.well-formed";
    public static final String CAWG_CREDENTIAL_TRUSTED = "cawg.x509.credential.trusted";
    public static final String CAWG_CREDENTIAL_UNTRUSTED = "cawg.x509.credential.untrusted";
    public static final String CAWG_MALFORMED = "cawg.identity.malformed";
}
