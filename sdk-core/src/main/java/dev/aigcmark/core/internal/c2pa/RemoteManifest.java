package dev.aigcmark.core.internal.c2pa;

import dev.aigcmark.core.SdkContext;
import dev.aigcmark.core.spi.Carrier;
import dev.aigcmark.core.spi.CarrierType;
import dev.aigcmark.core.spi.Container;
import dev.aigcmark.core.internal.xmp.XmpException;
import dev.aigcmark.core.internal.xmp.XmpPacket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A manifest store referenced, not embedded: XMP {@code dcterms:provenance} holds its URL. Offline (the
 * default) it is never fetched and the asset's provenance is {@code manifest.inaccessible}: a claim of
 * Content Credentials nobody could check. With {@link SdkContext#fetchRemoteManifests()} it is fetched once,
 * over http(s) only, within {@link #TIMEOUT} and {@code ReadLimits.maxMetadataBytes}.
 */
public final class RemoteManifest {
    static final String DCTERMS = "http://purl.org/dc/terms/";
    static final String PROVENANCE = "provenance";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private RemoteManifest() {
    }

    /** The URL in the first XMP packet's {@code dcterms:provenance}, if any. */
    public static Optional<String> url(Container container, SdkContext context) {
        for (Carrier xmp : container.carriers(CarrierType.XMP)) {
            try {
                Optional<String> url = XmpPacket.parse(xmp.data(), context.limits()).properties().stream()
                        .filter(p -> DCTERMS.equals(p.namespace()) && PROVENANCE.equals(p.name()))
                        .map(p -> p.value().strip()).filter(v -> !v.isEmpty()).findFirst();
                if (url.isPresent()) {
                    return url;
                }
            } catch (XmpException e) {
                // an unreadable packet is another codec's finding; it names no manifest here
            }
        }
        return Optional.empty();
    }

    /** Fetches the store at {@code url} as a carrier located "remote URL". */
    static Carrier fetch(String url, int maxBytes) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("only http(s) manifests are fetched, not " + uri.getScheme());
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/c2pa").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                return new Carrier(CarrierType.JUMBF, "remote " + url, -1, -1, bounded(in, maxBytes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static byte[] bounded(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > maxBytes) {
                throw new IOException("remote manifest over the limit of " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
