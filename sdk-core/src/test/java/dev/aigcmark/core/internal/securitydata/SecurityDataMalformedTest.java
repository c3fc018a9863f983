package dev.aigcmark.core.internal.securitydata;

import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.internal.securitydata.SignatureCheck.Outcome;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.math.BigInteger;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityDataMalformedTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("SecurityDataMalformedTest");

    private static final Signer SM2 = Signers.generate(SignatureAlgorithm.SM2_SM3, RANDOM);
    private static final Signer ED = Signers.generate(SignatureAlgorithm.ED25519, RANDOM);
    private static final AigcLabel LABEL = new AigcLabel("1", "001191000000MA0000000N10000", "id-42", "", "", "", "");
    private static final String VALID = SecurityData.signProducer(LABEL, SM2);

    private static SignatureCheck check(String reservedCode1) {
        return SecurityData.verifyProducer(LABEL.withReservedCode1(reservedCode1));
    }

    private static String sigHex(String json) {
        return json.replaceAll(".*\"Signature\":\"([0-9A-F]+)\".*", "$1");
    }

    private static String keyHex(String json) {
        return json.replaceAll(".*\"KeyValue\":\"([0-9A-F]+)\".*", "$1");
    }

    @Test
    void validReferenceVerifies() {
        assertThat(check(VALID).outcome()).isEqualTo(Outcome.VALID);
        assertThat(check("").outcome()).isEqualTo(Outcome.ABSENT);
        assertThat(check("   ").outcome()).isEqualTo(Outcome.ABSENT);
    }

    @Test
    void defectsAreMalformedWithAReason() {
        String sig = sigHex(VALID);
        String key = keyHex(VALID);
        String edKey = HexFormat.of().formatHex(ED.publicKey().getEncoded());
        Map<String, String> cases = Map.ofEntries(
                Map.entry("truncated", VALID.substring(0, VALID.length() / 2)),
                Map.entry("not JSON", "hello"),
                Map.entry("JSON array", "[1,2]"),
                Map.entry("64 chars not hex", "z".repeat(64)),
                Map.entry("odd hex", VALID.replace(sig, sig + "A")),
                Map.entry("non-hex signature", VALID.replace(sig, "XY" + sig.substring(2))),
                Map.entry("non-ASCII digit in hex", VALID.replace(sig, "\u0660" + sig.substring(1))),
                Map.entry("empty signature", VALID.replace(sig, "")),
                Map.entry("signature is a number", VALID.replace("\"" + sig + "\"", "12345")),
                Map.entry("PubSD is an object", "{\"SecurityData\":{\"Type\":\"TC260PG\",\"Version\":1,\"PubSD\":{}}}"),
                Map.entry("PubSD entries are strings", "{\"SecurityData\":{\"PubSD\":[\"DS\",\"PubKey\"]}}"),
                Map.entry("SecurityData is a string", "{\"SecurityData\":\"x\"}"),
                Map.entry("no DS entry", VALID.replace("\"Type\":\"DS\"", "\"Type\":\"XX\"")),
                Map.entry("no PubKey entry", VALID.replace("\"Type\":\"PubKey\"", "\"Type\":\"Other\"")),
                Map.entry("no AlgID", VALID.replaceFirst("\"AlgID\":\"[0-9.]+\",", "")),
                Map.entry("key is garbage", VALID.replace(key, "3003020101")),
                Map.entry("key of another algorithm", VALID.replace(key, edKey)),
                Map.entry("unknown TBSData", VALID.replace("{\"Type\":\"Md\"}", "{\"Type\":\"File\"}")),
                Map.entry("huge", "{\"SecurityData\":\"" + "A".repeat(40_000) + "\"}"),
                Map.entry("deep nesting", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                Map.entry("huge number", "{\"SecurityData\":{\"Version\":" + "9".repeat(5000) + "}}"),
                Map.entry("too many entries", "{\"SecurityData\":{\"PubSD\":[" + "{},".repeat(100) + "{}]}}"),
                Map.entry("hex too long", VALID.replace(sig, "AB".repeat(5000))),
                Map.entry("control characters", "{\u0000\u0001}"));
        cases.forEach((name, value) -> {
            SignatureCheck check = check(value);
            assertThat(check.outcome()).as(name + ": " + check.detail()).isEqualTo(Outcome.MALFORMED);
            assertThat(check.detail()).as(name).isNotBlank();
            assertThat(check.failed()).isTrue();
        });
    }

    @Test
    void lenientFormsSeenFromOtherWritersStillVerify() throws Exception {
        // Lower-case hex, whitespace, no wrapper, keys in other case.
        String relaxed = VALID.replace(sigHex(VALID), sigHex(VALID).toLowerCase())
                .replace(",", ", ").replace("{\"SecurityData\":", "").replaceAll("}$", "")
                .replace("\"PubSD\"", "\"pubsd\"");
        assertThat(check(relaxed).outcome()).as(check(relaxed).detail()).isEqualTo(Outcome.VALID);

        // Raw r||s signature and a bare uncompressed EC point, as some SM2 libraries write them.
        ASN1Sequence der = ASN1Sequence.getInstance(HexFormat.of().parseHex(sigHex(VALID)));
        byte[] raw = new byte[64];
        copyUnsigned(ASN1Integer.getInstance(der.getObjectAt(0)).getValue(), raw, 0);
        copyUnsigned(ASN1Integer.getInstance(der.getObjectAt(1)).getValue(), raw, 32);
        byte[] point = SubjectPublicKeyInfo.getInstance(SM2.publicKey().getEncoded()).getPublicKeyData().getBytes();
        String rawForm = VALID.replace(sigHex(VALID), HexFormat.of().formatHex(raw))
                .replace(keyHex(VALID), HexFormat.of().formatHex(point));
        SignatureCheck check = check(rawForm);
        assertThat(check.outcome()).as(check.detail()).isEqualTo(Outcome.VALID);
        assertThat(check.detail()).contains("raw r||s");

        // The SM2 curve OID in place of the signature OID.
        assertThat(check(VALID.replace("1.2.156.10197.1.501", "1.2.156.10197.1.301")).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void rsaSignaturesFromOtherVendorsVerifyAndAbsurdRsaKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, TestSeed.secureRandom("SecurityDataMalformedTest.rsa"));
        KeyPair rsa = generator.generateKeyPair();
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(rsa.getPrivate());
        jdk.update(LABEL.producerSignedText().getBytes(StandardCharsets.UTF_8));
        String json = SecurityData.toJson(SignatureAlgorithm.RSA_SHA256, jdk.sign(), rsa.getPublic());
        assertThat(check(json).outcome()).as(check(json).detail()).isEqualTo(Outcome.VALID);

        // Modulus of the real key, exponent of 2^40+1: well-formed, but not worth the verification cost.
        var modulus = ((RSAPublicKey) rsa.getPublic()).getModulus();
        var hugeExponent = BigInteger.ONE.shiftLeft(40).add(BigInteger.ONE);
        var odd = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(modulus, hugeExponent));
        SignatureCheck refused = check(json.replace(keyHex(json), HexFormat.of().withUpperCase().formatHex(odd.getEncoded())));
        assertThat(refused.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(refused.detail()).contains("exponent");
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, start, out, offset + 32 - (bytes.length - start), bytes.length - start);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"SecurityData\":{}}", "null", "{\"SecurityData\":null}", "0", "\"str\""})
    void emptyShapesAreMalformed(String value) {
        assertThat(check(value).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Property(tries = 300)
    void anyTruncationOrByteFlipIsReportedNeverThrown(@ForAll @IntRange(min = 0, max = 2000) int position,
                                                      @ForAll char replacement) {
        int at = position % VALID.length();
        SignatureCheck truncated = check(VALID.substring(0, at));
        assertThat(truncated.outcome()).isIn(Outcome.ABSENT, Outcome.MALFORMED);

        String flipped = VALID.substring(0, at) + replacement + VALID.substring(at + 1);
        SignatureCheck check = check(flipped);
        assertThat(check.detail()).isNotBlank();
        int sigStart = VALID.indexOf(sigHex(VALID));
        int keyStart = VALID.indexOf(keyHex(VALID));
        boolean inSignedBytes = (at >= sigStart && at < sigStart + sigHex(VALID).length())
                || (at >= keyStart && at < keyStart + keyHex(VALID).length());
        if (inSignedBytes && Character.toUpperCase(replacement) != VALID.charAt(at)) {
            assertThat(check.outcome()).as(check.detail()).isIn(Outcome.MISMATCH, Outcome.MALFORMED);
        }
    }

    @Property(tries = 300)
    void arbitraryTextNeverThrows(@ForAll @StringLength(max = 300) String value) {
        SignatureCheck check = check(value);
        assertThat(check.outcome()).isIn(Outcome.ABSENT, Outcome.MALFORMED, Outcome.DIGEST_MISMATCH);
    }
}
