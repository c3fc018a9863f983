package dev.aigcmark.core.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.c2pa.cbor.Cbor;
import dev.aigcmark.core.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.core.c2pa.cose.CoseSign1;
import dev.aigcmark.core.c2pa.cose.TrustChain;
import dev.aigcmark.core.c2pa.manifest.HashedUri;
import dev.aigcmark.core.c2pa.manifest.Manifest;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.security.cert.X509Certificate;
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

    private CawgIdentity() {
    }

    static void check(Manifest m, SdkContext context, List<Status> out) {
        for (HashedUri ref : m.claim().assertions()) {
            if (!C2paValidator.baseLabel(ref.label()).equals(LABEL)) {
                continue;
            }
            String url = C2paValidator.uri(m, "c2pa.assertions/" + ref.label());
            m.assertion(ref.label()).flatMap(b -> b.content("cbor")).ifPresentOrElse(
                    box -> verify(box.payload(), context, url, out),
                    () -> out.add(C2paValidator.failure(C2paStatus.CAWG_MALFORMED, "identity assertion is not CBOR", url)));
        }
    }

    private static void verify(byte[] raw, SdkContext context, String url, List<Status> out) {
        try {
            JsonNode node = Cbor.parse(raw);
            String sigType = node.path("signer_payload").path("sig_type").asText("");
            if (!sigType.equals("cawg.x509.cose")) {
                return; // other credential types (verifiable credentials) are not checked here
            }
            Optional<int[]> range = Cbor.rawValueRange(raw, "signer_payload");
            if (range.isEmpty() || !node.path("signature").isBinary()) {
                out.add(C2paValidator.failure(C2paStatus.CAWG_MALFORMED, "identity assertion lacks signer_payload or signature", url));
                return;
            }
            byte[] payload = Arrays.copyOfRange(raw, range.get()[0], range.get()[1]);
            CoseSign1 cose = CoseSign1.parse(node.get("signature").binaryValue());
            Optional<CoseAlgorithm> alg = cose.algorithm();
            if (alg.isEmpty()) {
                out.add(C2paValidator.failure(C2paStatus.ALGORITHM_UNSUPPORTED, "identity signature algorithm", url));
                return;
            }
            List<X509Certificate> chain = cose.certificates();
            if (!cose.verify(alg.get(), chain.get(0), payload)) {
                out.add(C2paValidator.failure(C2paStatus.CAWG_SIGNATURE_MISMATCH, "identity signature does not verify", url));
                return;
            }
            out.add(C2paValidator.success(C2paStatus.CAWG_SIGNATURE_VALIDATED, "X.509 identity assertion signature validated", url));
            out.add(C2paValidator.success(C2paStatus.CAWG_WELL_FORMED, "CAWG X.509 identity signature valid", url));
            List<X509Certificate> anchors = context.trust().platforms().stream().filter(p -> !p.development())
                    .flatMap((TrustedPlatform p) -> p.certificates().stream()).toList();
            Date now = Date.from(context.clock().instant());
            if (TrustChain.anchorFor(chain, anchors, now).isPresent()) {
                out.add(C2paValidator.success(C2paStatus.CAWG_CREDENTIAL_TRUSTED, "identity credential trusted", url));
            } else {
                out.add(C2paValidator.failure(C2paStatus.CAWG_CREDENTIAL_UNTRUSTED, "identity credential untrusted: "
                        + C2paValidator.subject(chain.get(0)), url));
            }
        } catch (IOException e) {
            out.add(C2paValidator.failure(C2paStatus.CAWG_MALFORMED, "identity assertion unreadable: " + e.getMessage(), url));
        } catch (C2paFormatException e) {
            out.add(C2paValidator.failure(C2paStatus.CAWG_MALFORMED, e.getMessage(), url));
        }
    }
}
