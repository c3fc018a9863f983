package dev.aigcmark.core.identity;

import dev.aigcmark.core.label.ProduceId;
import dev.aigcmark.core.crypto.CertificateIssuer;
import dev.aigcmark.core.crypto.Keys;
import dev.aigcmark.core.crypto.SignatureAlgorithm;
import dev.aigcmark.core.label.AigcLabel;
import dev.aigcmark.core.label.LabelValue;
import dev.aigcmark.core.internal.securitydata.SecurityData;
import dev.aigcmark.core.trust.RegistryEntry;
import dev.aigcmark.core.trust.TrustPolicy;
import dev.aigcmark.core.trust.TrustRegistryJson;
import dev.aigcmark.core.trust.TrustStore;
import dev.aigcmark.core.trust.TrustDecision.Verdict;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production identities: creation, CA certificates, signed entries, rotation accepted by importers, revocation. */
class PlatformKeysTest {
    static final String CODE_A = "001191110102MACQD9K64010000";
    static final String CODE_B = "001191110102MACQD9K64020000";

    @TempDir
    Path dir;

    @Test
    void aSelfSignedPlatformIsProductionAndItsSignedEntryVerifies() throws IOException {
        Path home = dir.resolve("a");
        PlatformIdentity a = PlatformKeys.create(home, new PlatformKeys.Setup("Platform A", CODE_A,
                SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC());
        assertThat(a.development()).isFalse();
        assertThat(a.id()).isEqualTo("platform-a");
        assertThat(a.labelSigner().algorithm()).isEqualTo(SignatureAlgorithm.SM2_SM3);
        assertThat(a.c2paSigner().certificateChain()).isNotEmpty();
        List<RegistryEntry> entries = read(export(home));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.signedBy()).containsExactly(a.labelSigner().publicKey());
            assertThat(e.fingerprint()).matches("sha256:([0-9a-f]{4} ){7}[0-9a-f]{4}");
            assertThat(e.platform().development()).isFalse();
        });
        assertThatThrownBy(() -> PlatformKeys.create(home, new PlatformKeys.Setup("Again", CODE_A,
                SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC())).isInstanceOf(IOException.class);
    }

    @Test
    void aChangedEntryIsRefusedOnReading() throws IOException {
        Path home = dir.resolve("a");
        PlatformKeys.create(home, new PlatformKeys.Setup("Platform A", CODE_A, SignatureAlgorithm.ED25519, false),
                Clock.systemUTC());
        String json = new String(export(home), StandardCharsets.UTF_8).replace("\"Platform A\"", "\"Platform X\"");
        assertThatThrownBy(() -> read(json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("signatures[0]").hasMessageContaining("does not verify");
    }

    @Test
    void certificateRequestsThenTheCasChainInstalled() throws Exception {
        Path home = dir.resolve("b");
        PlatformIdentity b = PlatformKeys.create(home, new PlatformKeys.Setup("Platform B", CODE_B,
                SignatureAlgorithm.ECDSA_P256_SHA256, true), Clock.systemUTC());
        List<Path> requests = PlatformKeys.certificateRequests(home);
        assertThat(requests).hasSize(2);
        assertThat(Files.readString(requests.get(0))).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(b.labelSigner().certificateChain()).isEmpty();

        KeyPair caKeys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        Instant now = Instant.now();
        X509Certificate root = CertificateIssuer.selfSignedRoot(caKeys, new X500Name("CN=Example CA"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
        X509Certificate leaf = CertificateIssuer.issueLeaf(b.c2paSigner().publicKey(), new X500Name("CN=Platform B C2PA"),
                root, caKeys.getPrivate(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)));
        assertThatThrownBy(() -> PlatformKeys.installCertificates(home, Map.of(), PlatformKeys.Role.LABEL, List.of(leaf, root)))
                .hasMessageContaining("none of the 2 certificates is for the label key");
        PlatformKeys.installCertificates(home, Map.of(), PlatformKeys.Role.C2PA, List.of(root, leaf));
        PlatformIdentity installed = IdentityStore.load(home);
        assertThat(installed.c2paSigner().certificateChain()).startsWith(leaf);
        assertThat(IdentityStore.caCertificates(home)).containsExactly(root);
        assertThat(PlatformKeys.certificateRequests(home)).hasSize(1);
        assertThat(read(export(home)).get(0).platform().certificates()).contains(leaf, root);
    }

    @Test
    void aRotationSignedByTheOldKeyIsAcceptedAndRevocationFailsTheOldKeysSignatures() throws IOException {
        Path homeA = dir.resolve("a");
        Path homeB = dir.resolve("b");
        PlatformIdentity a = PlatformKeys.create(homeA, new PlatformKeys.Setup("Platform A", CODE_A,
                SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC());
        TrustStore.importEntries(homeB, read(export(homeA)), List.of(), false);
        AigcLabel oldLabel = signed(a);

        PublicKey next = PlatformKeys.rotateLabelKey(homeA, Map.of(), Clock.systemUTC());
        List<RegistryEntry> rotated = read(export(homeA));
        assertThat(rotated.get(0).signedBy()).containsExactly(next, a.labelSigner().publicKey());
        assertThat(TrustStore.importEntries(homeB, rotated, List.of(), false)).singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(TrustStore.ImportOutcome.UPDATED));
        TrustPolicy afterRotation = policyOf(homeB);
        assertThat(afterRotation.signingKey(next).trusted()).isTrue();
        assertThat(afterRotation.signingKey(SecurityData.verifyProducer(oldLabel).signerKey()).trusted())
                .as("what the old key signed stays valid").isTrue();

        assertThatThrownBy(() -> PlatformKeys.revokeLabelKey(homeA, Map.of(), Keys.fingerprint(next), "x", Clock.systemUTC()))
                .hasMessageContaining("rotate first");
        PlatformKeys.revokeLabelKey(homeA, Map.of(), Keys.fingerprint(a.labelSigner().publicKey()).substring(0, 12),
                "key compromise", Clock.systemUTC());
        TrustStore.importEntries(homeB, read(export(homeA)), List.of(), false);
        assertThat(policyOf(homeB).signingKey(a.labelSigner().publicKey()).verdict()).isEqualTo(Verdict.REVOKED);
    }

    @Test
    void anEntryClaimingAKnownPlatformWithOtherKeysIsRefusedUnlessReplaced() throws IOException {
        Path homeA = dir.resolve("a");
        Path forger = dir.resolve("f");
        Path homeB = dir.resolve("b");
        PlatformKeys.create(homeA, new PlatformKeys.Setup("Platform A", CODE_A, SignatureAlgorithm.SM2_SM3, false),
                Clock.systemUTC());
        PlatformKeys.create(forger, new PlatformKeys.Setup("platform a", "001191110102MACQD9K64019999",
                SignatureAlgorithm.SM2_SM3, false), Clock.systemUTC());
        TrustStore.importEntries(homeB, read(export(homeA)), List.of(), false);
        List<RegistryEntry> forged = read(export(forger));
        assertThatThrownBy(() -> TrustStore.importEntries(homeB, forged, List.of(), false))
                .isInstanceOf(TrustStore.ConflictException.class).hasMessageContaining("name");
        assertThat(TrustStore.load(homeB).platforms()).singleElement()
                .satisfies(p -> assertThat(p.providerCodes()).containsExactly(CODE_A));
        assertThat(TrustStore.importEntries(homeB, forged, List.of(), true)).singleElement()
                .satisfies(i -> assertThat(i.outcome()).isEqualTo(TrustStore.ImportOutcome.REPLACED));
        assertThat(TrustStore.load(homeB).platforms()).singleElement()
                .satisfies(p -> assertThat(p.providerCodes()).containsExactly("001191110102MACQD9K64019999"));
    }

    static AigcLabel signed(PlatformIdentity id) {
        AigcLabel l = AigcLabel.produced(LabelValue.AI_GENERATED, id.providerCode(), ProduceId.of("id-1"));
        return l.withReservedCode1(SecurityData.signProducer(l, id.labelSigner()));
    }

    static TrustPolicy policyOf(Path home) throws IOException {
        return new TrustPolicy(TrustStore.load(home), Optional.empty(), List.of(), Clock.systemUTC());
    }

    static byte[] export(Path home) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PlatformKeys.exportSigned(home, Map.of(), out);
        return out.toByteArray();
    }

    static List<RegistryEntry> read(byte[] json) throws IOException {
        return TrustRegistryJson.readEntries(new ByteArrayInputStream(json), "entry");
    }

}
