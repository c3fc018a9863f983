package dev.aigcmark.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Receives the files of a request into its ticket's folder: a raw body (the file itself, named by the {@code name}
 * parameter) or {@code multipart/form-data} (every part with a file name is a file, the other parts are
 * parameters). The body is streamed to disk, never held in memory, and counted as it arrives: over the size limit
 * it is refused at once (before a byte is read when the client declares its length), and a body that does not
 * arrive within the upload timeout is refused too. Multipart bodies are spooled first and then split by Jetty's
 * parser in the same folder, so one limit and one clean-up cover both forms.
 */
final class Uploads {
    private static final int BUFFER = 64 * 1024;
    /** Form fields are small; larger non-file parts are refused rather than buffered. */
    private static final long MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_PARTS = 100;

    /** One received file: where it is and the name the client gave it (for reports and the response). */
    record Upload(Path file, String name, long size) {
    }

    private Uploads() {
    }

    /**
     * The request's files, with any form fields added to {@code params}.
     *
     * @throws ApiException 413 over {@code maxBytes}, 408 when the body is late, 400 when malformed or empty
     */
    static List<Upload> receive(Request request, Params params, Path folder, long maxBytes, Duration timeout)
            throws ApiException, IOException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean multipart = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        String rawName = multipart ? null : safeName(params.string("name").orElse(null));
        Path body = folder.resolve(multipart ? "body" : fileName(0, rawName));
        long size = spool(request, body, maxBytes, timeout);
        if (!multipart) {
            if (size == 0) {
                throw ApiException.badRequest("the request has no body: send the file as the body, or as a "
                        + "multipart/form-data part named 'file'");
            }
            return List.of(new Upload(body, rawName, size));
        }
        List<Upload> files = split(body, contentType, params, folder, maxBytes);
        Files.deleteIfExists(body);
        if (files.isEmpty()) {
            throw ApiException.badRequest("the form has no file: add a part with a file name (e.g. field 'file')");
        }
        return files;
    }

    private static long spool(Request request, Path target, long maxBytes, Duration timeout) throws ApiException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Content.Source.asInputStream(request); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = read(in, buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new ApiException(408, "request.timeout", "the request body did not arrive within "
                            + timeout.toSeconds() + " s");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** A read whose failure says whether the client stalled (408) or went away (the answer will not arrive). */
    private static int read(InputStream in, byte[] buffer) throws ApiException {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            if (causedBy(e, TimeoutException.class)) {
                throw new ApiException(408, "request.timeout", "the client stopped sending the request body", null, e);
            }
            throw new ApiException(400, "request.aborted", "the request body could not be read: "
                    + e.getClass().getSimpleName(), null, e);
        }
    }

    private static List<Upload> split(Path body, String contentType, Params params, Path folder, long maxBytes)
            throws ApiException, IOException {
        MultiPartConfig config = new MultiPartConfig.Builder().location(folder).maxParts(MAX_PARTS)
                .maxSize(maxBytes).maxPartSize(maxBytes).maxMemoryPartSize(MAX_FIELD_BYTES)
                .useFilesForPartsWithoutFileName(false).build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(Content.Source.from(body), new Attributes.Mapped(), contentType, config);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the multipart form cannot be read: " + rootMessage(e));
        }
        try (parts) {
            List<Upload> files = new ArrayList<>();
            for (MultiPart.Part part : parts) {
                if (part.getFileName() == null) {
                    if (part.getLength() > MAX_FIELD_BYTES) {
                        throw ApiException.badRequest("form field '" + part.getName() + "' is over 64 KB; "
                                + "files need a file name in their part");
                    }
                    params.add(part.getName(), part.getContentAsString(StandardCharsets.UTF_8));
                    continue;
                }
                String name = safeName(part.getFileName());
                Path file = folder.resolve(fileName(files.size(), name));
                part.writeTo(file);
                files.add(new Upload(file, name, Files.size(file)));
            }
            return files;
        }
    }

    /**
     * The client's file name as reports show it: its last path segment, control characters removed, at most
     * 200 characters. It is never used as a path (files on disk have our own names).
     */
    static String safeName(String given) {
        if (given == null) {
            return "upload";
        }
        String s = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        s = s.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (s.length() > 200) {
            s = s.substring(0, 200);
        }
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "upload" : s;
    }

    /**
     * Our name for the i-th file on disk, keeping the client's extension: some formats are told apart by it
     * (Markdown from plain text), as they are when the CLI reads a file.
     */
    static String fileName(int index, String clientName) {
        int dot = clientName.lastIndexOf('.');
        String ext = dot > 0 ? clientName.substring(dot + 1) : "";
        return "upload-" + index + (ext.matches("[A-Za-z0-9]{1,10}") ? "." + ext : "");
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "request.tooLarge", "the request is larger than the limit of " + maxBytes
                + " bytes");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
