package dev.aigcmark.core.crypto;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM reading and writing through BouncyCastle: private keys as PKCS#8 ({@code PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}) or encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}); public keys; certificates.
 * Certificates are parsed by BouncyCastle because the JDK cannot parse SM2 certificates. Inputs are bounded.
 */
public final class Pem {

    /** Larger than any real key file or certificate bundle (a CA bundle of ~150 roots is ~250 KB). */
    public static final int MAX_PEM_CHARS = 1 << 20;
    private static final int MAX_OBJECTS = 512;

    private Pem() {
    }

    /** Reads a PEM file whole, refusing anything larger than {@link #MAX_PEM_CHARS}. */
    public static String readFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_PEM_CHARS) {
            throw new IOException(file + " has " + size + " bytes; a PEM key or certificate file is at most "
                    + MAX_PEM_CHARS);
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** Every PEM object in {@code text}, as BouncyCastle's parser classes ({@link PEMParser}). */
    static List<Object> readObjects(String text) throws IOException {
        if (text.length() > MAX_PEM_CHARS) {
            throw new IOException("PEM text has " + text.length() + " characters, more than " + MAX_PEM_CHARS);
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (objects.size() == MAX_OBJECTS) {
                    throw new IOException("PEM text holds more than " + MAX_OBJECTS + " objects");
                }
                objects.add(o);
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // BouncyCastle signals corrupt base64/DER with unchecked exceptions.
            throw new IOException("malformed PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    /** The first private key in {@code text}; {@code password} is needed only for encrypted keys. */
    public static PrivateKey readPrivateKey(String text, char[] password) throws IOException {
        for (Object o : readObjects(text)) {
            PrivateKey key = toPrivateKey(o, password);
            if (key != null) {
                return key;
            }
        }
        throw new IOException("no private key found (expected PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
    }

    /** Converts one parsed PEM object to a private key, or null when it is not a key. */
    static PrivateKey toPrivateKey(Object o, char[] password) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
        try {
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                requirePassword(password);
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password)));
            }
            if (o instanceof PEMEncryptedKeyPair legacy) {
                requirePassword(password);
                return converter.getPrivateKey(legacy.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password))
                        .getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read the private key (wrong password or corrupt key): " + e.getMessage(), e);
        }
        return null;
    }

    private static void requirePassword(char[] password) throws IOException {
        if (password == null) {
            throw new IOException("the private key is encrypted; a password is required");
        }
    }

    /** Every certificate in {@code text}, in file order. */
    public static List<X509Certificate> readCertificates(String text) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object o : readObjects(text)) {
            if (o instanceof X509CertificateHolder holder) {
                certificates.add(certificateFromDer(holder.getEncoded()));
            }
        }
        return certificates;
    }

    /** The first public key in {@code text} ({@code PUBLIC KEY}, or the key of the first certificate). */
    public static PublicKey readPublicKey(String text) throws IOException {
        for (Object o : readObjects(text)) {
            try {
                if (o instanceof SubjectPublicKeyInfo spki) {
                    return Keys.publicKeyFromSpki(spki.getEncoded());
                }
                if (o instanceof X509CertificateHolder holder) {
                    return Keys.publicKeyFromSpki(holder.getSubjectPublicKeyInfo().getEncoded());
                }
            } catch (InvalidKeyException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("no public key found (expected PUBLIC KEY or CERTIFICATE)");
    }

    /** Parses one DER certificate with BouncyCastle (SM2 certificates included). */
    public static X509Certificate certificateFromDer(byte[] der) throws IOException {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", BouncyCastle.provider())
                    .generateCertificate(new ByteArrayInputStream(der));
            // BouncyCastle returns null, not an exception, for a subject key it cannot parse; every use of a
            // certificate here needs that key, so such a certificate is refused where it is read.
            if (certificate.getPublicKey() == null) {
                throw new IOException("the certificate's public key cannot be read (unknown algorithm or damaged)");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new IOException("not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** An unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String write(PrivateKey key) {
        try {
            return writeObject(new PemObject("PRIVATE KEY", pkcs8v1(key).getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    /**
     * The key as a version-1 PKCS#8 structure. BouncyCastle encodes Ed25519 keys as version 2 (with the public key
     * attached), which OpenSSL 3.0 refuses to read; the public key is derived again on loading anyway.
     */
    private static PrivateKeyInfo pkcs8v1(PrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!info.hasPublicKey()) {
            return info;
        }
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey(), info.getAttributes());
    }

    /** An encrypted PKCS#8 {@code ENCRYPTED PRIVATE KEY} block (AES-256-CBC, PBKDF2). */
    public static String write(PrivateKey key, char[] password) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(BouncyCastle.provider()).setPassword(password).build();
            return writeObject(new PKCS8Generator(pkcs8v1(key), encryptor).generate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot encrypt the private key: " + e.getMessage(), e);
        }
    }

    /** A {@code PUBLIC KEY} block (SubjectPublicKeyInfo). */
    public static String write(PublicKey key) {
        return writeObject(new PemObject("PUBLIC KEY", key.getEncoded()));
    }

    /** {@code CERTIFICATE} blocks, in the given order. */
    public static String write(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                sb.append(writeObject(new PemObject("CERTIFICATE", c.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return sb.toString();
    }

    private static String writeObject(PemObjectGenerator object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory failed", e);
        }
        return out.toString();
    }
}
