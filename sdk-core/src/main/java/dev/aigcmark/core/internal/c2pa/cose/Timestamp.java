package dev.aigcmark.core.internal.c2pa.cose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
    private static final Provider BC = new BouncyCastleProvider();
    /** More certificates than any real TSA chain has: the rest are ignored, not processed. */
    private static final int MAX_TOKEN_CERTIFICATES = 16;

    private Timestamp() {
    }

    /**
     * The outcome.
     *
     * @param time              when the token says the signature existed; empty unless the token verified
     * @param problem           why no time was established, or null (also null when no token is present)
     * @param tsaChain          the TSA's certificate first, then the other certificates the token carries; empty
     *                          when no token could be read that far
     * @param tsaProfileProblem the TSA certificate's departure from the C2PA certificate profile, if any
     */
    public record Result(Optional<Date> time, String problem, List<X509Certificate> tsaChain,
                         Optional<String> tsaProfileProblem) {
        public Result {
            tsaChain = List.copyOf(tsaChain);
        }

        public boolean present() {
            return time.isPresent() || problem != null;
        }

        /** The TSA's common name (as the reference names it in its explanations), or "" when unknown. */
        public String tsaName() {
            return tsaChain.isEmpty() ? "" : CertificateNames.commonName(tsaChain.get(0));
        }
    }

    public static Result check(CoseSign1 cose, byte[] claim) {
        Optional<JsonNode> v2 = cose.unprotected("sigTst2");
        Optional<JsonNode> v1 = cose.unprotected("sigTst");
        if (v2.isEmpty() && v1.isEmpty()) {
            return new Result(Optional.empty(), null, List.of(), Optional.empty());
        }
        JsonNode container = v2.isPresent() ? v2.get() : v1.get();
        byte[] data = v2.isPresent() ? v2Payload(cose.signature()) : claim;
        byte[] tbs = Cbor.encode(List.of("CounterSignature", cose.protectedRaw(), new byte[0], data));
        String problem = "no time-stamp token";
        List<X509Certificate> lastChain = List.of();
        for (JsonNode token : container.path("tstTokens")) {
            try {
                TimeStampToken tst = token(token.path("val").binaryValue());
                List<X509Certificate> chain = tsaChain(tst);
                lastChain = chain;
                MessageDigest md = MessageDigest.getInstance(tst.getTimeStampInfo().getMessageImprintAlgOID().getId(), BC);
                if (!Arrays.equals(md.digest(tbs), tst.getTimeStampInfo().getMessageImprintDigest())) {
                    problem = "time-stamp message imprint does not match";
                    continue;
                }
                if (chain.isEmpty()) {
                    problem = "time-stamp token carries no TSA certificate";
                    continue;
                }
                tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(chain.get(0)));
                // The reference holds the TSA's certificate to the same profile as a signer's.
                return new Result(Optional.of(tst.getTimeStampInfo().getGenTime()), null, chain,
                        CertificateProfile.problem(chain.get(0)));
            } catch (Exception e) {
                problem = "time-stamp token invalid: " + e.getMessage();
            }
        }
        return new Result(Optional.empty(), problem, lastChain, Optional.empty());
    }

    /**
     * The certificate matching the token's signer id first, then its issuers as far as the token carries them
     * (tokens list certificates in no particular order); certificates outside that path are left out.
     */
    private static List<X509Certificate> tsaChain(TimeStampToken tst) throws CertificateException {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> signer = tst.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) tst.getSID());
        if (signer.isEmpty()) {
            return List.of();
        }
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider(BC);
        List<X509Certificate> others = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> all = tst.getCertificates().getMatches(null);
        for (X509CertificateHolder h : all) {
            if (others.size() < MAX_TOKEN_CERTIFICATES) {
                others.add(conv.getCertificate(h));
            }
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(conv.getCertificate(signer.iterator().next()));
        while (chain.size() < MAX_TOKEN_CERTIFICATES) {
            X509Certificate last = chain.get(chain.size() - 1);
            if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
                break; // self-signed: the path ends here
            }
            Optional<X509Certificate> issuer = others.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && !chain.contains(c))
                    .findFirst();
            if (issuer.isEmpty()) {
                break;
            }
            chain.add(issuer.get());
        }
        return chain;
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
            TimeStampToken t = new TimeStampResponse(der).getTimeStampToken();
            if (t == null) {
                throw e;
            }
            return t;
        }
    }
}
