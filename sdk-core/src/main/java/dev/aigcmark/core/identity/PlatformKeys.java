package dev.aigcmark.core.identity;

import dev.aigcmark.core.crypto.BouncyCastle;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.identity.IdentityFile.RevokedLabelKey;
import dev.aigcmark.core.identity.IdentityFile.RevokedWatermark;
import dev.aigcmark.core.identity.IdentityFile.WatermarkFile;
import dev.aigcmark.core.identity.IdentityFile.SignerFiles;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.trust.RevokedKey;
import dev.aigcmark.core.trust.RevokedWatermarkKey;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.WatermarkKeyUse;
import dev.aigcmark.core.trust.StoreFiles;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.core.trust.TrustedPlatform;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A production platform identity's life in its home folder: creation (a self-signed root, or certificate
 * requests for a CA), installing the CA's certificates, rotating the label key, revoking an old one, and the
 * signed trust-registry entry other platforms import. Unlike a development identity it is TRUSTED wherever
 * its entry is imported. Private keys never leave the home folder (owner-only files).
 *
 * <p>The methods that read a private key take the environment in which identity.json's {@code passwordEnv} names
 * key passwords ({@code System.getenv()} in a program, {@code Map.of()} when none is named): the SDK reads no
 * environment variable on its own.
 */
public final class PlatformKeys {

    /** Which signer a certificate is for. */
    public enum Role {
        LABEL("label"), C2PA("c2pa");

        private final String file;

        Role(String file) {
            this.file = file;
        }
    }

    /**
     * What {@code aigc keys init --platform} asks for.
     *
     * @param name               the name reports show (any script, e.g. 示例视频平台)
     * @param providerCode       the platform's 27-character GB 45438 code (validated, never invented)
     * @param labelAlgorithm     SM2_SM3 (the regulator's expectation), ECDSA_P256_SHA256 or ED25519
     * @param certificateRequest true: write certificate requests for a CA instead of making a self-signed root
     */
    public record Setup(String name, String providerCode, SignatureAlgorithm labelAlgorithm, boolean certificateRequest) {
        public Setup {
            if (name == null || name.isBlank() || name.length() > 128) {
                throw new IllegalArgumentException("a platform name has 1 to 128 characters");
            }
            ProviderCode.validate(providerCode).ifPresent(reason -> {
                throw new IllegalArgumentException("provider code " + providerCode + ": " + reason);
            });
            if (labelAlgorithm == SignatureAlgorithm.RSA_SHA256) {
                throw new IllegalArgumentException("RSA is supported for verification only; sign labels with SM2, P-256 or Ed25519");
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Duration ROOT_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(730);

    private PlatformKeys() {
    }

    /**
     * Creates a production identity in {@code home} (which must not have one yet) and returns it. With a
     * self-signed root the label and C2PA leaves are issued at once; with certificate requests, the requests
     * are written next to identity.json ({@link #certificateRequests}) and the label can be signed already (a
     * SecurityData signature needs no certificate), C2PA only once {@link #installCertificates} ran.
     */
    public static PlatformIdentity create(Path home, Setup setup, Clock clock) throws IOException {
        if (IdentityStore.exists(home)) {
            throw new FileAlreadyExistsException(home.resolve(IdentityFile.FILE_NAME).toString(), null,
                    "an identity already exists; use another home folder, or rotate its keys");
        }
        StoreFiles.createOwnerOnlyDirectories(home);
        String id = idFor(setup.name());
        Instant now = clock.instant();
        KeyPair labelKeys = Keys.generate(setup.labelAlgorithm());
        KeyPair c2paKeys = Keys.generate(setup.labelAlgorithm() == SignatureAlgorithm.ED25519
                ? SignatureAlgorithm.ED25519 : SignatureAlgorithm.ECDSA_P256_SHA256);
        write(home, id + "-label.key.pem", Pem.write(labelKeys.getPrivate()));
        write(home, id + "-c2pa.key.pem", Pem.write(c2paKeys.getPrivate()));
        IdentityFile file;
        if (setup.certificateRequest()) {
            write(home, id + "-label.csr.pem", CertificateIssuer.certificateRequest(labelKeys, subject(setup.name(), "label signer")));
            write(home, id + "-c2pa.csr.pem", CertificateIssuer.certificateRequest(c2paKeys, subject(setup.name(), "C2PA signer")));
            file = new IdentityFile(id, setup.name(), setup.providerCode(), false,
                    SignerFiles.pem(id + "-label.key.pem", null), SignerFiles.pem(id + "-c2pa.key.pem", null),
                    null, null, issuerId(), id + "-watermark.key");
        } else {
            KeyPair rootKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            X509Certificate root = CertificateIssuer.selfSignedRoot(rootKeys, subject(setup.name(), "root CA"),
                    now.minus(BACKDATE), now.plus(ROOT_LIFETIME));
            write(home, id + "-root-ca.key.pem", Pem.write(rootKeys.getPrivate()));
            write(home, id + "-root-ca.cert.pem", Pem.write(List.of(root)));
            write(home, id + "-label.chain.pem", Pem.write(List.of(leaf(labelKeys.getPublic(), setup.name(),
                    "label signer", root, rootKeys.getPrivate(), now), root)));
            write(home, id + "-c2pa.chain.pem", Pem.write(List.of(leaf(c2paKeys.getPublic(), setup.name(),
                    "C2PA signer", root, rootKeys.getPrivate(), now), root)));
            file = new IdentityFile(id, setup.name(), setup.providerCode(), false,
                    SignerFiles.pem(id + "-label.key.pem", id + "-label.chain.pem"),
                    SignerFiles.pem(id + "-c2pa.key.pem", id + "-c2pa.chain.pem"),
                    id + "-root-ca.cert.pem", id + "-root-ca.key.pem", issuerId(), id + "-watermark.key");
        }
        byte[] watermarkKey = new byte[32];
        RANDOM.nextBytes(watermarkKey);
        write(home, file.watermarkKey(), Base64.getEncoder().encodeToString(watermarkKey) + "\n");
        StoreFiles.createOwnerOnly(home.resolve(IdentityFile.FILE_NAME), file.toJson());
        return IdentityStore.load(home);
    }

    /** The certificate request files waiting for a CA (label, C2PA), as written by {@link #create}. */
    public static List<Path> certificateRequests(Path home) throws IOException {
        IdentityFile file = read(home);
        List<Path> requests = new ArrayList<>();
        for (Role role : Role.values()) {
            SignerFiles signer = role == Role.LABEL ? file.labelSigner() : file.c2paSigner();
            Path csr = home.resolve(file.id() + "-" + role.file + ".csr.pem");
            if (signer != null && signer.certificates() == null && Files.exists(csr)) {
                requests.add(csr);
            }
        }
        return requests;
    }

    /**
     * Installs the certificates a CA issued for one signer: the chain must contain a certificate for that
     * signer's key (it becomes the leaf); self-signed certificates in it (the CA roots) are added to the
     * identity's CA certificates, which the exported entry carries as trust anchors.
     */
    public static X509Certificate installCertificates(Path home, Map<String, String> environment, Role role,
            List<X509Certificate> certificates)
            throws IOException {
        IdentityFile file = read(home);
        SignerFiles signer = role == Role.LABEL ? file.labelSigner() : file.c2paSigner();
        if (signer == null || signer.key() == null) {
            throw new IOException("the " + role.file + " signer is not a PEM key in this home; install its certificates by hand");
        }
        PublicKey key = IdentityStore.signer(home, signer, role.file + "Signer", environment).publicKey();
        X509Certificate leaf = certificates.stream().filter(c -> Arrays.equals(c.getPublicKey().getEncoded(),
                key.getEncoded())).findFirst().orElseThrow(() -> new IOException("none of the " + certificates.size()
                + " certificates is for the " + role.file + " key " + TrustPolicy.fingerprint(key)));
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        certificates.stream().filter(c -> c != leaf).forEach(chain::add);
        String chainName = file.id() + "-" + role.file + ".chain.pem";
        write(home, chainName, Pem.write(chain));
        List<X509Certificate> roots = new ArrayList<>(file.caCertificates() == null ? List.of()
                : Pem.readCertificates(Pem.readFile(home.resolve(file.caCertificates()))));
        certificates.stream().filter(PlatformKeys::selfSigned).filter(c -> !roots.contains(c)).forEach(roots::add);
        String caName = file.caCertificates() != null ? file.caCertificates() : file.id() + "-ca.cert.pem";
        if (!roots.isEmpty()) {
            write(home, caName, Pem.write(roots));
        }
        SignerFiles installed = new SignerFiles(signer.key(), chainName, null, null, signer.passwordEnv(), signer.passwordFile());
        IdentityFile updated = file.with(role == Role.LABEL ? installed : file.labelSigner(),
                role == Role.C2PA ? installed : file.c2paSigner(), roots.isEmpty() ? file.caCertificates() : caName,
                file.previousLabelSigners(), file.revokedLabelKeys());
        save(home, updated);
        return leaf;
    }

    /**
     * Replaces the label key with a new one of the same algorithm. The old key stays listed (what it signed stays
     * valid) and co-signs the next exported entry, so platforms that trust the old key accept the new one without
     * a manual replace. With its own root the home issues the new leaf; otherwise a new certificate request is
     * written. Returns the new public key.
     */
    public static PublicKey rotateLabelKey(Path home, Map<String, String> environment, Clock clock) throws IOException {
        IdentityFile file = read(home);
        Signer current = IdentityStore.signer(home, file.labelSigner(), "labelSigner", environment);
        KeyPair next = Keys.generate(current.algorithm());
        String suffix = HexFormat.of().formatHex(randomBytes(3));
        String keyName = file.id() + "-label-" + suffix + ".key.pem";
        write(home, keyName, Pem.write(next.getPrivate()));
        String chainName = null;
        if (file.caKey() != null && file.caCertificates() != null) {
            X509Certificate root = Pem.readCertificates(Pem.readFile(home.resolve(file.caCertificates()))).get(0);
            PrivateKey rootKey = Pem.readPrivateKey(Pem.readFile(home.resolve(file.caKey())), null);
            chainName = file.id() + "-label-" + suffix + ".chain.pem";
            write(home, chainName, Pem.write(List.of(leaf(next.getPublic(), file.name(), "label signer",
                    root, rootKey, clock.instant()), root)));
        } else {
            write(home, file.id() + "-label.csr.pem", CertificateIssuer.certificateRequest(next,
                    subject(file.name(), "label signer")));
        }
        List<SignerFiles> previous = new ArrayList<>(List.of(file.labelSigner()));
        previous.addAll(file.previousLabelSigners());
        save(home, file.with(SignerFiles.pem(keyName, chainName), file.c2paSigner(), file.caCertificates(), previous,
                file.revokedLabelKeys()));
        return next.getPublic();
    }

    /**
     * Withdraws a previous label key (named by its fingerprint or a prefix of it): exported entries then list it
     * as revoked and verifiers fail its signatures. The current key cannot be revoked; rotate first.
     */
    public static PublicKey revokeLabelKey(Path home, Map<String, String> environment, String fingerprint, String reason,
            Clock clock) throws IOException {
        IdentityFile file = read(home);
        String wanted = fingerprintPrefix(fingerprint);
        PublicKey current = IdentityStore.signer(home, file.labelSigner(), "labelSigner", environment).publicKey();
        if (Keys.fingerprint(current).startsWith(wanted)) {
            throw new IOException("that is the current label key: rotate first ('aigc keys rotate'), then revoke it");
        }
        List<SignerFiles> previous = new ArrayList<>();
        PublicKey revoked = null;
        for (SignerFiles sf : file.previousLabelSigners()) {
            PublicKey k = IdentityStore.signer(home, sf, "previousLabelSigners", environment).publicKey();
            if (revoked == null && Keys.fingerprint(k).startsWith(wanted)) {
                revoked = k;
            } else {
                previous.add(sf);
            }
        }
        if (revoked == null) {
            throw new IOException("no previous label key has the fingerprint " + fingerprint);
        }
        List<RevokedLabelKey> list = new ArrayList<>(file.revokedLabelKeys());
        list.add(new RevokedLabelKey(Base64.getEncoder().encodeToString(revoked.getEncoded()),
                clock.instant().toString(), reason == null ? "" : reason));
        save(home, file.with(file.labelSigner(), file.c2paSigner(), file.caCertificates(), previous, list));
        return revoked;
    }

    /**
     * Replaces the watermark key with a new random one under a new issuer id. The old key stays in the exported entry
     * as retired, so verifiers still find and attribute the marks it made; new marks use the new key. Returns the
     * new key.
     */
    public static WatermarkKey rotateWatermarkKey(Path home) throws IOException {
        IdentityFile file = read(home);
        List<WatermarkFile> previous = new ArrayList<>(List.of(file.watermark()));
        previous.addAll(file.previousWatermarks());
        Set<Integer> used = new HashSet<>();
        previous.forEach(w -> used.add(w.issuerId()));
        file.revokedWatermarks().forEach(r -> used.add(r.key().issuerId()));
        int issuer;
        do {
            issuer = issuerId();
        } while (used.contains(issuer)); // one issuer id per key: a payload's issuer id names the key that made it
        String keyName = file.id() + "-watermark-" + HexFormat.of().formatHex(randomBytes(3)) + ".key";
        byte[] secret = randomBytes(32);
        write(home, keyName, Base64.getEncoder().encodeToString(secret) + "\n");
        save(home, file.withWatermarks(new WatermarkFile(issuer, keyName), previous, file.revokedWatermarks()));
        return new WatermarkKey(issuer, secret);
    }

    /**
     * Withdraws a previous watermark key (named by its {@link WatermarkKey#fingerprint()} or a prefix of it): the
     * exported entry lists it as revoked and verifiers fail the marks it made. The current key cannot be revoked;
     * rotate first.
     */
    public static WatermarkKey revokeWatermarkKey(Path home, String fingerprint, String reason, Clock clock)
            throws IOException {
        IdentityFile file = read(home);
        String wanted = fingerprintPrefix(fingerprint);
        if (matches(IdentityStore.watermarkKey(home, file.watermark(), "watermark.keyFile"), wanted)) {
            throw new IOException("that is the current watermark key: rotate first ('aigc keys rotate'), then revoke it");
        }
        List<WatermarkFile> previous = new ArrayList<>();
        WatermarkFile revoked = null;
        WatermarkKey revokedKey = null;
        for (WatermarkFile w : file.previousWatermarks()) {
            WatermarkKey k = IdentityStore.watermarkKey(home, w, "previousWatermarks");
            if (revoked == null && matches(k, wanted)) {
                revoked = w;
                revokedKey = k;
            } else {
                previous.add(w);
            }
        }
        if (revoked == null) {
            throw new IOException("no previous watermark key has the fingerprint " + fingerprint);
        }
        List<RevokedWatermark> list = new ArrayList<>(file.revokedWatermarks());
        list.add(new RevokedWatermark(revoked, clock.instant().toString(), reason == null ? "" : reason));
        save(home, file.withWatermarks(file.watermark(), previous, list));
        return revokedKey;
    }

    /**
     * Withdraws a previous key of either kind, named by its fingerprint or a prefix of it: a watermark key
     * ({@link #revokeWatermarkKey}) when one has that fingerprint, else a label key ({@link #revokeLabelKey}).
     * Returns what was revoked, for people (e.g. {@code watermark key sha256:... (issuer id 4711)}).
     */
    public static String revokeKey(Path home, Map<String, String> environment, String fingerprint, String reason, Clock clock)
            throws IOException {
        IdentityFile file = read(home);
        String wanted = fingerprintPrefix(fingerprint);
        List<WatermarkFile> watermarks = new ArrayList<>(List.of(file.watermark()));
        watermarks.addAll(file.previousWatermarks());
        for (WatermarkFile w : watermarks) {
            if (matches(IdentityStore.watermarkKey(home, w, "watermark.keyFile"), wanted)) {
                WatermarkKey k = revokeWatermarkKey(home, fingerprint, reason, clock);
                return "watermark key " + k.fingerprint() + " (issuer id " + k.issuerId() + ")";
            }
        }
        return "label key " + TrustPolicy.fingerprint(revokeLabelKey(home, environment, fingerprint, reason, clock));
    }

    /**
     * The watermark keys of this identity, with their standing: the current one, those rotated away from, those
     * revoked (what {@code aigc keys show} lists).
     */
    public static List<WatermarkKeyUse> watermarkKeys(Path home) throws IOException {
        return watermarkHistory(home, read(home)).watermarkKeys();
    }

    private static TrustedPlatform watermarkHistory(Path home, IdentityFile file) throws IOException {
        List<WatermarkKey> retired = new ArrayList<>();
        for (WatermarkFile w : file.previousWatermarks()) {
            retired.add(IdentityStore.watermarkKey(home, w, "previousWatermarks"));
        }
        List<RevokedWatermarkKey> revoked = new ArrayList<>();
        for (RevokedWatermark r : file.revokedWatermarks()) {
            try {
                revoked.add(new RevokedWatermarkKey(IdentityStore.watermarkKey(home, r.key(), "revokedWatermarks"),
                        Instant.parse(r.revokedAt()), r.reason()));
            } catch (DateTimeParseException e) {
                throw new IOException(home.resolve(IdentityFile.FILE_NAME) + ": revokedWatermarks: " + e.getMessage(), e);
            }
        }
        WatermarkKey current = IdentityStore.watermarkKey(home, file.watermark(), "watermark.keyFile");
        return new TrustedPlatform(file.id(), file.name(), List.of(), List.of(), List.of(), Optional.of(current),
                file.development()).withWatermarkHistory(retired, revoked);
    }

    private static String fingerprintPrefix(String fingerprint) throws IOException {
        String wanted = fingerprint.replace("sha256:", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (wanted.length() < 8) {
            throw new IOException("give at least 8 hex digits of the key's fingerprint");
        }
        return wanted;
    }

    private static boolean matches(WatermarkKey key, String prefix) {
        return key.fingerprint().substring("sha256:".length()).startsWith(prefix);
    }

    /** This platform's entry with its key history (previous keys still valid, revoked keys), unsigned. */
    public static TrustedPlatform entry(Path home, Map<String, String> environment) throws IOException {
        IdentityFile file = read(home);
        List<PublicKey> previous = new ArrayList<>();
        for (Signer s : previousSigners(home, file, environment)) {
            previous.add(s.publicKey());
        }
        List<RevokedKey> revoked = new ArrayList<>();
        for (RevokedLabelKey r : file.revokedLabelKeys()) {
            try {
                revoked.add(new RevokedKey(Keys.publicKeyFromSpki(Base64.getDecoder().decode(r.spki())),
                        Instant.parse(r.revokedAt()), r.reason()));
            } catch (InvalidKeyException | IllegalArgumentException | DateTimeParseException e) {
                throw new IOException(home.resolve(IdentityFile.FILE_NAME) + ": revokedLabelKeys: " + e.getMessage(), e);
            }
        }
        TrustedPlatform watermarks = watermarkHistory(home, file);
        return IdentityStore.exportTrustedPlatform(home, environment).withKeyHistory(previous, revoked)
                .withWatermarkHistory(watermarks.retiredWatermarkKeys(), watermarks.revokedWatermarkKeys());
    }

    /**
     * Writes this platform's registry entry signed by its current label key and every previous, unrevoked one;
     * returns the entry's fingerprint (what the receiver's {@code keys import} prints, to compare out of band).
     */
    public static String exportSigned(Path home, Map<String, String> environment, OutputStream out) throws IOException {
        IdentityFile file = read(home);
        List<Signer> signers = new ArrayList<>();
        signers.add(IdentityStore.signer(home, file.labelSigner(), "labelSigner", environment));
        signers.addAll(previousSigners(home, file, environment));
        return TrustRegistryJson.writeSigned(entry(home, environment), signers, out);
    }

    private static List<Signer> previousSigners(Path home, IdentityFile file, Map<String, String> environment)
            throws IOException {
        List<Signer> signers = new ArrayList<>();
        for (SignerFiles sf : file.previousLabelSigners()) {
            signers.add(IdentityStore.signer(home, sf, "previousLabelSigners", environment));
        }
        return signers;
    }

    /** A stable id from the name: lower-case ASCII letters, digits and dashes; a random one for other scripts. */
    static String idFor(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48);
        }
        return slug.length() >= 3 ? slug : "platform-" + HexFormat.of().formatHex(randomBytes(4));
    }

    private static X500Name subject(String name, String role) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name + " " + role).addRDN(BCStyle.O, name).build();
    }

    private static X509Certificate leaf(PublicKey key, String name, String role, X509Certificate root, PrivateKey rootKey,
                                        Instant now) {
        return CertificateIssuer.issueLeaf(key, subject(name, role), root, rootKey, now.minus(BACKDATE),
                now.plus(LEAF_LIFETIME));
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey(), BouncyCastle.provider());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static int issuerId() {
        return 1 + RANDOM.nextInt(0xFFFF);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static IdentityFile read(Path home) throws IOException {
        return IdentityFile.read(home.resolve(IdentityFile.FILE_NAME));
    }

    private static void save(Path home, IdentityFile file) throws IOException {
        StoreFiles.writeOwnerOnly(home.resolve(IdentityFile.FILE_NAME), file.toJson());
    }

    private static void write(Path home, String name, String content) throws IOException {
        StoreFiles.writeOwnerOnly(home.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }
}
