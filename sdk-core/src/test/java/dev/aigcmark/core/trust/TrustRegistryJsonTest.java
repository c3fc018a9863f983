package dev.aigcmark.core.trust;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.testing.TestSeed;

import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.identity.IdentityStore;
import dev.aigcmark.core.identity.PlatformIdentity;
import dev.aigcmark.core.identity.WatermarkKey;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.internal.securitydata.SignatureCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.security.SecureRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class TrustRegistryJsonTest {
    private static final SecureRandom RANDOM = TestSeed.secureRandom("TrustRegistryJsonTest");

    private static final String CODE_A = "001191000000MA0000000N10000";

    @TempDir
    Path temp;

    private static String write(TrustRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrustRegistryJson.write(registry, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static TrustRegistry read(String json) throws IOException {
        return TrustRegistryJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private TrustedPlatform developmentEntry() throws IOException {
        Path home = temp.resolve("platform-a");
        IdentityStore.loadOrCreateDevelopment(home, Clock.systemUTC(), TestSeed.randomSource("TrustRegistryJsonTest.dev"));
        return IdentityStore.exportTrustedPlatform(home);
    }

    private static TrustedPlatform ed25519Entry() {
        PublicKey key = Keys.generate(SignatureAlgorithm.ED25519, RANDOM).getPublic();
        return new TrustedPlatform("example-text", "Example Text", List.of(), List.of(key), List.of(), Optional.empty(),
                false);
    }

    @Test
    void registryRoundTripsFieldByField() throws Exception {
        TrustedPlatform dev = developmentEntry();
        TrustRegistry registry = new TrustRegistry(List.of(dev, ed25519Entry()));

        String json = write(registry);
        TrustRegistry back = read(json);

        assertThat(write(back)).as("deterministic output").isEqualTo(json);
        assertThat(json).contains("\"schemaVersion\" : 1", "\"alg\" : \"SM2_SM3\"", "-----BEGIN CERTIFICATE-----",
                "\"development\" : true");
        assertThat(back.platforms()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            TrustedPlatform expected = registry.platforms().get(i);
            TrustedPlatform actual = back.platforms().get(i);
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.displayName()).isEqualTo(expected.displayName());
            assertThat(actual.providerCodes()).isEqualTo(expected.providerCodes());
            assertThat(actual.signingKeys()).extracting(PublicKey::getEncoded)
                    .containsExactlyElementsOf(expected.signingKeys().stream().map(PublicKey::getEncoded).toList());
            assertThat(actual.certificates()).isEqualTo(expected.certificates());
            assertThat(actual.watermarkKey()).isEqualTo(expected.watermarkKey());
            assertThat(actual.development()).isEqualTo(expected.development());
            assertThat(actual.bindsContent()).isEqualTo(expected.bindsContent());
        }
        assertThat(back.platforms().get(0).bindsContent()).as("our own identities bind their labels").isTrue();
        assertThat(back.platforms().get(1).bindsContent()).isFalse();
        assertThat(json).containsOnlyOnce("\"bindsContent\" : true");
        assertThat(back.platforms().get(0).certificates()).hasSize(3); // C2PA leaf, label leaf, root
    }

    @Test
    void bindsContentIsOptionalAndMustBeABoolean() throws Exception {
        String json = write(new TrustRegistry(List.of(ed25519Entry())));
        assertThat(json).doesNotContain("bindsContent");
        assertThat(read(json).platforms().get(0).bindsContent()).as("entries from before bindings").isFalse();
        String wrong = json.replace("\"development\" : false", "\"development\" : false, \"bindsContent\" : \"yes\"");
        assertThatThrownBy(() -> read(wrong)).hasMessageContaining("platforms[0].bindsContent: must be true or false");
    }

    @Test
    void mutualRecognitionThroughExportAndImport() throws Exception {
        // Platform A marks content; platform B imports A's exported entry and recognises A's signature.
        Path homeA = temp.resolve("a");
        Path homeB = temp.resolve("b");
        PlatformIdentity a = IdentityStore.loadOrCreateDevelopment(homeA, Clock.systemUTC(),
                TestSeed.randomSource("TrustRegistryJsonTest.a"));
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        TrustRegistryJson.write(new TrustRegistry(List.of(IdentityStore.exportTrustedPlatform(homeA))), exported);

        assertThat(TrustStore.load(homeB).platforms()).isEmpty();
        TrustRegistry registryB = TrustStore.importPlatforms(homeB, TrustRegistryJson.read(
                new ByteArrayInputStream(exported.toByteArray())));
        assertThat(TrustStore.load(homeB).platforms()).extracting(TrustedPlatform::id).containsExactly(a.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(TrustStore.file(homeB))))
                .isEqualTo("rw-------");

        AigcLabel label = AigcLabel.produced(LabelValue.values()[0], a.providerCode(), ProduceId.of("c-1"));
        label = label.withReservedCode1(SecurityData.signProducer(label, a.labelSigner()));
        SignatureCheck check = SecurityData.verifyProducer(label);
        TrustedPlatform signer = registryB.findBySigningKey(check.signerKey()).orElseThrow();
        assertThat(signer.id()).isEqualTo(a.id());
        assertThat(signer.development()).isTrue();
        assertThat(registryB.findByCertificate(a.c2paSigner().certificateChain().get(0))).isPresent();
        assertThat(registryB.findByWatermarkIssuer(a.watermarkKey().issuerId())).isPresent();

        // Re-importing replaces by id instead of duplicating.
        TrustStore.importPlatforms(homeB, TrustStore.load(homeB));
        assertThat(TrustStore.load(homeB).platforms()).hasSize(1);
    }

    @Test
    void invalidRegistriesAreRejectedWithTheJsonPath() throws Exception {
        String valid = write(new TrustRegistry(List.of(developmentEntry())));
        String key = valid.replaceAll("(?s).*\"spki\" : \"([^\"]+)\".*", "$1");
        String edKey = Base64.getEncoder().encodeToString(Keys.generate(SignatureAlgorithm.ED25519, RANDOM).getPublic().getEncoded());
        Map<String, String> cases = Map.ofEntries(
                Map.entry("schemaVersion", valid.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2")),
                Map.entry("platforms[0].providerCode", valid.replace("\"providerCodes\"", "\"providerCode\"")),
                Map.entry("platforms[0].signingKeys[0].spki: is not base64", valid.replace(key, "!!" + key)),
                Map.entry("platforms[0].signingKeys[0].spki: is a ED25519 key", valid.replace(key, edKey)),
                Map.entry("platforms[0].signingKeys[0].alg", valid.replace("\"SM2_SM3\"", "\"SM9\"")),
                Map.entry("platforms[0].providerCodes[0]", valid.replaceFirst("\"001191000000MA", "\"001191000000MB")),
                Map.entry("platforms[0].certificates[0]", valid.replaceFirst("-----BEGIN CERTIFICATE-----\\\\n",
                        "-----BEGIN CERTIFICATE-----\\\\nAAAA")),
                Map.entry("platforms[0].watermark.issuerId", valid.replaceFirst("\"issuerId\" : \\d+", "\"issuerId\" : 70000")),
                Map.entry("platforms[0].development", valid.replace("\"development\" : true", "\"development\" : \"yes\"")),
                Map.entry("platforms[1].id: 'dev-", valid.replaceFirst("(?s)\"platforms\" : \\[(.*)\\]\\s*}\\s*$",
                        "\"platforms\" : [$1,$1]}")),
                Map.entry("not valid JSON", valid.substring(0, valid.length() / 2)),
                Map.entry("platforms: must be an array", "{\"schemaVersion\":1,\"platforms\":{}}"),
                Map.entry("top level must be a JSON object", "[]"));
        cases.forEach((expected, json) -> assertThat(catchThrowable(() -> read(json))).as(expected)
                .isInstanceOf(IOException.class).hasMessageStartingWith("test.json: ").hasMessageContaining(expected));
    }

    @Test
    void hostileSizesAreBounded() {
        String deep = "{\"schemaVersion\":1,\"platforms\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> read(deep)).isInstanceOf(IOException.class);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };
        assertThatThrownBy(() -> TrustRegistryJson.read(endless, "endless")).isInstanceOf(IOException.class)
                .hasMessageContaining("larger than the limit");
    }

    @Test
    void emptyRegistryAndMinimalPlatformRead() throws Exception {
        assertThat(read("{\"schemaVersion\":1,\"platforms\":[]}").platforms()).isEmpty();
        TrustRegistry one = read("""
                {"schemaVersion":1,"platforms":[{"id":"p","name":"P","providerCodes":[],"signingKeys":[],
                 "certificates":[],"development":false}]}""");
        assertThat(one.platforms().get(0).watermarkKey()).isEmpty();
        TrustedPlatform withWatermark = new TrustedPlatform("w", "W", List.of(CODE_A), List.of(), List.of(),
                Optional.of(new WatermarkKey(5, new byte[16])), false);
        assertThat(read(write(new TrustRegistry(List.of(withWatermark)))).findByWatermarkIssuer(5)).isPresent();
    }
}
