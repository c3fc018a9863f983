package dev.aigcmark.core.identity;

import dev.aigcmark.core.RandomSource;
import dev.aigcmark.core.crypto.KeyMaterial;
import dev.aigcmark.core.crypto.Pem;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.crypto.Signer;
import dev.aigcmark.core.crypto.Signers;
import dev.aigcmark.core.identity.IdentityFile.SignerFiles;
import dev.aigcmark.core.label.ProviderCode;
import dev.aigcmark.core.trust.StoreFiles;
import dev.aigcmark.core.trust.TrustedPlatform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The platform identity kept in the SDK's home folder ({@code $AIGC_HOME}, else {@code ~/.aigcmark}):
 * {@code identity.json} plus PEM keys and certificates (or PKCS#12 stores) and the watermark key, all readable
 * by the owner only. A configured platform writes identity.json itself (see docs/trust-registry.md); on first
 * use without one, {@link #loadOrCreateDevelopment} makes a development identity that verifiers report as
 * "development identity, not trusted".
 */
public final class IdentityStore {

    /** Environment variable naming the home folder. */
    public static final String HOME_ENV = "AIGC_HOME";

    /** The forms without an environment, so that a passwordEnv there is explained rather than called "not set". */
    private static final Map<String, String> NO_ENVIRONMENT = null;

    private IdentityStore() {
    }

    /**
     * {@code AIGC_HOME} from {@code environment} if set, else {@code ~/.aigcmark}. The caller hands the environment
     * ({@code System.getenv()} in a program): the SDK reads no environment variable on its own.
     */
    public static Path defaultHome(Map<String, String> environment) {
        String env = environment.get(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".aigcmark");
    }

    /** Whether {@code home} holds an identity.json. */
    public static boolean exists(Path home) {
        return Files.isRegularFile(home.resolve(IdentityFile.FILE_NAME));
    }

    /**
     * The identity in {@code home}; if there is none, a new development identity is created there first (a
     * development root CA, an SM2 label leaf and an ES256 C2PA leaf, a watermark key, a fake but well-formed
     * provider code). Development leaves that expire within 30 days of {@code clock} are renewed with the same keys.
     * Safe against a concurrent creator: exactly one identity.json wins and both callers load it.
     */
    public static PlatformIdentity loadOrCreateDevelopment(Path home, Clock clock) throws IOException {
        return loadOrCreateDevelopment(home, clock, RandomSource.secure(), NO_ENVIRONMENT);
    }

    /**
     * As {@link #loadOrCreateDevelopment(Path, Clock)}; an existing identity's key passwords named by
     * {@code passwordEnv} are looked up in {@code environment} (see {@link #load(Path, Map)}).
     */
    public static PlatformIdentity loadOrCreateDevelopment(Path home, Clock clock, Map<String, String> environment)
            throws IOException {
        return loadOrCreateDevelopment(home, clock, RandomSource.secure(),
                Objects.requireNonNull(environment, "environment"));
    }

    /**
     * As {@link #loadOrCreateDevelopment(Path, Clock)}, drawing keys, certificate serials, the watermark key and
     * signature nonces from {@code random} (a seeded source in tests makes the identity and what it signs repeat).
     */
    public static PlatformIdentity loadOrCreateDevelopment(Path home, Clock clock, RandomSource random)
            throws IOException {
        return loadOrCreateDevelopment(home, clock, random, NO_ENVIRONMENT);
    }

    private static PlatformIdentity loadOrCreateDevelopment(Path home, Clock clock, RandomSource random,
            Map<String, String> environment) throws IOException {
        if (!exists(home)) {
            StoreFiles.createOwnerOnlyDirectories(home);
            IdentityFile created = DevelopmentIdentities.create(home, clock, random);
            try {
                StoreFiles.createOwnerOnly(home.resolve(IdentityFile.FILE_NAME), created.toJson());
            } catch (FileAlreadyExistsException raced) {
                DevelopmentIdentities.deleteFiles(home, created);
            }
        }
        IdentityFile file = IdentityFile.read(home.resolve(IdentityFile.FILE_NAME));
        if (file.development()) {
            DevelopmentIdentities.renewExpiringLeaves(home, file, clock, random.secureRandom());
        }
        return load(home, file, random.secureRandom(), environment);
    }

    /**
     * The identity described by {@code <home>/identity.json} (a configured one, {@code "development": false}, or a
     * development one). Throws with the file and field named when something is missing or unreadable. No
     * environment is given: a key whose password identity.json names by {@code passwordEnv} is refused (use
     * {@link #load(Path, Map)}).
     */
    public static PlatformIdentity load(Path home) throws IOException {
        return read(home, NO_ENVIRONMENT);
    }

    /**
     * As {@link #load(Path)}, with the environment in which identity.json's {@code passwordEnv} names key passwords
     * ({@code System.getenv()} in a program): the SDK reads no environment variable on its own.
     */
    public static PlatformIdentity load(Path home, Map<String, String> environment) throws IOException {
        return read(home, Objects.requireNonNull(environment, "environment"));
    }

    private static PlatformIdentity read(Path home, Map<String, String> environment) throws IOException {
        return load(home, IdentityFile.read(home.resolve(IdentityFile.FILE_NAME)), null, environment);
    }

    /** @param nonces signature nonces (null: BouncyCastle's default strong source) */
    private static PlatformIdentity load(Path home, IdentityFile file, SecureRandom nonces,
            Map<String, String> environment) throws IOException {
        var invalid = ProviderCode.validate(file.providerCode());
        if (invalid.isPresent()) {
            throw new IOException(home.resolve(IdentityFile.FILE_NAME) + ": providerCode '" + file.providerCode()
                    + "' is invalid: " + invalid.get());
        }
        Signer label = signer(home, file.labelSigner(), "labelSigner", nonces, environment);
        Signer c2pa = file.c2paSigner() == null ? null
                : signer(home, file.c2paSigner(), "c2paSigner", nonces, environment);
        if (c2pa != null && c2pa.algorithm() == SignatureAlgorithm.SM2_SM3) {
            throw new IOException(home.resolve(IdentityFile.FILE_NAME) + ": c2paSigner is an SM2 key; C2PA signs with "
                    + "ECDSA (ES256) or Ed25519");
        }
        byte[] watermarkKey = readWatermarkKey(resolve(home, file.watermarkKey(), "watermark.keyFile"));
        return new PlatformIdentity(file.id(), file.name(), file.providerCode(), label, c2pa,
                new WatermarkKey(file.issuerId(), watermarkKey), file.development());
    }

    /** The CA certificates the identity's signers chain to ({@code caCertificates}), empty when none is named. */
    public static List<X509Certificate> caCertificates(Path home) throws IOException {
        IdentityFile file = IdentityFile.read(home.resolve(IdentityFile.FILE_NAME));
        if (file.caCertificates() == null) {
            return List.of();
        }
        return Pem.readCertificates(Pem.readFile(resolve(home, file.caCertificates(), "caCertificates")));
    }

    /** The trust registry entry other platforms import to recognise this identity's marks (no environment given). */
    public static TrustedPlatform exportTrustedPlatform(Path home) throws IOException {
        return TrustedPlatform.of(read(home, NO_ENVIRONMENT), caCertificates(home));
    }

    /** As {@link #exportTrustedPlatform(Path)}, key passwords looked up as {@link #load(Path, Map)} does. */
    public static TrustedPlatform exportTrustedPlatform(Path home, Map<String, String> environment) throws IOException {
        return TrustedPlatform.of(load(home, environment), caCertificates(home));
    }

    static Signer signer(Path home, SignerFiles files, String field, Map<String, String> environment)
            throws IOException {
        return signer(home, files, field, null, environment);
    }

    /** @param nonces signature nonces (null: BouncyCastle's default strong source) */
    private static Signer signer(Path home, SignerFiles files, String field, SecureRandom nonces,
            Map<String, String> environment) throws IOException {
        char[] password = password(home, files, field, environment);
        KeyMaterial material;
        if (files.pkcs12() != null) {
            material = KeyMaterial.fromPkcs12(resolve(home, files.pkcs12(), field + ".pkcs12"), password, files.alias());
        } else if (files.certificates() != null) {
            material = KeyMaterial.fromPem(resolve(home, files.key(), field + ".key"),
                    resolve(home, files.certificates(), field + ".certificates"), password);
        } else {
            material = KeyMaterial.fromPem(resolve(home, files.key(), field + ".key"), password);
        }
        try {
            return Signers.load(material, nonces);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(field + ": " + e.getMessage(), e);
        }
    }

    private static char[] password(Path home, SignerFiles files, String field, Map<String, String> environment)
            throws IOException {
        if (files.passwordFile() != null) {
            Path file = resolve(home, files.passwordFile(), field + ".passwordFile");
            if (Files.size(file) > 4096) {
                throw new IOException(file + ": a password file holds one line");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "").toCharArray();
        }
        if (files.passwordEnv() == null) {
            return null;
        }
        if (environment == null) {
            throw new IOException(field + ": the key's password is in the environment variable " + files.passwordEnv()
                    + ", but no environment was given (load the identity with the environment, e.g. System.getenv())");
        }
        String value = environment.get(files.passwordEnv());
        if (value == null) {
            throw new IOException(field + ": the environment variable " + files.passwordEnv()
                    + " (the key's password) is not set");
        }
        return value.toCharArray();
    }

    /** A file named in identity.json, relative to {@code home}; it must exist and be readable. */
    static Path resolve(Path home, String name, String field) throws IOException {
        Path path = home.resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IOException(home.resolve(IdentityFile.FILE_NAME) + ": " + field + " names '" + name
                    + "', but " + path + " is missing");
        }
        if (!Files.isReadable(path)) {
            throw new IOException(path + " (" + field + ") is not readable by this user");
        }
        return path;
    }

    /** A watermark key named in identity.json (current, previous or revoked), read from its file. */
    static WatermarkKey watermarkKey(Path home, IdentityFile.WatermarkFile w, String field) throws IOException {
        return new WatermarkKey(w.issuerId(), readWatermarkKey(resolve(home, w.keyFile(), field)));
    }

    private static byte[] readWatermarkKey(Path file) throws IOException {
        if (Files.size(file) > 4096) {
            throw new IOException(file + ": a watermark key file is a single base64 line");
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < 16) {
                throw new IOException(file + ": the watermark key has " + key.length + " bytes; at least 16 are needed");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the watermark key is not base64: " + e.getMessage(), e);
        }
    }

    static List<String> fileNames(IdentityFile file) {
        List<String> names = new ArrayList<>();
        for (SignerFiles s : new SignerFiles[]{file.labelSigner(), file.c2paSigner()}) {
            if (s != null) {
                names.add(s.key());
                names.add(s.certificates());
                names.add(s.pkcs12());
                names.add(s.passwordFile());
            }
        }
        names.add(file.caCertificates());
        names.add(file.caKey());
        names.add(file.watermarkKey());
        file.previousWatermarks().forEach(w -> names.add(w.keyFile()));
        file.revokedWatermarks().forEach(r -> names.add(r.key().keyFile()));
        names.removeIf(Objects::isNull);
        return names;
    }
}
