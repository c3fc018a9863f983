package dev.aigcmark.core.internal.c2pa.cose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.internal.c2pa.C2paFormatException;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.report.StatusCodes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed COSE_Sign1 (RFC 9052) as C2PA uses it: detached payload (the claim), algorithm in the protected
 * header, certificate chain in {@code x5chain} (label 33, or the string {@code "x5chain"} that early
 * writers used; protected header preferred, unprotected accepted).
 *
 * @param protectedRaw   the protected header exactly as serialised (the bstr contents)
 * @param protectedMap   the protected header parsed
 * @param unprotectedMap the unprotected header
 * @param payload        the embedded payload, or null when detached
 * @param signature      the signature bytes
 */
public record CoseSign1(byte[] protectedRaw, JsonNode protectedMap, JsonNode unprotectedMap, byte[] payload,
                        byte[] signature) {

    public static final int TAG = 18;

    public static CoseSign1 parse(byte[] bytes) throws C2paFormatException {
        JsonNode arr;
        try {
            arr = Cbor.parse(bytes);
        } catch (IOException e) {
            throw new C2paFormatException(StatusCodes.CLAIM_SIGNATURE_MISSING, "COSE_Sign1 is malformed: " + e.getMessage(), e);
        }
        if (!arr.isArray() || arr.size() != 4 || !arr.get(0).isBinary() || !arr.get(3).isBinary()) {
            throw new C2paFormatException(StatusCodes.CLAIM_SIGNATURE_MISSING, "not a COSE_Sign1 structure");
        }
        try {
            byte[] prot = arr.get(0).binaryValue();
            JsonNode protMap = prot.length == 0 ? Cbor.parse(new byte[] {(byte) 0xA0}) : Cbor.parse(prot);
            JsonNode unprot = arr.get(1);
            byte[] payload = arr.get(2).isBinary() ? arr.get(2).binaryValue() : null;
            return new CoseSign1(prot, protMap, unprot, payload, arr.get(3).binaryValue());
        } catch (IOException e) {
            throw new C2paFormatException(StatusCodes.CLAIM_SIGNATURE_MISSING, "COSE_Sign1 header is malformed: " + e.getMessage(), e);
        }
    }

    /** The algorithm from the protected header; empty when absent or not one C2PA allows. */
    public Optional<CoseAlgorithm> algorithm() {
        JsonNode a = protectedMap.get("1");
        return a != null && a.canConvertToLong() ? CoseAlgorithm.fromId(a.asLong()) : Optional.empty();
    }

    /** A description of the algorithm header for messages: the value, or "missing". */
    public String algorithmHeader() {
        JsonNode a = protectedMap.get("1");
        return a == null ? "missing" : a.toString();
    }

    /** The x5chain certificates, leaf first. */
    public List<X509Certificate> certificates() throws C2paFormatException {
        JsonNode chain = header("33");
        if (chain == null) {
            chain = header("x5chain");
        }
        if (chain == null) {
            throw new C2paFormatException(StatusCodes.SIGNING_CREDENTIAL_INVALID, "COSE_Sign1 carries no x5chain");
        }
        List<byte[]> ders = new ArrayList<>();
        try {
            if (chain.isBinary()) {
                ders.add(chain.binaryValue());
            } else if (chain.isArray()) {
                for (JsonNode n : chain) {
                    if (!n.isBinary()) {
                        throw new C2paFormatException(StatusCodes.SIGNING_CREDENTIAL_INVALID, "x5chain entry is not a byte string");
                    }
                    ders.add(n.binaryValue());
                }
            }
            if (ders.isEmpty()) {
                throw new C2paFormatException(StatusCodes.SIGNING_CREDENTIAL_INVALID, "x5chain is empty");
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (byte[] der : ders) {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new C2paFormatException(StatusCodes.SIGNING_CREDENTIAL_INVALID, "x5chain certificate unreadable: " + e.getMessage(), e);
        }
    }

    private JsonNode header(String label) {
        JsonNode v = protectedMap.get(label);
        if (v == null && unprotectedMap != null && unprotectedMap.isObject()) {
            v = unprotectedMap.get(label);
        }
        return v;
    }

    /** An unprotected header value ({@code sigTst}, {@code sigTst2}, {@code pad}...). */
    public Optional<JsonNode> unprotected(String label) {
        return unprotectedMap != null && unprotectedMap.isObject() ? Optional.ofNullable(unprotectedMap.get(label)) : Optional.empty();
    }

    /** The bytes a COSE_Sign1 signature covers: {@code ["Signature1", protected, h'', payload]}. */
    public static byte[] toBeSigned(byte[] protectedRaw, byte[] payload) {
        return Cbor.encode(List.of("Signature1", protectedRaw, new byte[0], payload));
    }

    /** Verifies the signature over {@code detachedPayload} (the claim) with the leaf's public key. */
    public boolean verify(CoseAlgorithm alg, X509Certificate leaf, byte[] detachedPayload) {
        try {
            Signature s = alg.newVerifier(leaf.getPublicKey());
            s.update(toBeSigned(protectedRaw, payload != null ? payload : detachedPayload));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // wrong key type for the algorithm, malformed signature: a mismatch either way
        }
    }
}
