package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.report.Severity;

import java.util.Set;

/**
 * The C2PA validation status codes we emit, spelled exactly as the specification spells them, and the group
 * (success, informational, failure) the specification puts each code in.
 */
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
    public static final String TIMESTAMP_TRUSTED = "timeStamp.trusted";
    public static final String TIMESTAMP_UNTRUSTED = "timeStamp.untrusted";
    public static final String OCSP_SKIPPED = "signingCredential.ocsp.skipped";
    public static final String OCSP_NOT_REVOKED = "signingCredential.ocsp.notRevoked";
    public static final String OCSP_INACCESSIBLE = "signingCredential.ocsp.inaccessible";
    public static final String OCSP_UNKNOWN = "signingCredential.ocsp.unknown";
    public static final String ALGORITHM_DEPRECATED = "algorithm.deprecated";
    public static final String TIME_OF_SIGNING_INSIDE_VALIDITY = "timeOfSigning.insideValidity";
    public static final String TIME_OF_SIGNING_OUTSIDE_VALIDITY = "timeOfSigning.outsideValidity";
    public static final String BOXES_HASH_MATCH = "assertion.boxesHash.match";
    public static final String COLLECTION_HASH_MATCH = "assertion.collectionHash.match";
    public static final String ASSERTION_ACCESSIBLE = "assertion.accessible";
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
    public static final String INGREDIENT_CLAIM_SIGNATURE_VALIDATED = "ingredient.claimSignature.validated";
    public static final String INGREDIENT_CLAIM_SIGNATURE_MISMATCH = "ingredient.claimSignature.mismatch";
    public static final String INGREDIENT_CLAIM_SIGNATURE_MISSING = "ingredient.claimSignature.missing";
    public static final String INGREDIENT_MALFORMED = "assertion.ingredient.malformed";
    public static final String MANIFEST_INACCESSIBLE = "manifest.inaccessible";
    public static final String ACTION_MALFORMED = "assertion.action.malformed";
    public static final String ACTION_INGREDIENT_MISMATCH = "assertion.action.ingredientMismatch";
    public static final String CAWG_SIGNATURE_VALIDATED = "cawg.x509.signature.validated";
    public static final String CAWG_SIGNATURE_MISMATCH = "cawg.x509.signature.mismatch";
    public static final String CAWG_WELL_FORMED = "cawg.identity.well-formed";
    public static final String CAWG_CREDENTIAL_TRUSTED = "cawg.x509.credential.trusted";
    public static final String CAWG_CREDENTIAL_UNTRUSTED = "cawg.x509.credential.untrusted";
    public static final String CAWG_MALFORMED = "cawg.identity.malformed";

    /** Codes of the success group; other codes not listed below are failures. */
    private static final Set<String> SUCCESS = Set.of(CLAIM_SIGNATURE_VALIDATED, CLAIM_SIGNATURE_INSIDE_VALIDITY,
            SIGNING_CREDENTIAL_TRUSTED, OCSP_NOT_REVOKED, TIMESTAMP_VALIDATED, TIMESTAMP_TRUSTED,
            HASHED_URI_MATCH, DATA_HASH_MATCH, BMFF_HASH_MATCH, BOXES_HASH_MATCH, COLLECTION_HASH_MATCH,
            ASSERTION_ACCESSIBLE, INGREDIENT_MANIFEST_VALIDATED,
            CAWG_SIGNATURE_VALIDATED, CAWG_WELL_FORMED, CAWG_CREDENTIAL_TRUSTED);
    private static final Set<String> INFORMATIONAL = Set.of(OCSP_SKIPPED, OCSP_INACCESSIBLE, OCSP_UNKNOWN,
            ALGORITHM_DEPRECATED, TIMESTAMP_UNTRUSTED, TIMESTAMP_MISMATCH, INGREDIENT_UNKNOWN_PROVENANCE,
            INGREDIENT_CLAIM_SIGNATURE_VALIDATED, BMFF_ADDITIONAL_EXCLUSIONS, TIME_OF_SIGNING_INSIDE_VALIDITY,
            TIME_OF_SIGNING_OUTSIDE_VALIDITY);

    /**
     * The group of a code. Statuses recorded by older writers (ingredient {@code validationStatus}) carry no
     * group; this is how they are sorted before being compared with fresh ones.
     */
    public static Severity kindOf(String code) {
        if (SUCCESS.contains(code)) {
            return Severity.SUCCESS;
        }
        return INFORMATIONAL.contains(code) ? Severity.INFORMATIONAL : Severity.FAILURE;
    }
}
