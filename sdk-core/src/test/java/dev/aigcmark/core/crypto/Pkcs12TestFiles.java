package dev.aigcmark.core.crypto;

import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Writes PKCS#12 stores the way {@code openssl pkcs12 -export} does (PBES2/AES-256-CBC, 2048 iterations, a
 * SHA-256 MAC). BouncyCastle's KeyStore writes with far higher iteration counts, which costs seconds per test
 * on a loaded machine without testing anything more.
 */
public final class Pkcs12TestFiles {

    private Pkcs12TestFiles() {
    }

    public static Path write(Path file, String alias, KeyPair keys, List<X509Certificate> chain, char[] password)
            throws Exception {
        var keyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic());
        PKCS12SafeBag[] certBags = new PKCS12SafeBag[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
            if (i == 0) {
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, keyId);
            }
            certBags[i] = bag.build();
        }
        PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(keys.getPrivate(), encryptor(password));
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, keyId);

        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        pfx.addEncryptedData(encryptor(password), certBags);
        pfx.addData(keyBag.build());
        byte[] der = pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(BouncyCastle.provider())
                .setIterationCount(2048), password).getEncoded("DER");
        return Files.write(file, der);
    }

    private static OutputEncryptor encryptor(char[] password) throws Exception {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BouncyCastle.provider()).setIterationCount(2048).build(password);
    }
}
