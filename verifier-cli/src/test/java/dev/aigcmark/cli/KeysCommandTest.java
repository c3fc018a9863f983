package dev.aigcmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aigcmark.core.report.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** aigc keys: identity creation with owner-only files, show without secrets, export and import between homes. */
class KeysCommandTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path dir;

    @Test
    void initCreatesAnOwnerOnlyDevelopmentIdentityOnceAndSaysWhere() throws Exception {
        Path home = dir.resolve("home");
        CliRun first = CliRun.run("keys", "init", "--home", home.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("created identity").contains(home.toAbsolutePath().toString())
                .contains("development identity, not trusted");

        List<Path> all;
        try (Stream<Path> s = Files.walk(home)) {
            all = s.toList();
        }
        assertThat(all).hasSizeGreaterThan(2);
        for (Path p : all) {
            assertThat(Files.getPosixFilePermissions(p)).as(p + " must be readable by the owner only")
                    .doesNotContainAnyElementsOf(GROUP_OR_OTHER);
        }

        CliRun again = CliRun.run("keys", "init", "--home", home.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already present");
    }

    @Test
    void showNamesKeysAndCertificatesButNoPrivateKey() throws Exception {
        Path home = dir.resolve("home");
        assertThat(CliRun.run("keys", "init", "--home", home.toString()).exitCode()).isZero();
        CliRun r = CliRun.run("keys", "show", "--home", home.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("SM2_SM3").contains("ECDSA_P256_SHA256").contains("expires")
                .contains("development identity, not trusted").contains("generation service");
        CliRun json = CliRun.run("keys", "show", "--json", "--home", home.toString());
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("labelSigner").get("algorithm").asText()).isEqualTo("SM2_SM3");

        // Nothing printed may contain key material from the home folder's private key files.
        for (Path p : Files.list(home).toList()) {
            String content = Files.readString(p, StandardCharsets.ISO_8859_1);
            if (content.contains("PRIVATE KEY")) {
                String body = content.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                assertThat(r.out() + json.out()).doesNotContain(body.substring(10, 40));
            }
        }
    }

    @Test
    void showWithoutIdentityTellsHowToCreateOne() {
        CliRun r = CliRun.run("keys", "show", "--home", dir.resolve("empty").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).contains("aigc keys init");
        assertThat(Files.exists(dir.resolve("empty/identity.json"))).as("show never creates keys").isFalse();
    }

    @Test
    void exportThenImportMakesAnotherHomeRecogniseThePlatform() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(CliRun.run("keys", "init", "--home", a.toString()).exitCode()).isZero();
        CliRun stdout = CliRun.run("keys", "export", "--home", a.toString());
        assertThat(stdout.exitCode()).isZero();
        JsonNode registry = new ObjectMapper().readTree(stdout.out());
        assertThat(registry.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(registry.get("platforms")).hasSize(1);
        assertThat(stdout.out()).doesNotContain("PRIVATE KEY");

        Path file = dir.resolve("a.json");
        assertThat(CliRun.run("keys", "export", "-o", file.toString(), "--home", a.toString()).exitCode()).isZero();
        CliRun imported = CliRun.run("keys", "import", file.toString(), "--home", b.toString());
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 1 platform").contains("never TRUSTED");
        assertThat(Files.readString(b.resolve("trust-registry.json")))
                .contains(registry.get("platforms").get(0).get("id").asText());

        // What a marks is recognised in b: the signer is named, and still only VALID (development).
        Path md = dir.resolve("n.md");
        Files.writeString(md, "# Note\n\nText.\n");
        Path out = dir.resolve("n.marked.md");
        assertThat(CliRun.run("mark", md.toString(), "-o", out.toString(), "--home", a.toString()).exitCode()).isZero();
        CliRun verify = CliRun.run("verify", "--json", out.toString(), "--home", b.toString());
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(new ObjectMapper().readTree(verify.out()).get("reports").get(0).get("state").asText()).isEqualTo("VALID");
    }

    @Test
    void importOfAMalformedRegistryIsUnreadable() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\":1,\"platforms\":[{\"id\":");
        CliRun r = CliRun.run("keys", "import", bad.toString(), "--home", dir.resolve("h").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).startsWith("aigc: ").contains("bad.json");
        assertThat(r.err()).doesNotContain("at dev.aigcmark");
    }

    @Test
    void trustOptionNamesTheSignerWithoutImporting() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path md = dir.resolve("n.md");
        Files.writeString(md, "# Note\n\nText.\n");
        Path out = dir.resolve("n.marked.md");
        assertThat(CliRun.run("mark", md.toString(), "-o", out.toString(), "--home", a.toString()).exitCode()).isZero();
        Path registry = dir.resolve("a.json");
        assertThat(CliRun.run("keys", "export", "-o", registry.toString(), "--home", a.toString()).exitCode()).isZero();
        String id = new ObjectMapper().readTree(registry.toFile()).get("platforms").get(0).get("id").asText();

        String unknown = CliRun.run("verify", out.toString(), "--home", b.toString()).out();
        String known = CliRun.run("verify", out.toString(), "--trust", registry.toString(), "--home", b.toString()).out();
        assertThat(unknown).doesNotContain(id);
        assertThat(known).contains(id);
        assertThat(Files.exists(b.resolve("identity.json"))).as("verifying never creates keys").isFalse();

        CliRun badTrust = CliRun.run("verify", out.toString(), "--trust", md.toString(), "--home", b.toString());
        assertThat(badTrust.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(badTrust.err()).contains("--trust");
        CliRun badAnchors = CliRun.run("verify", out.toString(), "--anchors", dir.resolve("none.pem").toString(),
                "--home", b.toString());
        assertThat(badAnchors.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(badAnchors.err()).contains("--anchors");
    }

    @Test
    void aPlatformRotatesThenRevokesItsOldLabelKeyAndShowSaysSo() throws Exception {
        Path home = dir.resolve("platform");
        assertThat(CliRun.run("keys", "init", "--home", home.toString(), "--platform", "Example Video",
                "--producer", "001191110102MACQD9K64010000", "--algorithm", "p256").exitCode()).isZero();
        CliRun rotated = CliRun.run("keys", "rotate", "--home", home.toString());
        assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
        JsonNode shown = new ObjectMapper().readTree(CliRun.run("keys", "show", "--json", "--home", home.toString()).out());
        assertThat(shown.get("development").asBoolean()).isFalse();
        String previous = shown.get("previousLabelKeys").get(0).asText();
        CliRun current = CliRun.run("keys", "revoke", shown.get("labelSigner").get("publicKeySha256").asText(),
                "--home", home.toString());
        assertThat(current.exitCode()).as("the current key cannot be revoked").isEqualTo(ExitCodes.USAGE);
        assertThat(current.err()).contains("rotate first");
        CliRun revoked = CliRun.run("keys", "revoke", previous, "--reason", "laptop lost", "--home", home.toString());
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(CliRun.run("keys", "show", "--home", home.toString()).out())
                .contains("revoked key:   " + previous).contains("laptop lost");
        Path entry = dir.resolve("entry.json");
        assertThat(CliRun.run("keys", "export", "-o", entry.toString(), "--home", home.toString()).exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(entry.toFile()).get("platforms").get(0).get("revokedKeys")).hasSize(1);
    }

    /**
     * Issue 13: the watermark key rotates with the label key. A mark made with key 1 before the rotation and one made
     * with key 2 after it are both the platform's (key 1's as retired, an informational code); once key 1 is revoked,
     * its mark is no longer TRUSTED (wm.issuer.revoked) while key 2's still is.
     */
    @Test
    void watermarkKeysRotateAndARevokedKeysMarkIsNoLongerTrusted() throws Exception {
        Path home = dir.resolve("platform");
        Path verifier = dir.resolve("verifier");
        assertThat(CliRun.run("keys", "init", "--home", home.toString(), "--platform", "Example Text",
                "--producer", "001191110102MACQD9K64010000", "--algorithm", "ed25519").exitCode()).isZero();
        Path md = dir.resolve("n.md");
        Files.writeString(md, "# Note\n\nA paragraph long enough to carry the invisible text mark, twice over.\n");
        Path first = dir.resolve("first.md");
        Path second = dir.resolve("second.md");
        assertThat(CliRun.run("mark", md.toString(), "-o", first.toString(), "--home", home.toString()).exitCode()).isZero();
        String key1 = new ObjectMapper().readTree(CliRun.run("keys", "show", "--json", "--home", home.toString()).out())
                .get("watermarkKey").asText();
        CliRun rotated = CliRun.run("keys", "rotate", "--home", home.toString());
        assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
        assertThat(rotated.out()).contains("new watermark key");
        assertThat(CliRun.run("mark", md.toString(), "-o", second.toString(), "--home", home.toString()).exitCode()).isZero();
        JsonNode shown = new ObjectMapper().readTree(CliRun.run("keys", "show", "--json", "--home", home.toString()).out());
        assertThat(shown.get("watermarkKey").asText()).isNotEqualTo(key1);
        assertThat(shown.get("retiredWatermarkKeys").get(0).asText()).startsWith(key1);

        Path entry = dir.resolve("entry.json");
        assertThat(CliRun.run("keys", "export", "-o", entry.toString(), "--home", home.toString()).exitCode()).isZero();
        JsonNode before = watermark(first, entry, verifier);
        assertThat(before.get("state").asText()).isEqualTo("TRUSTED");
        assertThat(before.get("issuerKey").asText()).isEqualTo("retired");
        assertThat(codes(before)).contains("wm.issuer.trusted", "wm.issuer.key.retired");
        JsonNode current = watermark(second, entry, verifier);
        assertThat(current.get("state").asText()).isEqualTo("TRUSTED");
        assertThat(current.get("issuerKey").asText()).isEqualTo("current");
        assertThat(codes(current)).contains("wm.issuer.trusted").doesNotContain("wm.issuer.key.retired");
        assertThat(current.get("signer").asText()).isEqualTo(before.get("signer").asText()).isEqualTo("Example Text");

        CliRun revoked = CliRun.run("keys", "revoke", key1, "--reason", "leaked", "--home", home.toString());
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("revoked watermark key " + key1);
        assertThat(CliRun.run("keys", "show", "--home", home.toString()).out())
                .contains("revoked watermark key: " + key1).contains("leaked");
        assertThat(CliRun.run("keys", "export", "-o", entry.toString(), "--home", home.toString()).exitCode()).isZero();
        JsonNode after = watermark(first, entry, verifier);
        assertThat(after.get("state").asText()).isEqualTo("INVALID");
        assertThat(after.get("issuerKey").asText()).isEqualTo("revoked");
        assertThat(codes(after)).contains("wm.issuer.revoked").doesNotContain("wm.issuer.trusted");
        assertThat(watermark(second, entry, verifier).get("state").asText()).isEqualTo("TRUSTED");
    }

    /** The watermark finding of {@code file} as verified with only {@code entry} in the registry. */
    private static JsonNode watermark(Path file, Path entry, Path home) throws Exception {
        CliRun r = CliRun.run("verify", "--json", file.toString(), "--trust", entry.toString(), "--home", home.toString());
        for (JsonNode mark : new ObjectMapper().readTree(r.out()).get("reports").get(0).get("marks")) {
            if (mark.get("kind").asText().equals("watermark")) {
                return mark;
            }
        }
        throw new AssertionError("no watermark found: " + r);
    }

    private static List<String> codes(JsonNode mark) {
        List<String> codes = new ArrayList<>();
        mark.get("status").forEach(s -> codes.add(s.get("code").asText()));
        return codes;
    }
}
