package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.Formats;
import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.internal.c2pa.binding.AssetHasher;
import dev.aigcmark.core.internal.c2pa.binding.BmffHash;
import dev.aigcmark.core.internal.c2pa.binding.DataHash;
import dev.aigcmark.core.internal.c2pa.cbor.Cbor;
import dev.aigcmark.core.internal.c2pa.cose.CoseSign1;
import dev.aigcmark.core.internal.c2pa.cose.Timestamp;
import dev.aigcmark.core.internal.c2pa.manifest.HashedUri;
import dev.aigcmark.core.internal.c2pa.manifest.Manifest;
import dev.aigcmark.core.internal.c2pa.manifest.ManifestStore;
import dev.aigcmark.core.internal.c2pa.write.Assertions;
import dev.aigcmark.core.internal.c2pa.write.ManifestParts;
import dev.aigcmark.core.internal.c2pa.write.Padding;
import dev.aigcmark.core.internal.c2pa.write.TimestampClient;
import dev.aigcmark.core.internal.io.AtomicOutput;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.io.MediaOutput;
import dev.aigcmark.core.report.Status;
import dev.aigcmark.core.report.StatusCode;
import dev.aigcmark.core.report.StatusCodes;
import dev.aigcmark.core.report.TrustState;
import dev.aigcmark.core.spi.C2paEmbedding;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.FormatHandler;
import dev.aigcmark.core.spi.StorePlacement;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Adds a claim v2 manifest to an asset through its handler's {@link C2paEmbedding}: {@code c2pa.actions.v2}
 * (created, trainedAlgorithmicMedia, our software agent; watermarked when a payload is given), the hard
 * binding ({@code c2pa.hash.data} excluding the store's container, or {@code c2pa.hash.bmff.v3}), an optional
 * {@code c2pa.soft-binding}, and the asset's previous manifests kept as the parent ingredient.
 *
 * <p>Two passes: the store is written once with placeholders of the final sizes, the binding is hashed over
 * that output, then the final store (padded to exactly the same size) is written again, so no byte of the
 * asset moves between the hash and the file. The output is checked by our validator before it replaces the
 * target; the input is never modified.
 */
public final class C2paWriter {
    /** Our soft-binding algorithm name (the watermark payload scheme). */
    public static final String SOFT_BINDING_ALG = "dev.aigcmark.watermark.v1";
    public static final String GENERATOR = "AIGC Mark";
    private static final int SALT_BYTES = 16;
    private static final int DATA_HASH_PAD = 24;
    private static final int SIGNATURE_SLACK = 64;
    private static final int TIMESTAMP_RESERVE = 10_000;

    private final SdkContext context;

    public C2paWriter(SdkContext context) {
        this.context = Objects.requireNonNull(context);
    }

    /**
     * What to sign.
     *
     * @param signer             the C2PA signing key and chain
     * @param digitalSourceType  IPTC source type of the creation action (null: trainedAlgorithmicMedia)
     * @param watermarkPayload   the embedded watermark's payload, or null when none was embedded
     * @param title              {@code dc:title}, or null
     * @param timestampAuthority an RFC 3161 TSA, or null for none
     */
    public record Request(CoseSigner signer, String digitalSourceType, byte[] watermarkPayload, String title,
                          URI timestampAuthority) {
        public Request {
            Objects.requireNonNull(signer, "signer");
            watermarkPayload = watermarkPayload == null ? null : watermarkPayload.clone();
        }

        public static Request of(CoseSigner signer) {
            return new Request(signer, null, null, null, null);
        }

        /** Signed by the platform identity's C2PA signer (ES256 or Ed25519). */
        public static Request of(PlatformIdentity identity) {
            if (identity.c2paSigner() == null) {
                throw new IllegalArgumentException("identity " + identity.id() + " has no C2PA signer");
            }
            return of(CoseSigner.of(identity.c2paSigner()));
        }

        public Request withTimestampAuthority(URI tsa) {
            return new Request(signer, digitalSourceType, watermarkPayload, title, tsa);
        }

        public Request withWatermark(byte[] payload) {
            return new Request(signer, digitalSourceType, payload, title, timestampAuthority);
        }
    }

    /** What was written: the new manifest's label, where its store sits, and whether a parent was kept. */
    public record Result(String manifestLabel, StorePlacement placement, int storeBytes, Optional<String> parentManifest) {
    }

    public Result write(FormatHandler handler, MediaInput input, Path output, Request request) throws IOException {
        if (!(handler instanceof C2paEmbedding embedding)) {
            throw new IllegalArgumentException(handler.id() + " cannot embed C2PA manifests");
        }
        Optional<Parent> parent = parent(handler, input);
        Draft draft = new Draft(handler, input, request, parent);
        byte[] placeholder = draft.store(draft.placeholderBinding(), false);
        if (placeholder.length % 2 == 1) {
            // An odd-sized store makes RIFF formats add a pad byte, and readers disagree on whether the
            // exclusion covers it (the reference does not accept ours then): one more byte of signature pad.
            draft.signatureTarget++;
            placeholder = draft.store(draft.placeholderBinding(), false);
        }
        // One full write: the placeholder store goes into the file that replaces the output, its hash is taken,
        // and the final store (same size, same place) is patched over the placeholder. The second pass of the
        // handler only captures the store's container bytes (StoreCapture): no second copy of the asset.
        try (AtomicOutput atomic = AtomicOutput.to(output)) {
            StorePlacement first;
            try (MediaOutput out = AtomicOutput.stream(atomic.temp())) {
                first = embedding.writeStore(input, out, placeholder, context);
            }
            byte[] binding;
            long size;
            try (MediaInput written = MediaInput.of(atomic.temp())) {
                binding = draft.finalBinding(written, first, embedding.dataHashBinding());
                size = written.size();
            }
            byte[] store = draft.store(binding, true);
            if (store.length != placeholder.length) {
                throw new IllegalStateException("final store is " + store.length + " bytes, placeholder " + placeholder.length);
            }
            StoreCapture capture = new StoreCapture(first.offset(), Math.toIntExact(first.length()));
            StorePlacement second;
            try (capture) {
                second = embedding.writeStore(input, capture, store, context);
            }
            if (!second.equals(first) || capture.size() != size) {
                throw new IOException(handler.id() + " placed the store at " + second + " (" + capture.size()
                        + " bytes) on the second pass, " + first + " (" + size + " bytes) on the first");
            }
            patch(atomic.temp(), first.offset(), capture.captured());
            selfCheck(handler, atomic.temp(), draft.label);
            atomic.commit();
            return new Result(draft.label, first, store.length, parent.map(p -> p.manifest.label()));
        }
    }

    /** Overwrites {@code bytes} at {@code offset} of {@code file} (the store container, same size). */
    private static void patch(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b, offset + b.position());
            }
        }
    }

    /** Refuses to publish a file our own validator would call invalid (a handler bug must not reach users). */
    private void selfCheck(FormatHandler handler, Path written, String label) throws IOException {
        try (MediaInput in = MediaInput.of(written)) {
            List<Carrier> stores = handler.scan(in, context).carriers(CarrierType.JUMBF);
            if (stores.size() != 1) {
                throw new IOException("written file holds " + stores.size() + " C2PA stores, expected 1");
            }
            C2paValidation v = new C2paValidator(context).validate(stores.get(0), in);
            List<StatusCode> failures = v.active().stream().filter(Status::isFailure).map(Status::code)
                    .filter(c -> !c.equals(StatusCodes.SIGNING_CREDENTIAL_UNTRUSTED)).toList();
            if (v.state() == TrustState.INVALID || !failures.isEmpty() || !v.manifest().manifestLabel().equals(label)) {
                throw new IOException("the written manifest does not validate: " + v.active());
            }
        }
    }

    private record Parent(ManifestStore store, Manifest manifest, C2paValidation validation) {
    }

    /** The manifest the asset already carries, validated against the asset as it is now. */
    private Optional<Parent> parent(FormatHandler handler, MediaInput input) throws IOException {
        List<Carrier> stores = handler.scan(input, context).carriers(CarrierType.JUMBF);
        if (stores.isEmpty()) {
            return Optional.empty();
        }
        try {
            ManifestStore ms = ManifestStore.parse(stores.get(0).data(), context.limits());
            Manifest active = ms.active();
            C2paValidation v = new C2paValidator(context).validate(stores.get(0), input);
            return Optional.of(new Parent(ms, active, v));
        } catch (C2paFormatException e) {
            // An unreadable store cannot be kept as provenance; it is replaced, and the new manifest stands alone.
            return Optional.empty();
        }
    }

    /** The pieces of one manifest that stay fixed between the passes: label, salts, assertions, signer. */
    private final class Draft {
        final String label = "urn:c2pa:" + context.random().uuid();
        final String instanceId = "xmp:iid:" + context.random().uuid();
        final Request request;
        final boolean dataHash;
        final List<String> labels = new ArrayList<>();
        final List<byte[]> boxes = new ArrayList<>();
        final List<byte[]> previous = new ArrayList<>();
        final byte[] bindingSalt = salt();
        final byte[] protectedHeader;
        int bindingTarget = -1;
        int signatureTarget = -1;

        Draft(FormatHandler handler, MediaInput input, Request request, Optional<Parent> parent) throws IOException {
            this.request = request;
            this.dataHash = ((C2paEmbedding) handler).dataHashBinding();
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("name", GENERATOR);
            agent.put("version", version());
            HashedUri parentRef = null;
            if (parent.isPresent()) {
                Parent p = parent.get();
                p.store.manifests().forEach(m -> previous.add(m.box().bytes()));
                String manifestUrl = HashedUri.PREFIX + "/c2pa/" + p.manifest.label();
                HashedUri activeManifest = new HashedUri(manifestUrl, AssetHasher.hash("sha256", p.manifest.box().contents()), null);
                HashedUri signature = new HashedUri(manifestUrl + "/c2pa.signature",
                        AssetHasher.hash("sha256", p.manifest.signatureBox().contents()), null);
                byte[] ingredient = ManifestParts.assertionBox(Assertions.INGREDIENT, salt(), Assertions.parentIngredient(
                        Formats.fileName(input.name()), handler.mediaType(), activeManifest, signature, p.validation.results().toMap()));
                parentRef = ManifestParts.reference("self#jumbf=c2pa.assertions/" + Assertions.INGREDIENT, ingredient);
                add(Assertions.INGREDIENT, ingredient);
            }
            add(Assertions.ACTIONS, ManifestParts.assertionBox(Assertions.ACTIONS, salt(),
                    Assertions.actions(agent, request.digitalSourceType(), parentRef, request.watermarkPayload() != null)));
            if (request.watermarkPayload() != null) {
                add(Assertions.SOFT_BINDING, ManifestParts.assertionBox(Assertions.SOFT_BINDING, salt(),
                        Assertions.softBinding(SOFT_BINDING_ALG, request.watermarkPayload())));
            }
            Map<Object, Object> prot = new LinkedHashMap<>();
            prot.put(1, request.signer().algorithm().id());
            prot.put(33, x5chain(request.signer().chain()));
            this.protectedHeader = Cbor.encode(prot);
        }

        private void add(String label, byte[] box) {
            labels.add(label);
            boxes.add(box);
        }

        String bindingLabel() {
            return dataHash ? DataHash.LABEL : BmffHash.LABEL_V3;
        }

        byte[] placeholderBinding() {
            byte[] cbor = dataHash ? Assertions.dataHash(0, 0, new byte[32], DATA_HASH_PAD) : Assertions.bmffHash(new byte[32]);
            bindingTarget = cbor.length;
            return cbor;
        }

        byte[] finalBinding(MediaInput written, StorePlacement placement, boolean data) throws IOException {
            if (data) {
                byte[] hash = DataHash.compute(written, "sha256", List.of(new DataHash.Exclusion(placement.offset(), placement.length())));
                return Padding.fit(pad -> Assertions.dataHash(placement.offset(), placement.length(), hash, pad), bindingTarget, "c2pa.hash.data");
            }
            byte[] hash = BmffHash.compute(written, Cbor.parse(Assertions.bmffHash(new byte[32])), 3, "sha256", context.limits());
            return Assertions.bmffHash(hash);
        }

        /**
         * The whole store with this binding. The final pass signs the claim; the placeholder pass puts zeros of the
         * algorithm's signature length in its place ({@link CoseSigner#signatureLength}; no key used, so the key signs
         * once per file: review of session 16, N4) and reserves that size, to which the final pass pads. A signer
         * whose length cannot be told signs the placeholder's claim too, as before.
         */
        byte[] store(byte[] bindingCbor, boolean finalPass) throws IOException {
            List<byte[]> all = new ArrayList<>(boxes);
            all.add(ManifestParts.assertionBox(bindingLabel(), bindingSalt, bindingCbor));
            List<String> allLabels = new ArrayList<>(labels);
            allLabels.add(bindingLabel());
            List<Object> refs = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                refs.add(ManifestParts.reference("self#jumbf=c2pa.assertions/" + allLabels.get(i), all.get(i)).toCbor());
            }
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("instanceID", instanceId);
            Map<String, Object> generator = new LinkedHashMap<>();
            generator.put("name", GENERATOR);
            generator.put("version", version());
            claim.put("claim_generator_info", generator);
            claim.put("signature", HashedUri.PREFIX + "/c2pa/" + label + "/c2pa.signature");
            claim.put("created_assertions", refs);
            if (request.title() != null) {
                claim.put("dc:title", request.title());
            }
            claim.put("alg", "sha256");
            byte[] claimCbor = Cbor.encode(claim);
            byte[] cose = sign(claimCbor, finalPass);
            return ManifestParts.store(previous, ManifestParts.manifest(label, all, claimCbor, cose));
        }

        private byte[] sign(byte[] claimCbor, boolean finalPass) throws IOException {
            int standIn = finalPass ? -1 : request.signer().signatureLength();
            byte[] signature;
            try {
                signature = standIn >= 0 ? new byte[standIn]
                        : request.signer().sign(CoseSign1.toBeSigned(protectedHeader, claimCbor));
            } catch (GeneralSecurityException e) {
                throw new IOException("signing the claim failed: " + e.getMessage(), e);
            }
            Map<String, Object> tst = null;
            if (request.timestampAuthority() != null && finalPass) {
                byte[] tbs = Cbor.encode(List.of("CounterSignature", protectedHeader, new byte[0],
                        Timestamp.v2Payload(signature)));
                byte[] token = TimestampClient.stamp(request.timestampAuthority(), tbs);
                tst = Map.of("tstTokens", List.of(Map.of("val", token)));
            }
            Map<String, Object> sigTst = tst;
            IntFunction<byte[]> encode = pad -> {
                Map<String, Object> unprotected = new LinkedHashMap<>();
                if (sigTst != null) {
                    unprotected.put("sigTst2", sigTst);
                }
                unprotected.put("pad", new byte[pad]);
                return Cbor.encode(new Cbor.Tagged(CoseSign1.TAG, Arrays.asList(protectedHeader, unprotected, null, signature)));
            };
            if (signatureTarget < 0) {
                signatureTarget = encode.apply(0).length + SIGNATURE_SLACK
                        + (request.timestampAuthority() != null ? TIMESTAMP_RESERVE : 0);
            }
            return Padding.fit(encode, signatureTarget, "COSE_Sign1");
        }

        private byte[] salt() {
            return context.random().bytes(SALT_BYTES);
        }
    }

    private static Object x5chain(List<X509Certificate> chain) throws IOException {
        List<Object> ders = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                ders.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("certificate not encodable", e);
            }
        }
        return ders.size() == 1 ? ders.get(0) : ders;
    }

    static String version() {
        String v = C2paWriter.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
