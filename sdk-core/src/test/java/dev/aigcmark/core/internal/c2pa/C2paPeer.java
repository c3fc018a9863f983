package dev.aigcmark.core.internal.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.testing.ExternalTools;
import dev.aigcmark.testing.SharedFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The C2PA reference reader (c2pa-rs as WebAssembly under Node) for interop tests. Found at the system
 * property {@code aigc.c2pa.peer} or environment variable {@code AIGC_C2PA_PEER} (where CI ran {@code npm ci}),
 * else at {@code /tmp/c2pa-peer}; else installed once with npm from {@code shared/tools/c2pa-peer} into a
 * temporary folder. Without node (or npm failing) tests skip locally and fail in CI.
 */
public final class C2paPeer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path installed;

    private C2paPeer() {
    }

    /** The folder holding read.mjs and node_modules, or a skipped test. */
    public static synchronized Path require() {
        ExternalTools.assumeTool("node");
        for (String candidate : candidates()) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("node_modules/@contentauth/c2pa-wasm")) && Files.exists(p.resolve("read.mjs"))) {
                return p;
            }
        }
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    private static List<String> candidates() {
        List<String> list = new ArrayList<>();
        if (System.getProperty("aigc.c2pa.peer") != null) {
            list.add(System.getProperty("aigc.c2pa.peer"));
        }
        if (System.getenv("AIGC_C2PA_PEER") != null) {
            list.add(System.getenv("AIGC_C2PA_PEER"));
        }
        list.add("/tmp/c2pa-peer");
        list.add(System.getProperty("java.io.tmpdir") + "/aigc-c2pa-peer");
        return list;
    }

    private static Path install() {
        ExternalTools.assumeTool("npm");
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "aigc-c2pa-peer");
            Path src = SharedFiles.dir().resolve("tools/c2pa-peer");
            copyFiles(src, dir);
            copyFiles(src.resolve("certs"), dir.resolve("certs"));
            ExternalTools.Result r = ExternalTools.run(List.of("sh", "-c", "npm ci --no-audit --no-fund || npm install --no-audit --no-fund"), dir, 600);
            boolean ok = r.exitCode() == 0 && Files.isDirectory(dir.resolve("node_modules/@contentauth/c2pa-wasm"));
            if (!ok && "true".equals(System.getenv("CI"))) {
                throw new AssertionError("cannot install the C2PA reference reader: " + r.stderr());
            }
            Assumptions.assumeTrue(ok, "the C2PA reference reader could not be installed with npm: " + r.stderr());
            return dir;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the C2PA reference reader", e);
        }
    }

    /**
     * The reference's verdict on {@code file}: {@code validation_state}, {@code validation_results}..., or its
     * refusal as {@code {"error": ...}}.
     */
    public static JsonNode read(Path file, Path trustPem) throws IOException {
        Path dir = require();
        List<String> cmd = new ArrayList<>(List.of("node", "read.mjs"));
        if (trustPem != null) {
            cmd.add("--trust");
            cmd.add(trustPem.toAbsolutePath().toString());
        }
        cmd.add("--full");
        cmd.add(file.toAbsolutePath().toString());
        ExternalTools.Result r = ExternalTools.run(cmd, dir, 120).requireSuccess();
        return JSON.readTree(r.stdout());
    }

    /**
     * Runs a script of ours with the reference's node modules: it is copied into the reader's folder (module
     * resolution starts beside the script) and run there. Returns stdout; fails with stderr.
     */
    public static String runScript(Path script, List<String> args) throws IOException {
        Path dir = require();
        Path target = dir.resolve(script.getFileName());
        Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = new ArrayList<>(List.of("node", target.getFileName().toString()));
        cmd.addAll(args);
        return ExternalTools.run(cmd, dir, 120).requireSuccess().stdout();
    }

    /**
     * Signs {@code in} into {@code out} with the reference builder ({@code sign.mjs}: ES256, the c2pa-rs test
     * signer, an AI-generated {@code c2pa.created} manifest), {@code mime} telling it the format.
     */
    public static void sign(Path in, Path out, String mime) {
        Path peer = require();
        withTestKeys(peer);
        ExternalTools.run(List.of("node", "sign.mjs", in.toAbsolutePath().toString(), out.toAbsolutePath().toString(),
                "es256", "manifest-ai.json", mime), peer, 120).requireSuccess();
    }

    /**
     * sign.mjs signs with the reference's test keys in its {@code certs/}: copied from ../shared when the peer lacks
     * them (an install made before certs/ was copied); without ../shared the calling test skips.
     */
    private static synchronized void withTestKeys(Path peer) {
        if (Files.isRegularFile(peer.resolve("certs/es256.pem"))) {
            return;
        }
        try {
            copyFiles(TestKeys.dir(), peer.resolve("certs"));
        } catch (IOException e) {
            throw new AssertionError("cannot give the C2PA reference its test keys", e);
        }
    }

    /** The plain files of {@code from} into {@code to} (made writable, as the shared originals are read-only). */
    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    to.resolve(f.getFileName()).toFile().setWritable(true);
                }
            }
        }
    }

    public static List<String> activeFailures(JsonNode verdict) {
        List<String> out = new ArrayList<>();
        verdict.path("validation_results").path("activeManifest").path("failure").forEach(n -> out.add(n.path("code").asText()));
        return out;
    }

    public static List<String> allFailures(JsonNode verdict) {
        List<String> out = activeFailures(verdict);
        verdict.path("validation_results").path("ingredientDeltas")
                .forEach(d -> d.path("validationDeltas").path("failure").forEach(n -> out.add(n.path("code").asText())));
        return out;
    }
}
