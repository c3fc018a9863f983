package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.cose.CoseSign1;
import dev.aigcmark.core.internal.c2pa.jumbf.JumbfBox;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.internal.c2pa.validation.ValidationLog;
import dev.aigcmark.core.internal.c2pa.validation.ValidationResults;
import dev.aigcmark.core.internal.c2pa.validation.ValidationResults.IngredientDelta;
import dev.aigcmark.core.internal.c2pa.validation.ValidationResults.StatusCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the C2PA crJSON report (Content Credentials JSON, C2PA 2.4) of validated manifest stores: every
 * manifest, the active one first, with its assertions, its claim ({@code claim} or {@code claim.v2}), its
 * signature (algorithm, certificate, time-stamp) and its {@code validationResults}; the statuses of a
 * manifest reached as an ingredient are those of the first ingredient assertion that leads to it, and each
 * manifest lists the deltas of its own ingredient assertions. This is the form the C2PA conformance rubrics
 * are written against. Byte strings are written {@code b64'...'}, as the reference writes them.
 */
public final class CrJsonWriter {
    /** The specification version our validation follows (that of the reference we match, c2pa-rs 0.91.3). */
    public static final String SPEC_VERSION = "2.3.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrJsonWriter() {
    }

    /** One crJSON document for the stores found in one asset, this library named as its generator. */
    public static ObjectNode write(List<C2paValidation> stores) {
        return write(stores, C2paWriter.version());
    }

    /** One crJSON document for the stores found in one asset (normally one; none gives no manifests). */
    public static ObjectNode write(List<C2paValidation> stores, String generatorVersion) {
        ObjectNode doc = CrJsonValues.NODES.objectNode();
        ObjectNode context = doc.putObject("@context");
        context.put("@vocab", "https://c2pa.org/crjson");
        context.put("extras", "https://c2pa.org/crjson/extras");
        ArrayNode manifests = doc.putArray("manifests");
        for (C2paValidation v : stores) {
            v.store().ifPresent(ms -> manifests(v, ms, manifests));
        }
        ObjectNode generator = doc.putObject("jsonGenerator");
        generator.put("name", "aigc-mark");
        generator.put("version", generatorVersion);
        return doc;
    }

    private static void manifests(C2paValidation v, ManifestStore ms, ArrayNode out) {
        List<Manifest> order = new ArrayList<>(ms.manifests());
        Collections.reverse(order); // the active (last written) manifest first
        ValidationResults results = v.results();
        Map<String, String> firstReference = firstReferences(order);
        for (Manifest m : order) {
            ObjectNode node = out.addObject();
            node.put("label", m.label());
            node.put("isUpdateManifest", m.isUpdate());
            node.put("isCompressedManifest", false);
            node.set("assertions", assertions(m));
            node.set(m.claim().version() >= 2 ? "claim.v2" : "claim", CrJsonValues.json(m.claim().map()));
            node.set("signature", signature(m, v));
            boolean active = m.label().equals(ms.activeLabel());
            StatusCodes codes = active ? results.activeManifest()
                    : results.ingredientDeltas().stream().filter(d -> d.ingredientAssertionUri().equals(firstReference.get(m.label())))
                    .map(IngredientDelta::validationDeltas).findFirst().orElse(ValidationResults.EMPTY.activeManifest());
            ObjectNode vr = JSON.valueToTree(codes.toMap());
            vr.put("specVersion", SPEC_VERSION);
            vr.put("validationTime", CrJsonValues.preciseTime(v.validationTime()));
            node.set("validationResults", vr);
            List<Object> deltas = results.ingredientDeltas().stream()
                    .filter(d -> ManifestStore.manifestLabel(d.ingredientAssertionUri()).filter(m.label()::equals).isPresent())
                    .map(d -> (Object) d.toMap()).toList();
            if (!deltas.isEmpty()) {
                node.set("ingredientDeltas", JSON.valueToTree(deltas));
            }
        }
    }

    /** For each manifest label, the URI of the first ingredient assertion (in report order) that leads to it. */
    private static Map<String, String> firstReferences(List<Manifest> order) {
        Map<String, String> first = new HashMap<>();
        for (Manifest m : order) {
            for (HashedUri ref : m.claim().assertions()) {
                if (IngredientCheck.isIngredient(ref.label())) {
                    m.assertionData(ref.label()).flatMap(IngredientCheck::manifestReference)
                            .flatMap(r -> ManifestStore.manifestLabel(r.url()))
                            .ifPresent(label -> first.putIfAbsent(label, C2paValidator.uri(m, "c2pa.assertions/" + ref.label())));
                }
            }
        }
        return first;
    }

    /** Each assertion by label: CBOR and JSON as data, embedded files (thumbnails) as format, identifier, hash. */
    private static ObjectNode assertions(Manifest m) {
        ObjectNode out = CrJsonValues.NODES.objectNode();
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        m.claim().assertions().forEach(r -> hashes.putIfAbsent(r.label(), r.hash()));
        for (JumbfBox a : m.assertionStore().map(JumbfBox::children).orElse(List.of())) {
            if (!a.isSuperbox()) {
                continue;
            }
            out.set(a.label(), assertion(m, a, hashes.get(a.label())));
        }
        return out;
    }

    private static JsonNode assertion(Manifest m, JumbfBox a, byte[] hash) {
        try {
            Optional<JumbfBox> cbor = a.content("cbor");
            if (cbor.isPresent()) {
                JsonNode data = Cbor.parse(cbor.get().payload());
                if (C2paValidator.baseLabel(a.label()).equals(CawgIdentity.LABEL) && data.isObject() && data.path("signature").isBinary()) {
                    return identity((ObjectNode) data);
                }
                return CrJsonValues.json(data);
            }
            Optional<JumbfBox> json = a.content("json");
            if (json.isPresent()) {
                return Manifest.data(a).orElse(CrJsonValues.NODES.nullNode()); // bounded, as every manifest read
            }
        } catch (IOException e) {
            return CrJsonValues.NODES.nullNode();
        }
        ObjectNode file = CrJsonValues.NODES.objectNode();
        file.put("format", a.content("bfdb").map(b -> CrJsonValues.mediaType(b.payload())).orElse(""));
        file.put("identifier", C2paValidator.uri(m, "c2pa.assertions/" + a.label()));
        if (hash != null) {
            file.put("hash", CrJsonValues.bytes(hash));
        }
        return file;
    }

    /** A CAWG identity assertion with its signature read: who the credential names, not opaque bytes. */
    private static JsonNode identity(ObjectNode data) throws IOException {
        ObjectNode out = (ObjectNode) CrJsonValues.json(data);
        try {
            CoseSign1 cose = CoseSign1.parse(data.get("signature").binaryValue());
            ObjectNode sig = CrJsonValues.NODES.objectNode();
            cose.algorithm().ifPresent(alg -> sig.put("algorithm", alg.name().toLowerCase(Locale.ROOT)));
            sig.set("certificateInfo", CrJsonValues.certificate(cose.certificates().get(0)));
            out.set("signature", sig);
        } catch (C2paFormatException e) {
            // unreadable: the bytes stay as they are
        }
        return out;
    }

    private static ObjectNode signature(Manifest m, C2paValidation v) {
        SignatureInfo info = v.signature().filter(s -> s.manifestLabel().equals(m.label()))
                .or(() -> Optional.ofNullable(v.ingredientSignatures().get(m.label())))
                .orElseGet(() -> new SignatureCheck(List.of(), List.of(), v.validationTime()).check(m, new ValidationLog()));
        ObjectNode sig = CrJsonValues.NODES.objectNode();
        info.algorithm().ifPresent(alg -> sig.put("algorithm", alg.name().toLowerCase(Locale.ROOT)));
        info.signer().ifPresent(c -> sig.set("certificateInfo", CrJsonValues.certificate(c)));
        if (info.timestamp().isPresent() && !info.tsaChain().isEmpty()) {
            ObjectNode tst = sig.putObject("timeStampInfo");
            tst.put("timestamp", CrJsonValues.time(info.timestamp().get()));
            tst.set("certificateInfo", CrJsonValues.certificate(info.tsaChain().get(0)));
        }
        return sig;
    }
}
