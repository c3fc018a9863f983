package dev.aigcmark.core.crypto;

import org.bouncycastle.cert.X509CertificateHolder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A private key with its public key and certificate chain (leaf first, as found: a root is kept if the file has
 * it), loaded from PEM or PKCS#12. {@link #toString()} never shows the private key.
 */
public record KeyMaterial(PrivateKey privateKey, PublicKey publicKey, List<X509Certificate> certificateChain) {

    /** PKCS#12 stores larger than this are refused before parsing (real ones are a few KB). */
    public static final int MAX_PKCS12_BYTES = 1 << 20;

    public KeyMaterial {
        certificateChain = List.copyOf(certificateChain);
    }

    /** Key material from a private key alone: the public key is derived, the chain is empty. */
    public static KeyMaterial of(PrivateKey privateKey, List<X509Certificate> chain) throws InvalidKeyException {
        PrivateKey key = Keys.toBc(privateKey);
        PublicKey publicKey = Keys.publicKeyOf(key);
        return new KeyMaterial(key, publicKey, orderChain(chain, publicKey));
    }

    /** One PEM file holding a private key and, optionally, its certificates (any order). */
    public static KeyMaterial fromPem(Path file, char[] password) throws IOException {
        try {
            return fromPem(Pem.readFile(file), password, file.toString());
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A private key file and a separate certificate chain file (leaf first or any order). */
    public static KeyMaterial fromPem(Path keyFile, Path certificateFile, char[] password) throws IOException {
        PrivateKey key;
        List<X509Certificate> chain;
        try {
            key = Pem.readPrivateKey(Pem.readFile(keyFile), password);
        } catch (IOException e) {
            throw new IOException(keyFile + ": " + e.getMessage(), e);
        }
        try {
            chain = Pem.readCertificates(Pem.readFile(certificateFile));
        } catch (IOException e) {
            throw new IOException(certificateFile + ": " + e.getMessage(), e);
        }
        return build(key, chain, keyFile + " with " + certificateFile);
    }

    /** PEM text holding a private key and, optionally, its certificates. */
    public static KeyMaterial fromPem(String pem, char[] password, String source) throws IOException {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        for (Object o : Pem.readObjects(pem)) {
            if (o instanceof X509CertificateHolder holder) {
                chain.add(Pem.certificateFromDer(holder.getEncoded()));
            } else if (key == null) {
                key = Pem.toPrivateKey(o, password);
            }
        }
        if (key == null) {
            throw new IOException(source + ": no private key found (expected PRIVATE KEY, EC PRIVATE KEY or "
                    + "ENCRYPTED PRIVATE KEY)");
        }
        return build(key, chain, source);
    }

    /** A PKCS#12 store: the entry {@code alias}, or the only key entry when {@code alias} is null. */
    public static KeyMaterial fromPkcs12(Path file, char[] password, String alias) throws IOException {
        long size = Files.size(file);
        if (size > MAX_PKCS12_BYTES) {
            throw new IOException(file + " has " + size + " bytes; a PKCS#12 key store is at most " + MAX_PKCS12_BYTES);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromPkcs12(in, password, alias, file.toString());
        }
    }

    public static KeyMaterial fromPkcs12(InputStream in, char[] password, String alias, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PKCS12_BYTES + 1);
        if (bytes.length > MAX_PKCS12_BYTES) {
            throw new IOException(source + ": a PKCS#12 key store is at most " + MAX_PKCS12_BYTES + " bytes");
        }
        try {
            // BouncyCastle's PKCS12 store, because the JDK's cannot parse SM2 certificates.
            KeyStore store = KeyStore.getInstance("PKCS12", BouncyCastle.provider());
            store.load(new ByteArrayInputStream(bytes), password);
            String entry = alias != null ? alias : onlyKeyAlias(store, source);
            if (!store.isKeyEntry(entry)) {
                throw new IOException(source + ": no private key entry '" + entry + "'");
            }
            PrivateKey key = (PrivateKey) store.getKey(entry, password);
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(entry);
            for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
                chain.add(Pem.certificateFromDer(c.getEncoded()));
            }
            return build(key, chain, source);
        } catch (IOException e) {
            throw new IOException(source + ": cannot open the PKCS#12 store (wrong password or corrupt file): "
                    + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException(source + ": cannot read the PKCS#12 store: " + e.getMessage(), e);
        }
    }

    private static String onlyKeyAlias(KeyStore store, String source) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.size() != 1) {
            throw new IOException(source + ": " + keys.size() + " key entries " + keys + "; name the alias to use");
        }
        return keys.get(0);
    }

    private static KeyMaterial build(PrivateKey key, List<X509Certificate> chain, String source) throws IOException {
        try {
            KeyMaterial material = of(key, chain);
            if (!chain.isEmpty() && material.certificateChain().isEmpty()) {
                throw new IOException(source + ": none of the " + chain.size() + " certificates certifies the private key");
            }
            return material;
        } catch (InvalidKeyException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    /** The chain from the certificate of {@code publicKey} up through its issuers; unrelated certificates are dropped. */
    static List<X509Certificate> orderChain(List<X509Certificate> certificates, PublicKey publicKey) {
        List<X509Certificate> ordered = new ArrayList<>();
        X509Certificate current = certificates.stream()
                .filter(c -> Arrays.equals(c.getPublicKey().getEncoded(), publicKey.getEncoded()))
                .findFirst().orElse(null);
        while (current != null && !ordered.contains(current)) {
            ordered.add(current);
            if (current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
                break;
            }
            X509Certificate child = current;
            current = certificates.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
                    .findFirst().orElse(null);
        }
        return ordered;
    }

    /** The chain a signer presents: leaf first, without a self-signed root (verifiers hold roots as anchors). */
    public List<X509Certificate> chainWithoutRoot() {
        if (certificateChain.size() > 1) {
            X509Certificate last = certificateChain.get(certificateChain.size() - 1);
            if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
                return certificateChain.subList(0, certificateChain.size() - 1);
            }
        }
        return certificateChain;
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + Keys.algorithmOf(publicKey).map(Enum::name).orElse(publicKey.getAlgorithm())
                + ", " + certificateChain.size() + " certificate(s), private key hidden]";
    }
}
