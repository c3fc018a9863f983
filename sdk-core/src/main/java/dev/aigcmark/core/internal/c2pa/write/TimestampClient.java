package dev.aigcmark.core.internal.c2pa.write;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Asks an RFC 3161 time-stamp authority to stamp bytes (SHA-256 imprint, TSA certificate requested). */
public final class TimestampClient {
    private static final int MAX_RESPONSE = 64 << 10;

    private TimestampClient() {
    }

    /** The DER time-stamp token for {@code data}. */
    public static byte[] stamp(URI tsa, byte[] data) throws IOException {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        TimeStampRequest req = gen.generate(NISTObjectIdentifiers.id_sha256, digest, new BigInteger(64, new SecureRandom()));
        HttpURLConnection c = (HttpURLConnection) tsa.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        c.setDoOutput(true);
        c.setRequestMethod("POST");
        c.setRequestProperty("Content-Type", "application/timestamp-query");
        try (OutputStream out = c.getOutputStream()) {
            out.write(req.getEncoded());
        }
        if (c.getResponseCode() != 200) {
            throw new IOException("time-stamp authority " + tsa + " answered HTTP " + c.getResponseCode());
        }
        byte[] body;
        try (InputStream in = c.getInputStream()) {
            body = in.readNBytes(MAX_RESPONSE + 1);
        }
        if (body.length > MAX_RESPONSE) {
            throw new IOException("time-stamp response larger than " + MAX_RESPONSE + " bytes");
        }
        try {
            TimeStampResponse resp = new TimeStampResponse(body);
            resp.validate(req);
            if (resp.getTimeStampToken() == null) {
                throw new IOException("time-stamp authority refused: " + resp.getStatusString());
            }
            return resp.getTimeStampToken().getEncoded();
        } catch (TSPException e) {
            throw new IOException("invalid time-stamp response: " + e.getMessage(), e);
        }
    }
}
