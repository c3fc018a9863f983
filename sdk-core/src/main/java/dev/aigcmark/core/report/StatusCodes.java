package dev.aigcmark.core.report;

import dev.aigcmark.core.report.StatusCode.Carrier;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every status code a report can carry, in one registry so tests, docs and scripts agree on the spelling:
 * C2PA's validation codes verbatim (with the group the specification puts each in) and ours, each with its
 * kind (success, informational, failure) and what it is about ({@link Carrier}). No code is spelled anywhere
 * else; {@code StatusCodesRegistryTest} fails on a status code string literal outside this class.
 */
public final class StatusCodes {
    private static final Map<String, StatusCode> BY_ID = new LinkedHashMap<>();

    private StatusCodes() {
    }

    private static StatusCode code(String id, Severity kind, Carrier carrier) {
        StatusCode code = new StatusCode(id, kind, carrier, true);
        if (BY_ID.putIfAbsent(id, code) != null) {
            throw new IllegalStateException("status code registered twice: " + id);
        }
        return code;
    }


    // GB 45438 implicit label
    public static final StatusCode LABEL_FOUND = code("gb45438.label.found", Severity.INFORMATIONAL, Carrier.LABEL);
    public static final StatusCode LABEL_CONFORMS = code("gb45438.label.conforms", Severity.SUCCESS, Carrier.LABEL);
    public static final StatusCode LABEL_MULTIPLE = code("gb45438.label.multiple", Severity.INFORMATIONAL, Carrier.LABEL);
    public static final StatusCode LABEL_CONFLICT = code("gb45438.label.conflict", Severity.FAILURE, Carrier.LABEL);
    /** The label was found only in a place the standard does not name for the format (tolerated, informational). */
    public static final StatusCode LABEL_PLACEMENT_NONSTANDARD = code("gb45438.placement.nonstandard", Severity.INFORMATIONAL, Carrier.LABEL);
    /** The label is in a vendor's own schema, read by mapping the fields whose meaning is Annex E's (failure). */
    public static final StatusCode LABEL_SCHEMA_VENDOR = code("gb45438.schema.vendor", Severity.FAILURE, Carrier.LABEL);

    // Annex E conformance of a label's content (LabelProblem): failures make the label INVALID
    /** A value holds a character Annex E does not allow. */
    public static final StatusCode LABEL_CHARSET = code("gb45438.value.charset", Severity.FAILURE, Carrier.LABEL);
    /** The Label field is not one of the values Annex E defines. */
    public static final StatusCode LABEL_VALUE = code("gb45438.label.value", Severity.FAILURE, Carrier.LABEL);
    /** A required key is missing. */
    public static final StatusCode LABEL_KEY_MISSING = code("gb45438.key.missing", Severity.FAILURE, Carrier.LABEL);
    /** A key is spelled differently from Annex E (read anyway). */
    public static final StatusCode LABEL_KEY_MISNAMED = code("gb45438.key.misnamed", Severity.INFORMATIONAL, Carrier.LABEL);
    /** A key Annex E does not define. */
    public static final StatusCode LABEL_KEY_UNKNOWN = code("gb45438.key.unknown", Severity.INFORMATIONAL, Carrier.LABEL);
    /** The keys are not in Annex E's order. */
    public static final StatusCode LABEL_KEY_ORDER = code("gb45438.key.order", Severity.INFORMATIONAL, Carrier.LABEL);
    /** A value is not a JSON string. */
    public static final StatusCode LABEL_VALUE_NOT_STRING = code("gb45438.value.notString", Severity.INFORMATIONAL, Carrier.LABEL);
    /** The label is not well-formed JSON. */
    public static final StatusCode LABEL_JSON_MALFORMED = code("gb45438.json.malformed", Severity.FAILURE, Carrier.LABEL);
    /** The label is wrapped in an outer object. */
    public static final StatusCode LABEL_FORM_WRAPPED = code("gb45438.json.wrapped", Severity.INFORMATIONAL, Carrier.LABEL);
    /** A provider code does not follow the standard's form. */
    public static final StatusCode LABEL_PROVIDER_CODE = code("gb45438.providerCode.invalid", Severity.INFORMATIONAL, Carrier.LABEL);
    /** A ProduceID or PropagateID is longer than the standard allows. */
    public static final StatusCode LABEL_ID_TOO_LONG = code("gb45438.id.tooLong", Severity.INFORMATIONAL, Carrier.LABEL);
    /** The label's XMP form is not the standard's. */
    public static final StatusCode LABEL_XMP_FORM = code("gb45438.xmp.form", Severity.FAILURE, Carrier.LABEL);
    /** The label's XMP namespace is not the standard's. */
    public static final StatusCode LABEL_XMP_NAMESPACE = code("gb45438.xmp.namespace", Severity.FAILURE, Carrier.LABEL);

    // The label's binding to the content it was made for (docs/label-binding.md)
    /** The signed binding matches this content. */
    public static final StatusCode BINDING_MATCH = code("gb45438.binding.match", Severity.SUCCESS, Carrier.LABEL_BINDING);
    /** The label was signed for other content: transplanted, or the content changed after labelling. */
    public static final StatusCode BINDING_MISMATCH = code("gb45438.binding.mismatch", Severity.FAILURE, Carrier.LABEL_BINDING);
    /** A bound label whose content could not be digested (damaged, over a limit): the binding cannot be confirmed. */
    public static final StatusCode BINDING_UNVERIFIABLE = code("gb45438.binding.unverifiable", Severity.FAILURE, Carrier.LABEL_BINDING);
    /** An unbound label (other vendors, labels made before bindings): nothing shows it belongs to this content. */
    public static final StatusCode BINDING_ABSENT = code("gb45438.binding.absent", Severity.INFORMATIONAL, Carrier.LABEL_BINDING);
    /** No binding, but the signer's registry entry says it binds every label: the binding was stripped. */
    public static final StatusCode BINDING_REMOVED = code("gb45438.binding.removed", Severity.FAILURE, Carrier.LABEL_BINDING);
    /** Bindings that are malformed or whose signature does not verify. */
    public static final StatusCode BINDING_INVALID = code("gb45438.binding.invalid", Severity.FAILURE, Carrier.LABEL_BINDING);
    /** A binding under a digest rule this build does not compute (another version, a format without one). */
    public static final StatusCode BINDING_UNCHECKED = code("gb45438.binding.unchecked", Severity.INFORMATIONAL, Carrier.LABEL_BINDING);
    /** The producer's binding names earlier content; the propagator's binding covers this content. */
    public static final StatusCode BINDING_SUPERSEDED = code("gb45438.binding.superseded", Severity.INFORMATIONAL, Carrier.LABEL_BINDING);

    // Signatures over the label (SecurityData in ReservedCode1/2, Annex F.4 digests)
    public static final StatusCode SIG_PRODUCER_VALID = code("sig.producer.valid", Severity.SUCCESS, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_PRODUCER_MISMATCH = code("sig.producer.mismatch", Severity.FAILURE, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_PROPAGATOR_VALID = code("sig.propagator.valid", Severity.SUCCESS, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_PROPAGATOR_MISMATCH = code("sig.propagator.mismatch", Severity.FAILURE, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_MALFORMED = code("sig.securityData.malformed", Severity.FAILURE, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_ALGORITHM_UNSUPPORTED = code("sig.algorithm.unsupported", Severity.INFORMATIONAL, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_ABSENT = code("sig.absent", Severity.INFORMATIONAL, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_DIGEST_VALID = code("sig.digest.valid", Severity.SUCCESS, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIG_DIGEST_MISMATCH = code("sig.digest.mismatch", Severity.FAILURE, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIGNER_TRUSTED = code("sig.signer.trusted", Severity.SUCCESS, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIGNER_UNTRUSTED = code("sig.signer.untrusted", Severity.INFORMATIONAL, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIGNER_DEVELOPMENT = code("sig.signer.development", Severity.INFORMATIONAL, Carrier.LABEL_SIGNATURE);
    public static final StatusCode SIGNER_REVOKED = code("sig.signer.revoked", Severity.FAILURE, Carrier.LABEL_SIGNATURE);

    // Explicit labels
    public static final StatusCode EXPLICIT_FOUND = code("explicit.label.found", Severity.SUCCESS, Carrier.EXPLICIT_LABEL);
    public static final StatusCode EXPLICIT_NONCONFORMING = code("explicit.label.nonconforming", Severity.FAILURE, Carrier.EXPLICIT_LABEL);

    // IPTC
    public static final StatusCode IPTC_SOURCE_TYPE = code("iptc.digitalSourceType.found", Severity.INFORMATIONAL, Carrier.IPTC);

    // Invisible marks: ours (wm.*) and Stable Diffusion's (sdwm.*)
    public static final StatusCode WM_DECODED = code("wm.payload.decoded", Severity.SUCCESS, Carrier.WATERMARK);
    public static final StatusCode WM_ISSUER_TRUSTED = code("wm.issuer.trusted", Severity.SUCCESS, Carrier.WATERMARK);
    public static final StatusCode WM_ISSUER_UNTRUSTED = code("wm.issuer.untrusted", Severity.INFORMATIONAL, Carrier.WATERMARK);
    public static final StatusCode WM_ISSUER_DEVELOPMENT = code("wm.issuer.development", Severity.INFORMATIONAL, Carrier.WATERMARK);
    public static final StatusCode WM_ISSUER_REVOKED = code("wm.issuer.revoked", Severity.FAILURE, Carrier.WATERMARK);
    /** Made with a watermark key its platform has since rotated away from: still the platform's mark. */
    public static final StatusCode WM_ISSUER_KEY_RETIRED = code("wm.issuer.key.retired", Severity.INFORMATIONAL,
            Carrier.WATERMARK);
    /** The payload names a registered issuer, but its keyed tag is not that issuer's: made without its key. */
    public static final StatusCode WM_ISSUER_MISMATCH = code("wm.issuer.mismatch", Severity.FAILURE, Carrier.WATERMARK);
    public static final StatusCode WM_VIDEO_FOUND = code("wm.video.found", Severity.SUCCESS, Carrier.WATERMARK);
    public static final StatusCode WM_VIDEO_UNDECODABLE = code("wm.video.undecodable", Severity.INFORMATIONAL, Carrier.WATERMARK);
    public static final StatusCode WM_AUDIO_FOUND = code("wm.audio.found", Severity.SUCCESS, Carrier.WATERMARK);
    /**
     * Not a payload read from the audio: the one the file's signed label names was asked for, and a one-payload test
     * confirmed its mark (where no payload could be read without knowing it, e.g. a short excerpt). The details give
     * the test's statistic, threshold and false-positive bound per payload asked; without the label there is nothing
     * to ask for, and only {@link #WM_AUDIO_FOUND} applies.
     */
    public static final StatusCode WM_AUDIO_CONFIRMED = code("wm.audio.confirmed", Severity.SUCCESS, Carrier.WATERMARK);
    /** The audio samples could not be decoded for watermark detection (the report says why). */
    public static final StatusCode WM_AUDIO_UNDECODABLE = code("wm.audio.undecodable", Severity.INFORMATIONAL,
            Carrier.WATERMARK);
    /**
     * The file has more audio tracks than verification searches for a watermark (each costs a decode and a search
     * with every key): the ones past the limit were not searched, so their watermark, if any, is not reported.
     */
    public static final StatusCode WM_AUDIO_TRACKS_NOT_SEARCHED = code("wm.audio.tracksNotSearched",
            Severity.INFORMATIONAL, Carrier.WATERMARK);
    /**
     * The picture is smaller than our image watermark needs to be read back reliably: marking leaves the watermark
     * out (and says so in its steps), so its absence here says nothing about the picture.
     */
    public static final StatusCode WM_SKIPPED_TOO_SMALL = code("wm.skipped.tooSmall", Severity.INFORMATIONAL,
            Carrier.WATERMARK);
    public static final StatusCode WM_TEXT_FOUND = code("wm.text.found", Severity.SUCCESS, Carrier.WATERMARK);
    public static final StatusCode WM_TEXT_DAMAGED = code("wm.text.damaged", Severity.INFORMATIONAL, Carrier.WATERMARK);

    // Who signed a C2PA claim, as the trust policy names it (beside C2PA's own signingCredential.* codes)
    public static final StatusCode C2PA_SIGNER_TRUSTED = code("c2pa.signer.trusted", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode C2PA_SIGNER_UNTRUSTED = code("c2pa.signer.untrusted", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode C2PA_SIGNER_DEVELOPMENT = code("c2pa.signer.development", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode C2PA_SIGNER_REVOKED = code("c2pa.signer.revoked", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode SDWM_DETECTED = code("sdwm.detected", Severity.INFORMATIONAL, Carrier.SD_WATERMARK);
    /**
     * A pixel detector (our watermark, the SD detector) could not look at this image: no decoder for the format
     * on the class path, or decoding failed. Informational: "no watermark" was not established.
     */
    public static final StatusCode PIXELS_NOT_EXAMINED = code("wm.pixels.notExamined", Severity.INFORMATIONAL, Carrier.WATERMARK);

    // Cross-checks between marks
    public static final StatusCode XREF_LABEL_C2PA_CONSISTENT = code("xref.label.c2pa.consistent", Severity.SUCCESS, Carrier.CROSS_CHECK);
    public static final StatusCode XREF_LABEL_C2PA_INCONSISTENT = code("xref.label.c2pa.inconsistent", Severity.FAILURE, Carrier.CROSS_CHECK);
    public static final StatusCode XREF_SOFT_BINDING_MATCH = code("xref.watermark.softBinding.match", Severity.SUCCESS, Carrier.CROSS_CHECK);
    public static final StatusCode XREF_SOFT_BINDING_MISMATCH = code("xref.watermark.softBinding.mismatch", Severity.FAILURE, Carrier.CROSS_CHECK);
    public static final StatusCode XREF_STRIPPED_WATERMARK = code("xref.label.stripped.watermarkPresent", Severity.INFORMATIONAL, Carrier.CROSS_CHECK);
    /** Label and watermark made by the same platform. */
    public static final StatusCode XREF_WATERMARK_LABEL_SAME_PLATFORM = code("xref.watermark.label.samePlatform", Severity.SUCCESS, Carrier.CROSS_CHECK);
    /** The watermark's platform is not the label's producer or propagator: one of them was transplanted. */
    public static final StatusCode XREF_WATERMARK_LABEL_OTHER_PLATFORM = code("xref.watermark.label.otherPlatform", Severity.FAILURE, Carrier.CROSS_CHECK);
    /** The watermark's serial is the one derived from the label's ProduceID or PropagateID. */
    public static final StatusCode XREF_WATERMARK_SERIAL_MATCH = code("xref.watermark.serial.match", Severity.SUCCESS, Carrier.CROSS_CHECK);
    /** Same platform, but the watermark's serial belongs to neither id of this label: another piece of its content. */
    public static final StatusCode XREF_WATERMARK_SERIAL_MISMATCH = code("xref.watermark.serial.mismatch", Severity.FAILURE, Carrier.CROSS_CHECK);

    // The asset itself
    public static final StatusCode ASSET_MALFORMED = code("asset.malformed", Severity.FAILURE, Carrier.ASSET);
    /**
     * A mark codec stopped on this file with an unexpected exception (a defect of ours, not of the file); reported so
     * a batch goes on, and the other codecs' results stand. Its own code, so tests and scripts need not match text.
     */
    public static final StatusCode ASSET_CODEC_FAILED = code("asset.codecFailed", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_TRUNCATED = code("asset.truncated", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT = code("asset.limitExceeded", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_CRC = code("asset.crc.mismatch", Severity.FAILURE, Carrier.ASSET);
    /** A metadata carrier that may hold a label could not be read (compressed with a codec we lack): informational. */
    public static final StatusCode METADATA_NOT_READ = code("asset.metadata.notRead", Severity.INFORMATIONAL, Carrier.ASSET);

    // A file over its budget (ReadLimits): the report is UNREADABLE (exit 4) and names the limit
    public static final StatusCode ASSET_TIMEOUT = code("asset.timeout", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_TOO_LARGE = code("asset.tooLarge", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_BYTES_READ = code("asset.limit.bytesRead", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_XML_NODES = code("asset.limit.xmlNodes", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_JSON_NODES = code("asset.limit.jsonNodes", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_DEPTH = code("asset.limit.depth", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_BOX_COUNT = code("asset.limit.boxCount", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_ZIP_ENTRIES = code("asset.limit.zipEntries", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_COMPRESSION_RATIO = code("asset.limit.compressionRatio", Severity.FAILURE, Carrier.ASSET);
    public static final StatusCode ASSET_LIMIT_DECOMPRESSED_BYTES = code("asset.limit.decompressedBytes", Severity.FAILURE, Carrier.ASSET);
    // Added by `aigc verify --require`
    public static final StatusCode REQUIRE_LABEL_MISSING = code("require.label.missing", Severity.FAILURE, Carrier.REQUIREMENT);
    public static final StatusCode REQUIRE_C2PA_MISSING = code("require.c2pa.missing", Severity.FAILURE, Carrier.REQUIREMENT);
    public static final StatusCode REQUIRE_WATERMARK_MISSING = code("require.watermark.missing", Severity.FAILURE, Carrier.REQUIREMENT);


    // C2PA validation codes, spelled exactly as the specification spells them, in its groups
    public static final StatusCode CLAIM_SIGNATURE_VALIDATED = code("claimSignature.validated", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode CLAIM_SIGNATURE_INSIDE_VALIDITY = code("claimSignature.insideValidity", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode CLAIM_SIGNATURE_MISMATCH = code("claimSignature.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CLAIM_SIGNATURE_MISSING = code("claimSignature.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CLAIM_MISSING = code("claim.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CLAIM_MALFORMED = code("claim.malformed", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CLAIM_CBOR_INVALID = code("claim.cbor.invalid", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode HARD_BINDINGS_MISSING = code("claim.hardBindings.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode SIGNING_CREDENTIAL_TRUSTED = code("signingCredential.trusted", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode SIGNING_CREDENTIAL_UNTRUSTED = code("signingCredential.untrusted", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode SIGNING_CREDENTIAL_INVALID = code("signingCredential.invalid", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode SIGNING_CREDENTIAL_EXPIRED = code("signingCredential.expired", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode TIMESTAMP_VALIDATED = code("timeStamp.validated", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode TIMESTAMP_MISMATCH = code("timeStamp.mismatch", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode TIMESTAMP_TRUSTED = code("timeStamp.trusted", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode TIMESTAMP_UNTRUSTED = code("timeStamp.untrusted", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode OCSP_SKIPPED = code("signingCredential.ocsp.skipped", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode OCSP_NOT_REVOKED = code("signingCredential.ocsp.notRevoked", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode OCSP_INACCESSIBLE = code("signingCredential.ocsp.inaccessible", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode OCSP_UNKNOWN = code("signingCredential.ocsp.unknown", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode ALGORITHM_DEPRECATED = code("algorithm.deprecated", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode TIME_OF_SIGNING_INSIDE_VALIDITY = code("timeOfSigning.insideValidity", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode TIME_OF_SIGNING_OUTSIDE_VALIDITY = code("timeOfSigning.outsideValidity", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode BOXES_HASH_MATCH = code("assertion.boxesHash.match", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode COLLECTION_HASH_MATCH = code("assertion.collectionHash.match", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode ASSERTION_ACCESSIBLE = code("assertion.accessible", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode ALGORITHM_UNSUPPORTED = code("algorithm.unsupported", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode HASHED_URI_MATCH = code("assertion.hashedURI.match", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode HASHED_URI_MISMATCH = code("assertion.hashedURI.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode ASSERTION_MISSING = code("assertion.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode ASSERTION_CBOR_INVALID = code("assertion.cbor.invalid", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode DATA_HASH_MATCH = code("assertion.dataHash.match", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode DATA_HASH_MISMATCH = code("assertion.dataHash.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode DATA_HASH_MALFORMED = code("assertion.dataHash.malformed", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode BMFF_HASH_MATCH = code("assertion.bmffHash.match", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode BMFF_HASH_MISMATCH = code("assertion.bmffHash.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode BMFF_HASH_MALFORMED = code("assertion.bmffHash.malformed", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode BMFF_ADDITIONAL_EXCLUSIONS = code("assertion.bmffHash.additionalExclusionsPresent", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode INGREDIENT_MANIFEST_VALIDATED = code("ingredient.manifest.validated", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode INGREDIENT_MANIFEST_MISMATCH = code("ingredient.manifest.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode INGREDIENT_MANIFEST_MISSING = code("ingredient.manifest.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode INGREDIENT_UNKNOWN_PROVENANCE = code("ingredient.unknownProvenance", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode INGREDIENT_CLAIM_SIGNATURE_VALIDATED = code("ingredient.claimSignature.validated", Severity.INFORMATIONAL, Carrier.C2PA);
    public static final StatusCode INGREDIENT_CLAIM_SIGNATURE_MISMATCH = code("ingredient.claimSignature.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode INGREDIENT_CLAIM_SIGNATURE_MISSING = code("ingredient.claimSignature.missing", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode INGREDIENT_MALFORMED = code("assertion.ingredient.malformed", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode MANIFEST_INACCESSIBLE = code("manifest.inaccessible", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode ACTION_MALFORMED = code("assertion.action.malformed", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode ACTION_INGREDIENT_MISMATCH = code("assertion.action.ingredientMismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CAWG_SIGNATURE_VALIDATED = code("cawg.x509.signature.validated", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode CAWG_SIGNATURE_MISMATCH = code("cawg.x509.signature.mismatch", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CAWG_WELL_FORMED = code("cawg.identity.well-formed", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode CAWG_CREDENTIAL_TRUSTED = code("cawg.x509.credential.trusted", Severity.SUCCESS, Carrier.C2PA);
    public static final StatusCode CAWG_CREDENTIAL_UNTRUSTED = code("cawg.x509.credential.untrusted", Severity.FAILURE, Carrier.C2PA);
    public static final StatusCode CAWG_MALFORMED = code("cawg.identity.malformed", Severity.FAILURE, Carrier.C2PA);

    /** Every registered code, in declaration order. */
    public static Collection<StatusCode> all() {
        return Collections.unmodifiableCollection(BY_ID.values());
    }

    /** The registered code spelled {@code id}, if there is one. */
    public static Optional<StatusCode> lookup(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * A code read from someone else's data (an ingredient's recorded {@code validationStatus}): the registered
     * code of that spelling, else an unregistered C2PA code in the failure group, which is where the
     * specification puts codes a validator does not know.
     */
    public static StatusCode parse(String id) {
        StatusCode known = BY_ID.get(id);
        return known != null ? known : new StatusCode(id, Severity.FAILURE, Carrier.C2PA, false);
    }
}
