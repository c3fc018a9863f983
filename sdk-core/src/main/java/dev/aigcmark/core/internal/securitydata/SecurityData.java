package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.SignatureVerification;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.internal.securitydata.SignatureCheck.Outcome;
import dev.aigcmark.core.spi.ContentDigest;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TC260 security guide's SecurityData (GB 45438 §4 of our notes): a signature over the producer's (or the
 * propagator's) label fields, stored as a compact JSON string in ReservedCode1 (or ReservedCode2):
 * <pre>{"SecurityData":{"Type":"TC260PG","Version":1,"PubSD":[{"Type":"DS","AlgID":"&lt;oid&gt;",
 * "TBSData":{"Type":"Md"},"Signature":"&lt;DER hex&gt;"},{"Type":"PubKey","AlgID":"&lt;oid&gt;",
 * "KeyValue":"&lt;SPKI DER hex&gt;"}]}}</pre>
 * The text has no spaces, so it conforms to Annex E's charset. Verification never throws: bad input is
 * {@link Outcome#MALFORMED} with the reason.
 *
 * <p>A label bound to its content (docs/label-binding.md) carries two more members, which readers that do not
 * know them ignore: {@code "Bindings":[{"Type":"Format","Value":"jpeg"},{"Type":"ContentDigest","Scheme":"jpeg.1",
 * "AlgID":"<SHA-256 oid>","Value":"<hex>"},{"Type":"Watermark","Value":"<payload hex>"}]} and
 * {@code "BindingsSignature":"<DER hex>"},
 * a signature by the same key over the signed fields followed by {@code ,"Bindings":<the array>}. The DS entry
 * is unchanged, so every reader of the guide still verifies the label's own fields.
 */
public final class SecurityData {

    /** SM2's curve OID, which some writers put in AlgID instead of the SM2-with-SM3 signature OID. */
    private static final String SM2_CURVE_OID = GMObjectIdentifiers.sm2p256v1.getId();

    private static final int MAX_RSA_BITS = 8192;
    private static final int MAX_RSA_EXPONENT_BITS = 32;

    private SecurityData() {
    }

    /**
     * Signs {@link AigcLabel#producerSignedText()} and returns the ReservedCode1 value of an <em>unbound</em> label,
     * as other vendors write it. A platform that publishes its registry entry with {@code bindsContent} (every entry
     * this SDK exports) must use {@link #signProducer(AigcLabel, LabelBinding, Signer)}: verifiers report its
     * unbound labels as {@code gb45438.binding.removed}.
     */
    public static String signProducer(AigcLabel label, Signer signer) {
        return sign(label.producerSignedText(), null, signer);
    }

    /**
     * Signs {@link AigcLabel#producerSignedText()} and, bound to it, {@code binding} (the content the label was made
     * for); returns the ReservedCode1 value. {@code binding} may be null for an unbound label.
     */
    public static String signProducer(AigcLabel label, LabelBinding binding, Signer signer) {
        return sign(label.producerSignedText(), binding, signer);
    }

    /**
     * Signs {@link AigcLabel#propagatorSignedText()} and returns the ReservedCode2 value of an <em>unbound</em> label;
     * see {@link #signProducer(AigcLabel, Signer)} for why platforms using this SDK sign with a binding instead
     * ({@link #signPropagator(AigcLabel, LabelBinding, Signer)}, the binding from {@code LabelBindings.of}).
     */
    public static String signPropagator(AigcLabel label, Signer signer) {
        return sign(label.propagatorSignedText(), null, signer);
    }

    /**
     * Signs {@link AigcLabel#propagatorSignedText()} bound to {@code binding} (the content as the propagator
     * publishes it); returns the ReservedCode2 value. {@code binding} may be null for an unbound label.
     */
    public static String signPropagator(AigcLabel label, LabelBinding binding, Signer signer) {
        return sign(label.propagatorSignedText(), binding, signer);
    }

    /** Checks ReservedCode1 against the producer's fields. */
    public static SignatureCheck verifyProducer(AigcLabel label) {
        return verify(label.reservedCode1(), label.producerSignedText());
    }

    /** Checks ReservedCode2 against the propagator's fields. */
    public static SignatureCheck verifyPropagator(AigcLabel label) {
        return verify(label.reservedCode2(), label.propagatorSignedText());
    }

    /**
     * The SecurityData JSON for a signature over {@code signedText} (UTF-8) and, when {@code binding} is not null,
     * the {@code Bindings} it names with a second signature (see {@link #bindingMessage}).
     */
    public static String sign(String signedText, LabelBinding binding, Signer signer) {
        return json(signedText, binding, signer, text -> signBytes(text, signer));
    }

    /**
     * What {@link #sign(String, LabelBinding, Signer)} returns, each signature replaced by zeros as long as the
     * longest {@code signer}'s algorithm makes ({@link #longestSignature}), without using the key: never shorter than
     * a real one, in the same characters (hex), so a label carrying it takes at least the room the signed label takes
     * in any encoding (JSON, XMP). For a writer that sizes the label's room before the content is digested.
     */
    public static String placeholder(String signedText, LabelBinding binding, Signer signer) {
        byte[] zeros = new byte[longestSignature(signer)];
        return json(signedText, binding, signer, text -> zeros);
    }

    /**
     * The longest signature {@code signer}'s algorithm makes: a DER SEQUENCE of two INTEGERs of at most 33 bytes for
     * SM2 and ECDSA P-256 (256-bit curves; 72 bytes, where the raw r||s some signers return is 64), 64 bytes for
     * Ed25519, the modulus's length for RSA.
     */
    static int longestSignature(Signer signer) {
        return switch (signer.algorithm()) {
            case SM2_SM3, ECDSA_P256_SHA256 -> 2 + 2 * (2 + 33);
            case ED25519 -> 64;
            case RSA_SHA256 -> signer.publicKey() instanceof RSAPublicKey rsa
                    ? (rsa.getModulus().bitLength() + 7) / 8 : MAX_RSA_BITS / 8;
        };
    }

    /** SecurityData over {@code signedText} and {@code binding} (if any), each signature from {@code signatures}. */
    private static String json(String signedText, LabelBinding binding, Signer signer,
                               Function<String, byte[]> signatures) {
        byte[] signature = signatures.apply(signedText);
        String unbound = toJson(signer.algorithm(), signature, signer.publicKey());
        if (binding == null) {
            return unbound;
        }
        String bindings = bindingsJson(binding);
        byte[] bindingSignature = signatures.apply(bindingMessage(signedText, bindings));
        return unbound.substring(0, unbound.length() - 2) + ",\"Bindings\":" + bindings
                + ",\"BindingsSignature\":\"" + HexFormat.of().withUpperCase().formatHex(bindingSignature) + "\"}}";
    }

    /** The SecurityData JSON for a signature over {@code signedText} (UTF-8), without a binding. */
    public static String sign(String signedText, Signer signer) {
        return sign(signedText, null, signer);
    }

    /** Writes SecurityData for a signature made elsewhere (e.g. by an HSM). Compact, in the guide's key order. */
    public static String toJson(SignatureAlgorithm algorithm, byte[] signature, PublicKey publicKey) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "{\"SecurityData\":{\"Type\":\"TC260PG\",\"Version\":1,\"PubSD\":["
                + "{\"Type\":\"DS\",\"AlgID\":\"" + algorithm.oid() + "\",\"TBSData\":{\"Type\":\"Md\"},"
                + "\"Signature\":\"" + hex.formatHex(signature) + "\"},"
                + "{\"Type\":\"PubKey\",\"AlgID\":\"" + algorithm.oid() + "\",\"KeyValue\":\""
                + hex.formatHex(publicKey.getEncoded()) + "\"}]}}";
    }

    private static byte[] signBytes(String text, Signer signer) {
        try {
            return signer.sign(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the label with " + signer + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * What the bindings signature covers: the signed label fields, then the {@code Bindings} member as it stands
     * in compact JSON. The label's fields come first so a binding cannot be moved from one label to another.
     */
    static String bindingMessage(String signedText, String bindingsJson) {
        return signedText + ",\"Bindings\":" + bindingsJson;
    }

    /** The {@code Bindings} array, compact, members in a fixed order (exactly what a JSON reader writes back). */
    static String bindingsJson(LabelBinding binding) {
        StringBuilder sb = new StringBuilder("[{\"Type\":\"Format\",\"Value\":\"").append(binding.format()).append("\"}");
        HexFormat hex = HexFormat.of().withUpperCase();
        binding.contentDigest().ifPresent(d -> {
            if (!SecurityDataReader.SCHEME.matcher(d.scheme()).matches()) {
                throw new IllegalArgumentException("content digest scheme '" + d.scheme() + "' is not '<format>.<version>'");
            }
            sb.append(",{\"Type\":\"ContentDigest\",\"Scheme\":\"").append(d.scheme()).append("\",\"AlgID\":\"")
                    .append(ContentDigest.SHA256_OID).append("\",\"Value\":\"").append(hex.formatHex(d.sha256())).append("\"}");
        });
        byte[] watermark = binding.watermarkPayload();
        if (watermark != null) {
            sb.append(",{\"Type\":\"Watermark\",\"Value\":\"")
                    .append(hex.formatHex(watermark)).append("\"}");
        }
        return sb.append(']').toString();
    }

    /** The binding a reserved code carries, read without checking any signature (for cross-checks after verification). */
    public static Optional<LabelBinding> readBinding(String reservedCode) {
        if (reservedCode == null || reservedCode.length() > SecurityDataReader.MAX_CHARS || !reservedCode.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(SecurityDataReader.read(reservedCode.strip()).bindings().binding());
        } catch (SecurityDataReader.Malformed e) {
            return Optional.empty();
        }
    }

    /**
     * Checks a reserved code against the text it should protect: empty is ABSENT; 64 hex characters is an
     * Annex F.4 digest (SM3 or SHA-256); anything else must be SecurityData.
     */
    public static SignatureCheck verify(String reservedCode, String signedText) {
        if (reservedCode == null || reservedCode.isBlank()) {
            return SignatureCheck.of(Outcome.ABSENT, "no integrity data");
        }
        String value = reservedCode.strip();
        if (value.length() > SecurityDataReader.MAX_CHARS) {
            return SignatureCheck.of(Outcome.MALFORMED, "integrity data has " + value.length()
                    + " characters, more than the limit " + SecurityDataReader.MAX_CHARS);
        }
        if (SecurityDataDigest.looksLikeDigest(value)) {
            return SecurityDataDigest.check(value, signedText);
        }
        if (!value.startsWith("{")) {
            return SignatureCheck.of(Outcome.MALFORMED, "integrity data is neither SecurityData JSON nor a 64-hex digest: '"
                    + SecurityDataReader.printable(value) + "'");
        }
        try {
            return verifyFields(SecurityDataReader.read(value), signedText);
        } catch (SecurityDataReader.Malformed e) {
            return SignatureCheck.of(Outcome.MALFORMED, "SecurityData " + e.getMessage());
        }
    }

    private static SignatureCheck verifyFields(SecurityDataReader.Fields f, String signedText)
            throws SecurityDataReader.Malformed {
        String notes = f.notes();
        Optional<SignatureAlgorithm> known = SignatureAlgorithm.fromOid(f.algId());
        if (known.isEmpty() && f.algId().equals(SM2_CURVE_OID)) {
            known = Optional.of(SignatureAlgorithm.SM2_SM3);
            notes += " (AlgID is the SM2 curve OID; read as SM2 with SM3)";
        }
        if (known.isEmpty()) {
            return SignatureCheck.of(Outcome.UNSUPPORTED_ALGORITHM, "SecurityData AlgID '"
                    + SecurityDataReader.printable(f.algId()) + "' is not a signature algorithm we verify");
        }
        SignatureAlgorithm algorithm = known.get();
        if (f.keyValue() == null) {
            throw new SecurityDataReader.Malformed("has no PubKey entry, so the signing key is unknown");
        }
        PublicKey key = publicKey(f.keyValue(), algorithm);
        SignatureAlgorithm keyAlgorithm = Keys.algorithmOf(key).orElse(null);
        if (keyAlgorithm != algorithm) {
            throw new SecurityDataReader.Malformed("PubKey is " + (keyAlgorithm == null ? "a " + key.getAlgorithm()
                    + " key of unknown use" : "a " + keyAlgorithm + " key") + " but AlgID says " + algorithm);
        }
        if (key instanceof RSAPublicKey rsa && (rsa.getModulus().bitLength() > MAX_RSA_BITS
                || rsa.getPublicExponent().bitLength() > MAX_RSA_EXPONENT_BITS)) {
            // Verification cost grows with both; real keys are <= 4096 bits with exponent 65537.
            throw new SecurityDataReader.Malformed("PubKey is an RSA key of " + rsa.getModulus().bitLength()
                    + " bits with a " + rsa.getPublicExponent().bitLength() + "-bit exponent, beyond the accepted "
                    + MAX_RSA_BITS + "/" + MAX_RSA_EXPONENT_BITS + " bits");
        }
        byte[] signature = f.signature();
        if (isRawEcSignature(algorithm, signature)) {
            signature = rawToDer(signature);
            notes += " (signature is raw r||s, not DER)";
        }
        byte[] message = signedText.getBytes(StandardCharsets.UTF_8);
        String keyName = " by key " + Keys.fingerprint(key).substring(0, 16);
        if (SignatureVerification.verify(algorithm, key, message, signature)) {
            return new SignatureCheck(Outcome.VALID, algorithm, key, algorithm + " signature" + keyName + " is valid" + notes,
                    checkBindings(f.bindings(), signedText, algorithm, key));
        }
        return new SignatureCheck(Outcome.MISMATCH, algorithm, key, algorithm + " signature" + keyName
                + " does not match the signed fields" + notes);
    }

    /** The binding, if its signature (same algorithm and key as the label's) covers it and the label's fields. */
    private static BindingCheck checkBindings(SecurityDataReader.Bindings b, String signedText,
                                              SignatureAlgorithm algorithm, PublicKey key) {
        if (!b.present()) {
            return BindingCheck.ABSENT;
        }
        if (b.problem() != null) {
            return BindingCheck.invalid("the content binding is unusable: " + b.problem());
        }
        byte[] signature = b.signature();
        if (isRawEcSignature(algorithm, signature)) {
            signature = rawToDer(signature);
        }
        byte[] message = bindingMessage(signedText, b.text()).getBytes(StandardCharsets.UTF_8);
        if (!SignatureVerification.verify(algorithm, key, message, signature)) {
            return BindingCheck.invalid("the content binding's signature does not match: the binding was altered or"
                    + " copied from another label");
        }
        return new BindingCheck(BindingCheck.Outcome.SIGNED, b.binding(), "binding signed by the label's key");
    }

    /** The key from KeyValue: a DER SubjectPublicKeyInfo, or (leniently) a bare uncompressed EC point. */
    private static PublicKey publicKey(byte[] keyValue, SignatureAlgorithm algorithm) throws SecurityDataReader.Malformed {
        byte[] spki = keyValue;
        if (keyValue.length == 65 && keyValue[0] == 0x04) {
            ASN1ObjectIdentifier curve = switch (algorithm) {
                case SM2_SM3 -> GMObjectIdentifiers.sm2p256v1;
                case ECDSA_P256_SHA256 -> SECObjectIdentifiers.secp256r1;
                default -> null;
            };
            if (curve != null) {
                try {
                    spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                            keyValue).getEncoded();
                } catch (IOException e) {
                    throw new SecurityDataReader.Malformed("PubKey KeyValue is not a usable EC point");
                }
            }
        }
        try {
            return Keys.publicKeyFromSpki(spki);
        } catch (InvalidKeyException e) {
            throw new SecurityDataReader.Malformed("PubKey KeyValue is not a public key: "
                    + SecurityDataReader.printable(String.valueOf(e.getMessage()), 120));
        }
    }

    /** 64 bytes that are not a DER SEQUENCE of that length: the r||s form some SM2 libraries emit. */
    private static boolean isRawEcSignature(SignatureAlgorithm algorithm, byte[] signature) {
        boolean ec = algorithm == SignatureAlgorithm.SM2_SM3 || algorithm == SignatureAlgorithm.ECDSA_P256_SHA256;
        return ec && signature.length == 64 && !(signature[0] == 0x30 && signature[1] == 62);
    }

    private static byte[] rawToDer(byte[] raw) {
        try {
            return new DERSequence(new ASN1Encodable[]{
                    new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32))),
                    new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)))}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory failed", e);
        }
    }
}
