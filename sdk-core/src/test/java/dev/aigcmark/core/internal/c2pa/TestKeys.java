package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.internal.c2pa.cose.CoseAlgorithm;
import dev.aigcmark.testing.SharedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** The reference implementation's test signing keys ({@code shared/tools/c2pa-peer/certs}), chaining to the test root. */
public final class TestKeys {
    private TestKeys() {
    }

    public static Path dir() {
        return SharedFiles.dir().resolve("tools/c2pa-peer/certs");
    }

    /** {@code es256}, {@code ps256}, {@code ed25519}, {@code es384}. */
    public static CoseSigner signer(String name) throws Exception {
        String pem = Files.readString(dir().resolve(name + ".pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        String keyAlg = switch (name) {
            case "ps256" -> "RSASSA-PSS";
            case "ed25519" -> "Ed25519";
            default -> "EC";
        };
        PrivateKey key = KeyFactory.getInstance(keyAlg).generatePrivate(new PKCS8EncodedKeySpec(der));
        List<X509Certificate> chain = TrustAnchors.fromPem(dir().resolve(name + ".pub"));
        CoseAlgorithm alg = switch (name) {
            case "ps256" -> CoseAlgorithm.PS256;
            case "ed25519" -> CoseAlgorithm.ED25519;
            case "es384" -> CoseAlgorithm.ES384;
            default -> CoseAlgorithm.ES256;
        };
        return CoseSigner.of(key, chain, alg);
    }

    /** The reference's test root bundle. */
    public static List<X509Certificate> testAnchors() throws IOException {
        return TrustAnchors.fromPem(SharedFiles.vectors("c2pa").resolve("test_cert_root_bundle.pem"));
    }

    public static Path testAnchorsPem() {
        return SharedFiles.vectors("c2pa").resolve("test_cert_root_bundle.pem");
    }

    /** Writes certificates as a PEM bundle (the form the reference reader takes as --trust). */
    public static Path writePem(List<X509Certificate> certs, Path file) throws Exception {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certs) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(file, pem);
        return file;
    }
}
