package dev.aigcmark.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A multipart/form-data body for the JDK client (which has no builder for one): files and fields. */
final class Multipart {
    private static final String BOUNDARY = "aigc-test-boundary-7MA4YWxkTrZu0gW";
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, String> fields = new LinkedHashMap<>();

    Multipart file(String field, Path file) throws IOException {
        return file(field, file.getFileName().toString(), Files.readAllBytes(file));
    }

    Multipart file(String field, String name, byte[] content) throws IOException {
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Multipart field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    HttpRequest.BodyPublisher publisher() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            all.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeTo(all);
        all.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
    }
}
