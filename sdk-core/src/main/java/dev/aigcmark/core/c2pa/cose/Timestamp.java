package dev.aigcmark.core.c2pa.cose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.c2pa.cbor.Cbor;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3161 time-stamps in a C2PA signature's unprotected header: {@code sigTst2} (v2, over the signature
 * as a CBOR byte string) or {@code sigTst} (v1, over the claim). The token's message imprint covers the COSE
 * {@code ["CounterSignature", protected, h'', data]} structure. A verified token proves the signature
 * existed at its time, so the signing certificate is judged at that time instead of now.
 */
public final class Timestamp {
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Timestamp() {
    }

    /** The outcome: the time when a token verified, or why not. */
    public record Result(Optional<Date> time, String problem, String tsaName, Optional<String> tsaProfileProblem) {
        public boolean present() {
            return time.isPresent() || problem != null;
        }
    }

    public static Result check(CoseSign1 cose, byte[] claim) {
        Optional<JsonNode> v2 = cose.unprotected("sigTst2");
        Optional<JsonNode> v1 = cose.unprotected("sigTst");
        if (v2.isEmpty() && v1.isEmpty()) {
            return new Result(Optional.empty(), null, null, Optional.empty());
        }
        JsonNode container = v2.isPresent() ? v2.get() : v1.get();
        byte[] data = v2.isPresent() ? v2Payload(cose.signature()) : claim;
        byte[] tbs = Cbor.encode(List.of("CounterSignature", cose.protectedRaw(), new byte[0], data));
        String problem = "no time-stamp token";
        for (JsonNode token : container.path("tstTokens")) {
            try {
                TimeStampToken tst = token(token.path("val").binaryValue());
                MessageDigest md = MessageDigest.getInstance(tst.getTimeStampInfo().getMessageImprintAlgOID().getId(), BC);
                if (!Arrays.equals(md.digest(tbs), tst.getTimeStampInfo().getMessageImprintDigest())) {
                    problem = "time-stamp message imprint does not match";
                    continue;
                }
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> certs = tst.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) tst.getSID());
                if (certs.isEmpty()) {
                    problem = "time-stamp token carries no TSA certificate";
                    continue;
                }
                X509CertificateHolder tsa = certs.iterator().next();
                tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(tsa));
                // The reference holds the TSA's certificate to the same profile as a signer's.
                Optional<String> profile = CertificateProfile.problem(
                        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(tsa));
                return new Result(Optional.of(tst.getTimeStampInfo().getGenTime()), null, tsa.getSubject().toString(), profile);
            } catch (Exception e) {
                problem = "time-stamp token invalid: " + e.getMessage();
            }
        }
        return new Result(Optional.empty(), problem, null, Optional.empty());
    }

    /**
     * What a v2 time-stamp countersigns: the COSE signature value CBOR-encoded as a byte string (header
     * included), as the reference builds it; the raw signature bytes give a different imprint.
     */
    public static byte[] v2Payload(byte[] signature) {
        return Cbor.encode(signature);
    }

    /** A token as written: the bare token (ContentInfo), or, by older writers, the whole TimeStampResp. */
    private static TimeStampToken token(byte[] der) throws Exception {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception e) {
            TimeStampToken t = new org.bouncycastle.tsp.TimeStampResponse(der).getTimeStampToken();
            if (t == null) {
                throw e;
            }
            return t;
        }
    }
}
