package dev.aigcmark.text.internal.format;

import dev.aigcmark.testing.TestSeed;
import dev.aigcmark.core.io.MediaInput;
import dev.aigcmark.core.spi.ContentEdit;
import dev.aigcmark.core.spi.LabelEdit;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.text.PdfSamples;
import dev.aigcmark.text.TextTesting;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A digitally signed PDF stays signed: marking appends an update after the signed revision. */
class SignedPdfTest {

    @Test
    void marksAppendAfterTheSignedRevisionAndTheSignatureStillVerifies(@TempDir Path dir) throws Exception {
        byte[] signed = sign(PdfSamples.prose(1, 0));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        PdfHandler handler = new PdfHandler();
        handler.markContent(MediaInput.of(signed, "s.pdf"), content,
                new ContentEdit("AI生成", "start", TextTesting.payload(0x0A1B, 5), null), TextTesting.context());
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        handler.writeLabel(MediaInput.of(content.toByteArray(), "s.pdf"), marked,
                new LabelEdit(TextTesting.label("signed-1"), null), TextTesting.context());
        byte[] out = marked.toByteArray();

        assertThat(Arrays.copyOf(out, signed.length)).isEqualTo(signed);
        try (PDDocument doc = Loader.loadPDF(out)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(1);
            PDSignature sig = signatures.get(0);
            int[] range = sig.getByteRange();
            assertThat((long) range[2] + range[3]).as("the signature covers the original revision only").isEqualTo(signed.length);
            // /Contents is zero-padded after the DER: read just the first object.
            ContentInfo info;
            try (ASN1InputStream asn1 = new ASN1InputStream(sig.getContents(out))) {
                info = ContentInfo.getInstance(asn1.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(sig.getSignedContent(out)), info);
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates().getMatches(signer.getSID()).iterator().next();
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
        }
        ExternalTools.assumeTool("pdfsig");
        Path file = dir.resolve("marked.pdf");
        Files.write(file, out);
        String report = ExternalTools.run("pdfsig", file.toString()).stdout();
        assertThat(report).contains("Signature is Valid");
    }

    /** Signs a PDF (adbe.pkcs7.detached, ECDSA P-256, self-signed certificate) with PDFBox and BouncyCastle. */
    static byte[] sign(byte[] pdf) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256, TestSeed.secureRandom("SignedPdfTest.keys"));
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=Test Signer");
        ContentSigner selfSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        Date now = new Date();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now.getTime() - 60_000),
                        new Date(now.getTime() + 86_400_000L), name, keys.getPublic()).build(selfSigner));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            sig.setName("Test Signer");
            sig.setSignDate(Calendar.getInstance());
            doc.addSignature(sig, content -> {
                try {
                    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
                    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .build(signer, cert));
                    gen.addCertificates(new JcaCertStore(List.of(cert)));
                    return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }
}
