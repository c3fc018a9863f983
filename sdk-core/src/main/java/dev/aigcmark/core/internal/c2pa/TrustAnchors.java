package dev.aigcmark.core.internal.c2pa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** C2PA trust anchors from PEM bundles (the C2PA trust list, a test root, a platform's CA). */
public final class TrustAnchors {
    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private TrustAnchors() {
    }

    public static List<X509Certificate> fromPem(Path file) throws IOException {
        return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** Every certificate in the text; text between certificates (comments, labels) is ignored. */
    public static List<X509Certificate> fromPem(String pem) throws IOException {
        List<X509Certificate> list = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Matcher m = PEM.matcher(pem);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                Certificate c = cf.generateCertificate(new ByteArrayInputStream(der));
                list.add((X509Certificate) c);
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IOException("unreadable certificate in PEM bundle: " + e.getMessage(), e);
        }
        return list;
    }
}
