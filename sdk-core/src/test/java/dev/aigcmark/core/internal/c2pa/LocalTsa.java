package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.testing.TestSeed;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** An RFC 3161 time-stamp authority on localhost (BouncyCastle), so the TSA path is tested offline. */
final class LocalTsa implements AutoCloseable {
    /** TSAs made so far in this JVM: each one's keys and serial from its own seeded stream. */
    private static final AtomicInteger made = new AtomicInteger();
    private final HttpServer server;
    private final X509Certificate certificate;
    private int requests;

    LocalTsa() throws Exception {
        this(true);
    }

    /** {@code profileConforming} false leaves out the key identifiers the C2PA certificate profile requires. */
    LocalTsa(boolean profileConforming) throws Exception {
        this(profileConforming, Date::new);
    }

    /** A TSA whose tokens say {@code clock}'s time (a past time, to stamp a signature made back then). */
    LocalTsa(boolean profileConforming, Supplier<Date> clock) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        SecureRandom random = TestSeed.secureRandom("LocalTsa#" + made.getAndIncrement());
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=AIGC Mark test TSA");
        Date from = new Date(System.currentTimeMillis() - 86_400_000L * 30);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L * 365);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, random), from, to,
                name, kp.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        if (profileConforming) {
            // The reference holds a TSA certificate to the signing-certificate profile: key identifiers required.
            builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(kp.getPublic()));
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
        this.certificate = cert;
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", kp.getPrivate(), cert),
                new JcaDigestCalculatorProviderBuilder().build().get(
                        new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                new ASN1ObjectIdentifier("1.2.3.4.5"));
        tokens.addCertificates(new JcaCertStore(List.of(cert)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                TimeStampRequest req = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                TimeStampResponse resp = responses.generate(req, BigInteger.valueOf(++requests), clock.get());
                byte[] body = resp.getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The TSA's (self-signed) certificate, to configure as a TSA anchor. */
    X509Certificate certificate() {
        return certificate;
    }

    int requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
