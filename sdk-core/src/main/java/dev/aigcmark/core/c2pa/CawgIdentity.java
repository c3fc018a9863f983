package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.c2pa.cbor.Cbor;
import dev.aigcmark.core.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.c2pa.cose.CoseSign1;
import dev.aigcmark.core.c2pa.cose.TrustChain;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.c2pa.validation.ValidationLog;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * CAWG identity assertions ({@code cawg.identity}) with X.509 credentials ({@code sig_type cawg.x509.cose}):
 * the COSE_Sign1 over the {@code signer_payload} exactly as written. Identity credentials are trusted only
 * through the platform trust registry, not the C2PA claim-signing anchors: like the reference, which keeps a
 * separate CAWG trust list, a C2PA test root does not vouch for a person's identity.
 */
final class CawgIdentity {
    static final String LABEL = "cawg.identity";
    static final String X509 = "cawg.x509.cose";

    private CawgIdentity() {
    }

    static List<IdentityAssertion> check(Manifest m, SdkContext context, ValidationLog log) {
        List<IdentityAssertion> found = new ArrayList<>();
        for (HashedUri ref : m.claim().assertions()) {
            if (!C2paValidator.baseLabel(ref.label()).equals(LABEL)) {
                continue;
            }
            String url = C2paValidator.uri(m, "c2pa.assertions/" + ref.label());
            Optional<byte[]> raw = m.assertion(ref.label()).flatMap(b -> b.content("cbor")).map(b -> b.payload());
            if (raw.isEmpty()) {
                log.failure(StatusCodes.CAWG_MALFORMED, url, "identity assertion is not CBOR");
                continue;
            }
            verify(ref.label(), raw.get(), context, url, log).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<IdentityAssertion> verify(String label, byte[] raw, SdkContext context, String url, ValidationLog log) {
        try {
            JsonNode node = Cbor.parse(raw);
            String sigType = node.path("signer_payload").path("sig_type").asText("");
            if (!sigType.equals(X509)) {
                // other credential types (verifiable credentials) are named but not checked here
                return Optional.of(new IdentityAssertion(label, sigType, List.of(), false, false));
            }
            Optional<int[]> range = Cbor.rawValueRange(raw, "signer_payload");
            if (range.isEmpty() || !node.path("signature").isBinary()) {
                log.failure(StatusCodes.CAWG_MALFORMED, url, "identity assertion lacks signer_payload or signature");
                return Optional.empty();
            }
            byte[] payload = Arrays.copyOfRange(raw, range.get()[0], range.get()[1]);
            CoseSign1 cose = CoseSign1.parse(node.get("signature").binaryValue());
            Optional<CoseAlgorithm> alg = cose.algorithm();
            if (alg.isEmpty()) {
                log.failure(StatusCodes.ALGORITHM_UNSUPPORTED, url, "identity signature algorithm");
                return Optional.empty();
            }
            List<X509Certificate> chain = cose.certificates();
            if (!cose.verify(alg.get(), chain.get(0), payload)) {
                log.failure(StatusCodes.CAWG_SIGNATURE_MISMATCH, url, "identity signature does not verify");
                return Optional.of(new IdentityAssertion(label, sigType, chain, false, false));
            }
            log.success(StatusCodes.CAWG_SIGNATURE_VALIDATED, url, "X.509 identity assertion signature validated");
            log.success(StatusCodes.CAWG_WELL_FORMED, url, "CAWG X.509 identity signature valid");
            List<X509Certificate> anchors = context.trust().platforms().stream().filter(p -> !p.development())
                    .flatMap((TrustedPlatform p) -> p.certificates().stream()).toList();
            boolean trusted = TrustChain.anchorFor(chain, anchors, Date.from(context.clock().instant())).isPresent();
            if (trusted) {
                log.success(StatusCodes.CAWG_CREDENTIAL_TRUSTED, url, "identity credential trusted");
            } else {
                log.failure(StatusCodes.CAWG_CREDENTIAL_UNTRUSTED, url, "signing certificate untrusted");
            }
            return Optional.of(new IdentityAssertion(label, sigType, chain, true, trusted));
        } catch (IOException e) {
            log.failure(StatusCodes.CAWG_MALFORMED, url, "identity assertion unreadable: " + e.getMessage());
        } catch (C2paFormatException e) {
            log.failure(StatusCodes.CAWG_MALFORMED, url, e.getMessage());
        }
        return Optional.empty();
    }
}
