package dev.aigcmark.core.report;

/**
 * Our own status codes, in one place so tests, docs and scripts agree on the spelling: every code a codec,
 * the trust policy or the CLI writes into a report is a constant here (C2PA's own codes are in C2paStatus).
 */
public final class StatusCodes {
    private StatusCodes() {
    }

    // GB 45438 implicit label
    public static final String LABEL_FOUND = "gb45438.label.found";
    public static final String LABEL_CONFORMS = "gb45438.label.conforms";
    public static final String LABEL_MULTIPLE = "gb45438.label.multiple";
    public static final String LABEL_CONFLICT = "gb45438.label.conflict";
    /** The label was found only in a place the standard does not name for the format (tolerated, informational). */
    public static final String LABEL_PLACEMENT_NONSTANDARD = "gb45438.placement.nonstandard";
    /** The label is in a vendor's own schema, read by mapping the fields whose meaning is Annex E's (failure). */
    public static final String LABEL_SCHEMA_VENDOR = "gb45438.schema.vendor";

    // The label's binding to the content it was made for (docs/label-binding.md)
    /** The signed binding matches this content. */
    public static final String BINDING_MATCH = "gb45438.binding.match";
    /** The label was signed for other content: transplanted, or the content changed after labelling. */
    public static final String BINDING_MISMATCH = "gb45438.binding.mismatch";
    /** A bound label whose content could not be digested (damaged, over a limit): the binding cannot be confirmed. */
    public static final String BINDING_UNVERIFIABLE = "gb45438.binding.unverifiable";
    /** An unbound label (other vendors, labels made before bindings): nothing shows it belongs to this content. */
    public static final String BINDING_ABSENT = "gb45438.binding.absent";
    /** No binding, but the signer's registry entry says it binds every label: the binding was stripped. */
    public static final String BINDING_REMOVED = "gb45438.binding.removed";
    /** Bindings that are malformed or whose signature does not verify. */
    public static final String BINDING_INVALID = "gb45438.binding.invalid";
    /** A binding under a digest rule this build does not compute (another version, a format without one). */
    public static final String BINDING_UNCHECKED = "gb45438.binding.unchecked";
    /** The producer's binding names earlier content; the propagator's binding covers this content. */
    public static final String BINDING_SUPERSEDED = "gb45438.binding.superseded";

    // Signatures over the label (SecurityData in ReservedCode1/2, Annex F.4 digests)
    public static final String SIG_PRODUCER_VALID = "sig.producer.valid";
    public static final String SIG_PRODUCER_MISMATCH = "sig.producer.mismatch";
    public static final String SIG_PROPAGATOR_VALID = "sig.propagator.valid";
    public static final String SIG_PROPAGATOR_MISMATCH = "sig.propagator.mismatch";
    public static final String SIG_MALFORMED = "sig.securityData.malformed";
    public static final String SIG_ALGORITHM_UNSUPPORTED = "sig.algorithm.unsupported";
    public static final String SIG_ABSENT = "sig.absent";
    public static final String SIG_DIGEST_VALID = "sig.digest.valid";
    public static final String SIG_DIGEST_MISMATCH = "sig.digest.mismatch";
    public static final String SIGNER_TRUSTED = "sig.signer.trusted";
    public static final String SIGNER_UNTRUSTED = "sig.signer.untrusted";
    public static final String SIGNER_DEVELOPMENT = "sig.signer.development";
    public static final String SIGNER_REVOKED = "sig.signer.revoked";

    // Explicit labels
    public static final String EXPLICIT_FOUND = "explicit.label.found";
    public static final String EXPLICIT_NONCONFORMING = "explicit.label.nonconforming";

    // IPTC
    public static final String IPTC_SOURCE_TYPE = "iptc.digitalSourceType.found";

    // Invisible marks: ours (wm.*) and Stable Diffusion's (sdwm.*)
    public static final String WM_DECODED = "wm.payload.decoded";
    public static final String WM_ISSUER_TRUSTED = "wm.issuer.trusted";
    public static final String WM_ISSUER_UNTRUSTED = "wm.issuer.untrusted";
    public static final String WM_ISSUER_DEVELOPMENT = "wm.issuer.development";
    public static final String WM_ISSUER_REVOKED = "wm.issuer.revoked";
    /** The payload names a registered issuer, but its keyed tag is not that issuer's: made without its key. */
    public static final String WM_ISSUER_MISMATCH = "wm.issuer.mismatch";
    public static final String WM_VIDEO_FOUND = "wm.video.found";
    public static final String WM_VIDEO_UNDECODABLE = "wm.video.undecodable";
    public static final String WM_AUDIO_FOUND = "wm.audio.found";
    /** The audio samples could not be decoded for watermark detection (the report says why). */
    public static final String WM_AUDIO_UNDECODABLE = "wm.audio.undecodable";
    public static final String WM_TEXT_FOUND = "wm.text.found";
    public static final String WM_TEXT_DAMAGED = "wm.text.damaged";

    // Who signed a C2PA claim, as the trust policy names it (beside C2PA's own signingCredential.* codes)
    public static final String C2PA_SIGNER_TRUSTED = "c2pa.signer.trusted";
    public static final String C2PA_SIGNER_UNTRUSTED = "c2pa.signer.untrusted";
    public static final String C2PA_SIGNER_DEVELOPMENT = "c2pa.signer.development";
    public static final String C2PA_SIGNER_REVOKED = "c2pa.signer.revoked";
    public static final String SDWM_DETECTED = "sdwm.detected";
    /**
     * A pixel detector (our watermark, the SD detector) could not look at this image: no decoder for the format
     * on the class path, or decoding failed. Informational: "no watermark" was not established.
     */
    public static final String PIXELS_NOT_EXAMINED = "wm.pixels.notExamined";

    // Cross-checks between marks
    public static final String XREF_LABEL_C2PA_CONSISTENT = "xref.label.c2pa.consistent";
    public static final String XREF_LABEL_C2PA_INCONSISTENT = "xref.label.c2pa.inconsistent";
    public static final String XREF_SOFT_BINDING_MATCH = "xref.watermark.softBinding.match";
    public static final String XREF_SOFT_BINDING_MISMATCH = "xref.watermark.softBinding.mismatch";
    public static final String XREF_STRIPPED_WATERMARK = "xref.label.stripped.watermarkPresent";
    /** Label and watermark made by the same platform. */
    public static final String XREF_WATERMARK_LABEL_SAME_PLATFORM = "xref.watermark.label.samePlatform";
    /** The watermark's platform is not the label's producer or propagator: one of them was transplanted. */
    public static final String XREF_WATERMARK_LABEL_OTHER_PLATFORM = "xref.watermark.label.otherPlatform";
    /** The watermark's serial is the one derived from the label's ProduceID or PropagateID. */
    public static final String XREF_WATERMARK_SERIAL_MATCH = "xref.watermark.serial.match";
    /** Same platform, but the watermark's serial belongs to neither id of this label: another piece of its content. */
    public static final String XREF_WATERMARK_SERIAL_MISMATCH = "xref.watermark.serial.mismatch";

    // The asset itself
    public static final String ASSET_MALFORMED = "asset.malformed";
    public static final String ASSET_TRUNCATED = "asset.truncated";
    public static final String ASSET_LIMIT = "asset.limitExceeded";
    public static final String ASSET_CRC = "asset.crc.mismatch";
    /** A metadata carrier that may hold a label could not be read (compressed with a codec we lack): informational. */
    public static final String METADATA_NOT_READ = "asset.metadata.notRead";

    // A file over its budget (ReadLimits): the report is UNREADABLE (exit 4) and names the limit
    public static final String ASSET_TIMEOUT = "asset.timeout";
    public static final String ASSET_TOO_LARGE = "asset.tooLarge";
    public static final String ASSET_LIMIT_BYTES_READ = "asset.limit.bytesRead";
    public static final String ASSET_LIMIT_XML_NODES = "asset.limit.xmlNodes";
    public static final String ASSET_LIMIT_JSON_NODES = "asset.limit.jsonNodes";
    public static final String ASSET_LIMIT_DEPTH = "asset.limit.depth";
    public static final String ASSET_LIMIT_BOX_COUNT = "asset.limit.boxCount";
    public static final String ASSET_LIMIT_ZIP_ENTRIES = "asset.limit.zipEntries";
    public static final String ASSET_LIMIT_COMPRESSION_RATIO = "asset.limit.compressionRatio";
    public static final String ASSET_LIMIT_DECOMPRESSED_BYTES = "asset.limit.decompressedBytes";
    // Added by `aigc verify --require`
    public static final String REQUIRE_LABEL_MISSING = "require.label.missing";
    public static final String REQUIRE_C2PA_MISSING = "require.c2pa.missing";
    public static final String REQUIRE_WATERMARK_MISSING = "require.watermark.missing";

    private static final java.util.Map<String, String> TRUST_CODES = java.util.Map.ofEntries(
            java.util.Map.entry("sig.signer.trusted", SIGNER_TRUSTED),
            java.util.Map.entry("sig.signer.untrusted", SIGNER_UNTRUSTED),
            java.util.Map.entry("sig.signer.development", SIGNER_DEVELOPMENT),
            java.util.Map.entry("sig.signer.revoked", SIGNER_REVOKED),
            java.util.Map.entry("wm.issuer.trusted", WM_ISSUER_TRUSTED),
            java.util.Map.entry("wm.issuer.untrusted", WM_ISSUER_UNTRUSTED),
            java.util.Map.entry("wm.issuer.development", WM_ISSUER_DEVELOPMENT),
            java.util.Map.entry("wm.issuer.revoked", WM_ISSUER_REVOKED),
            java.util.Map.entry("wm.issuer.mismatch", WM_ISSUER_MISMATCH),
            java.util.Map.entry("c2pa.signer.trusted", C2PA_SIGNER_TRUSTED),
            java.util.Map.entry("c2pa.signer.untrusted", C2PA_SIGNER_UNTRUSTED),
            java.util.Map.entry("c2pa.signer.development", C2PA_SIGNER_DEVELOPMENT),
            java.util.Map.entry("c2pa.signer.revoked", C2PA_SIGNER_REVOKED));

    /**
     * The trust policy's code for one kind of mark and one verdict, e.g. {@code ("wm.issuer", "trusted")}; only
     * codes declared above exist, so a verdict cannot invent an unregistered code.
     */
    public static String trustCode(String prefix, String outcome) {
        String code = TRUST_CODES.get(prefix + "." + outcome);
        if (code == null) {
            throw new IllegalArgumentException("no status code " + prefix + "." + outcome + " in StatusCodes");
        }
        return code;
    }
}
